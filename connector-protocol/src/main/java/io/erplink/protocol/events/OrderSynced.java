package io.erplink.protocol.events;

import java.time.Instant;

/**
 * The final outcome of a queued order ({@code orders.synced}), for live-service.
 *
 * @param eventId        unique id of this event
 * @param version        contract version, {@link #VERSION}
 * @param orderId        the shop's OrderID
 * @param status         {@code SYNCED} (the ERP has the order) or {@code FAILED} (gave up)
 * @param erpOrderNumber the ERP order number (OrderIntegrationOrderId) when synced, else null
 * @param error          the final error when failed, else null
 * @param attempts       attempts made
 * @param at             when the outcome was recorded
 */
public record OrderSynced(
        String eventId,
        int version,
        String orderId,
        Status status,
        String erpOrderNumber,
        String error,
        int attempts,
        Instant at) {
    public static final int VERSION = 1;

    public enum Status {
        SYNCED,
        FAILED
    }
}
