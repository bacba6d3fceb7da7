package io.erplink.kit.health;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Readiness on the Kafka broker ({@link KafkaReadinessCheck}), for the services whose work is Kafka. */
@ConfigMapping(prefix = "erplink.kafka.readiness")
public interface KafkaReadinessConfig {

    /**
     * Whether the service has the check at all; read at build time. live-service turns it off: its outbox
     * buffers orders through a Kafka outage, so it stays ready.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long the check waits for the broker before it reports DOWN: below the readiness probe's
     * timeout, so a probe during a broker outage gets a DOWN with its reason, not silence.
     */
    @WithDefault("2s")
    Duration timeout();
}
