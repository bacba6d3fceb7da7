package io.erplink.protocol.events;

import java.time.Instant;

/**
 * ERP availability as one service saw it ({@code erp.status}); order-queue-service starts
 * replaying as soon as an {@code UP} arrives.
 *
 * @param eventId  unique id of this event
 * @param version  contract version, {@link #VERSION}
 * @param source   the reporting service and breaker, e.g. {@code live-service/erp}
 * @param status   {@code UP} or {@code DOWN}
 * @param detail   why (breaker opened after failures, probe succeeded, ...)
 * @param at       when the change was observed
 */
public record ErpStatusChanged(String eventId, int version, String source, Status status, String detail, Instant at) {
    public static final int VERSION = 1;

    public enum Status {
        UP,
        DOWN
    }
}
