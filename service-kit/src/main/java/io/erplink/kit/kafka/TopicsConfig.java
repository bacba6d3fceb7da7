package io.erplink.kit.kafka;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Whether and how a service creates the suite's topics ({@link io.erplink.protocol.events.Topics#ALL}, with
 * {@code erplink.topic-prefix}) at startup, so a Kafka without automatic topic creation works out of the box.
 */
@ConfigMapping(prefix = "erplink.kafka.topics")
public interface TopicsConfig {

    /**
     * Create missing topics at startup. Turn off where topics are managed elsewhere (GitOps, Strimzi
     * KafkaTopic resources) or the service may not create them; existing topics are never changed.
     */
    @WithDefault("true")
    boolean create();

    /**
     * Partitions of a topic created here. The number of mapping-service replicas that can share an
     * import, and of order-queue consumers, is bounded by it; it can be raised later, never lowered.
     */
    @WithDefault("3")
    int partitions();

    /** Replication factor of a topic created here; unset takes the broker's {@code default.replication.factor}. */
    Optional<Short> replicationFactor();

    /** How long to wait for Kafka; if it does not answer, the service starts anyway and says which topics it could not check. */
    @WithDefault("30s")
    Duration timeout();
}
