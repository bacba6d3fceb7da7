package io.erplink.live.orders;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the ERP's answer to a placement's CreateOrder means for the order row (PLACING until then).
 * Storing one is a no-op once the row has left PLACING (stored before, or queued by the reaper), so an
 * outcome may be stored again after a failure whose commit went through.
 */
sealed interface PlacementOutcome {
    String orderId();

    /** Stores it; the stored order, or null when the order was forgotten. */
    PlacedOrder store(OrderStore store);

    /** The order as it will be once stored, for the answer while the database cannot store it. */
    PlacedOrder unsaved(PlacedOrder claim);

    /** The ERP created the order live. */
    record Created(String orderId, String erpOrderNumber, BigDecimal totalWithVat) implements PlacementOutcome {
        @Override
        public PlacedOrder store(OrderStore store) {
            return store.created(orderId, erpOrderNumber, totalWithVat);
        }

        @Override
        public PlacedOrder unsaved(PlacedOrder claim) {
            claim.status = PlacedOrder.Status.CREATED;
            claim.erpOrderNumber = erpOrderNumber;
            claim.totalWithVat = totalWithVat;
            claim.updatedAt = Instant.now();
            return claim;
        }
    }

    /** For order-queue-service: the ERP was unavailable, or the outcome of the create is unknown. */
    record Queued(String orderId, String reason, boolean outcomeUnknown) implements PlacementOutcome {
        @Override
        public PlacedOrder store(OrderStore store) {
            return store.queue(orderId, reason, outcomeUnknown);
        }

        @Override
        public PlacedOrder unsaved(PlacedOrder claim) {
            claim.status = PlacedOrder.Status.QUEUED;
            claim.queueReason = reason;
            claim.updatedAt = Instant.now();
            return claim;
        }
    }

    /** The ERP refused it: forgotten, so the shop can correct and place it again. */
    record Refused(String orderId) implements PlacementOutcome {
        @Override
        public PlacedOrder store(OrderStore store) {
            store.forget(orderId);
            return null;
        }

        @Override
        public PlacedOrder unsaved(PlacedOrder claim) {
            return null;
        }
    }
}
