package io.erplink.kit.outbox;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The transactional outbox and its relay to Kafka. */
@ConfigMapping(prefix = "erplink.outbox")
public interface OutboxConfig {

    /**
     * Schema of the {@code outbox_event} and {@code processed_event} tables. Defaults to the first
     * schema in {@code quarkus.flyway.schemas}.
     */
    Optional<String> schema();

    /**
     * How often the relay looks for unpublished events. It is also woken right after every commit
     * that wrote an event, so this only bounds the delay after a Kafka outage.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** Events sent per relay round (one database transaction, one producer flush). */
    @WithDefault("500")
    int batchSize();

    /**
     * How long the relay waits for Kafka to acknowledge a round before it retries it later (also the relay
     * producer's delivery timeout, so a send the broker keeps refusing is given up within it).
     */
    @WithDefault("30s")
    Duration sendTimeout();

    /** Published events are kept this long (for inspection), then deleted. */
    @WithDefault("P7D")
    Duration retention();

    /** Whether this instance relays; with several replicas only one relays at a time anyway. */
    @WithDefault("true")
    boolean relayEnabled();
}
