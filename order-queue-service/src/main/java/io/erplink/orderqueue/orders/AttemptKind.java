package io.erplink.orderqueue.orders;

/** What an attempt did. */
public enum AttemptKind {
    /** Sent the CalculateOrder request with CreateOrder=True. */
    CREATE,
    /** Asked the ERP whether the order exists (SalesHeaders filtered by OrderId). */
    LOOKUP,
    /** No call: the replica that owned the order stopped answering and its lease expired. */
    LEASE
}
