package io.erplink.live.orders;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Outcomes of placements that the database failed to store: it went away (PostgreSQL restarting, the
 * connection dropped) between the order's claim and the ERP's answer. The ERP's answer is known only
 * here, so it is kept and stored as soon as the database answers again: the order becomes CREATED with
 * its ERP number, or QUEUED with the exact outcomeUnknown flag, seconds after the outage instead of
 * staying PLACING. If this replica dies first, the reaper queues the row as outcome-unknown after
 * {@code placing-timeout}. Bounded by the placements in flight when the database went (a placement
 * whose claim fails holds nothing).
 */
@ApplicationScoped
public class PendingOutcomes {
    private static final Logger LOG = Logger.getLogger(PendingOutcomes.class);

    private final Map<String, PlacementOutcome> pending = new ConcurrentHashMap<>();
    private final OrderStore store;

    PendingOutcomes(OrderStore store, MeterRegistry registry) {
        this.store = store;
        registry.gaugeMapSize("erplink.live.orders.pending.outcomes", List.of(), pending);
    }

    /** Keeps an outcome whose storing failed with {@code failure}, to store it when the database is back. */
    void hold(PlacementOutcome outcome, RuntimeException failure) {
        pending.put(outcome.orderId(), outcome);
        LOG.warnf(
                "order %s: its outcome (%s) is kept until the database stores it: %s",
                outcome.orderId(), outcome, failure.toString());
    }

    /** Stores the held outcomes; one that fails (the database still away) is tried again next round. */
    @Scheduled(
            every = "${erplink.live.orders.outcome-retry-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void storeHeld() {
        for (PlacementOutcome outcome : List.copyOf(pending.values())) {
            try {
                outcome.store(store);
            } catch (RuntimeException e) {
                LOG.debugf("order %s: held outcome not stored yet: %s", outcome.orderId(), e.toString());
                continue;
            }
            pending.remove(outcome.orderId(), outcome);
            LOG.infof("order %s: its held outcome is stored", outcome.orderId());
        }
    }
}
