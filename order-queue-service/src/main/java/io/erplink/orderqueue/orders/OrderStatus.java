package io.erplink.orderqueue.orders;

/** Where a queued order stands. */
public enum OrderStatus {
    /** Waiting to be sent (due at {@code next_attempt_at}). */
    QUEUED,
    /** Owned by one replica that is talking to the ERP about it right now (under a lease). */
    SENDING,
    /** The ERP has the order; its order number is recorded. Final. */
    SYNCED,
    /** Given up after the maximum number of failed attempts; an operator may replay it. */
    FAILED,
    /** Held back by an operator (or unreadable on arrival); never sent until unparked. */
    PARKED
}
