package io.erplink.kit.kafka;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;

/**
 * How a consumer of the suite's own events waits out an outage of what it writes to (PostgreSQL): the
 * handling is retried every second (200 ms jitter) for up to 30 minutes, each attempt a new transaction, the
 * offset not committed meanwhile. Without it a failed event stops the channel until the process restarts, and
 * the service stays unready after the database came back. Consumers name it on their {@code @Incoming} method
 * with {@code @ApplyGuard(EventRedelivery.GUARD)}; a consumer with other needs (mapping-service's
 * {@code batch.records}, order-queue-service's bounded ERP retries) declares its own {@code @Retry}.
 */
@Singleton
public class EventRedelivery {
    /** The guard's name for {@code @ApplyGuard}. */
    public static final String GUARD = "event-redelivery";

    @Produces
    @Identifier(GUARD)
    static final Guard REDELIVERY = Guard.create()
            .withRetry()
            .maxRetries(-1)
            .delay(1, ChronoUnit.SECONDS)
            .jitter(200, ChronoUnit.MILLIS)
            .maxDuration(30, ChronoUnit.MINUTES)
            .done()
            .build();
}
