package io.erplink.protocol.events;

import java.time.Instant;

/**
 * An order live-service accepted while the ERP was unavailable ({@code orders.queued}).
 *
 * @param eventId         unique id of this event
 * @param version         contract version, {@link #VERSION}
 * @param orderId         the shop's OrderID: the idempotency key towards the ERP
 * @param shopId          the shop the order was placed in
 * @param customerId      the ERP customer key (ExternalUserID), or the anonymous key
 * @param calculateOrderXml the complete CalculateOrder request with CreateOrder=True, as it must be sent
 * @param reason          why it was queued (breaker open, timeout, connection error)
 * @param placedAt        when the customer placed the order
 */
public record OrderQueued(
        String eventId,
        int version,
        String orderId,
        String shopId,
        String customerId,
        String calculateOrderXml,
        String reason,
        Instant placedAt) {
    public static final int VERSION = 1;
}
