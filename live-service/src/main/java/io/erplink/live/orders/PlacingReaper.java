package io.erplink.live.orders;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

import io.erplink.live.LiveConfig;
import io.erplink.live.erp.ErpClient;

/**
 * Queues placements that were interrupted between claiming the OrderID and storing the ERP's
 * answer (a crash or redeploy mid-call, a claim whose commit the database lost): order-queue-service
 * checks the ERP before resending, so a queued order that the ERP did create is not created twice.
 * That holds only if no CreateOrder of the placement can still be under way, hence the startup check
 * of {@code placing-timeout} against the ERP call ceiling.
 */
@ApplicationScoped
public class PlacingReaper {
    private static final Logger LOG = Logger.getLogger(PlacingReaper.class);
    private final OrderService orders;
    private final LiveConfig config;

    PlacingReaper(OrderService orders, LiveConfig config) {
        this.orders = orders;
        this.config = config;
    }

    void checkTimeout(@Observes StartupEvent start) {
        requireSafe(config.orders().placingTimeout(), ErpClient.ceiling());
    }

    /** A placing-timeout not above twice the ERP call ceiling could queue an order whose CreateOrder is under way. */
    public static void requireSafe(Duration placingTimeout, Duration ceiling) {
        if (placingTimeout.compareTo(ceiling.multipliedBy(2)) < 0) {
            throw new IllegalStateException("erplink.live.orders.placing-timeout (" + placingTimeout
                    + ") must be at least twice the ERP call ceiling (" + ceiling
                    + ", the ErpClient/guarded timeout): a shorter one could queue an order whose CreateOrder"
                    + " is still under way, and the ERP would get it twice");
        }
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
