package io.erplink.orderqueue.sync;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

/**
 * Whether this replica considers the ERP reachable. Down after the ERP was not reached (or the
 * circuit breaker is open, or another service reported it down); up again after a successful probe
 * or an {@code erp.status} UP, which fires {@link ErpBackUp} so the drainer starts at once.
 */
@ApplicationScoped
public class ErpAvailability {
    private static final Logger LOG = Logger.getLogger(ErpAvailability.class);

    /** Fired when the ERP is considered reachable again. */
    public record ErpBackUp(String reason) {}

    private final AtomicReference<Boolean> up = new AtomicReference<>(Boolean.TRUE);
    private final Event<ErpBackUp> backUp;

    ErpAvailability(Event<ErpBackUp> backUp) {
        this.backUp = backUp;
    }

    public boolean isUp() {
        return up.get();
    }

    public void markDown(String reason) {
        if (up.compareAndSet(Boolean.TRUE, Boolean.FALSE)) {
            LOG.warnf("ERP considered down (%s): sending paused, probing", reason);
        }
    }

    /** Marks the ERP up and wakes the drainer, even if it was considered up already. */
    public void markUp(String reason) {
        if (up.compareAndSet(Boolean.FALSE, Boolean.TRUE)) {
            LOG.infof("ERP considered up again (%s): draining the queue", reason);
        }
        backUp.fire(new ErpBackUp(reason));
    }
}
