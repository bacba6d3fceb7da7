package io.erplink.live.orders;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Queues placements that were interrupted between claiming the OrderID and storing the ERP's
 * answer (a crash or redeploy mid-call): order-queue-service checks the ERP before resending, so a
 * queued order that the ERP did create is not created twice.
 */
@ApplicationScoped
public class PlacingReaper {
    private static final Logger LOG = Logger.getLogger(PlacingReaper.class);
    private final OrderService orders;

    PlacingReaper(OrderService orders) {
        this.orders = orders;
    }

    @Scheduled(
            every = "${erplink.live.orders.reaper-interval:30s}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void queueInterrupted() {
        int queued = orders.queueInterrupted();
        if (queued > 0) {
            LOG.warnf("queued %d interrupted order placements", queued);
        }
    }
}
