package io.erplink.protocol.events;

import java.time.Instant;
import java.util.Locale;

/**
 * An order live-service accepted while the ERP was unavailable ({@code orders.queued}).
 *
 * <p>Version 2 adds {@code outcomeUnknown}. Version 1 events (without it) are still read: their
 * {@link #createOutcomeUnknown()} is derived from the reason, the safe way (see there).
 *
 * @param eventId         unique id of this event
 * @param version         contract version, {@link #VERSION} (1 is still read)
 * @param orderId         the shop's OrderID: the idempotency key towards the ERP
 * @param shopId          the shop the order was placed in
 * @param customerId      the ERP customer key (ExternalUserID), or the anonymous key
 * @param calculateOrderXml the complete CalculateOrder request with CreateOrder=True, as it must be sent
 * @param reason          why it was queued (breaker open, timeout, connection error)
 * @param placedAt        when the customer placed the order
 * @param outcomeUnknown  true when live-service's CreateOrder reached or may have reached the ERP without
 *                        an answer (timeout, connection broken after sending, 5xx, placement interrupted):
 *                        the ERP may have created the order, so ask it before creating it (version 2)
 */
public record OrderQueued(
        String eventId,
        int version,
        String orderId,
        String shopId,
        String customerId,
        String calculateOrderXml,
        String reason,
        Instant placedAt,
        boolean outcomeUnknown) {
    public static final int VERSION = 2;

    /** Versions a consumer must be able to read. */
    public static boolean known(int version) {
        return version == 1 || version == VERSION;
    }

    /**
     * Whether the ERP may have the order already, so the first create must be preceded by an existence
     * check. Version 2 says so; for a version 1 event only the reasons that mean the ERP was not reached
     * (breaker open, concurrency budget, connection refused, 502/503, 429) read as known, everything
     * else (a timeout, "outcome unknown", an interrupted placement, an unexpected failure) as unknown.
     */
    public boolean createOutcomeUnknown() {
        if (version >= 2) {
            return outcomeUnknown;
        }
        String text = reason == null ? "" : reason.strip().toLowerCase(Locale.ROOT);
        boolean notReached = text.equals("erp circuit breaker open")
                || text.equals("erp concurrency budget exhausted")
                || text.equals("erp unavailable")
                || text.equals("erp unavailable (http 502)")
                || text.equals("erp unavailable (http 503)")
                || text.startsWith("erp throttled");
        return !notReached;
    }
}
