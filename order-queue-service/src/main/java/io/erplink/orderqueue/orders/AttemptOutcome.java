package io.erplink.orderqueue.orders;

/** How an attempt ended; also the tag of the attempts metric. */
public enum AttemptOutcome {
    /** The ERP created the order (OrderCreated=true). */
    CREATED,
    /** The existence check found the order in the ERP: recorded instead of creating it again. */
    FOUND,
    /** The existence check did not find the order: it is safe to send it. */
    NOT_FOUND,
    /** The ERP answered but did not create the order (OrderCreated=false). */
    NOT_CREATED,
    /** No valid answer after the request went out (timeout, 5xx): the ERP may have created it. */
    UNKNOWN,
    /** The ERP was not reached (connection refused, 502/503, circuit open, bulkhead full). */
    UNAVAILABLE,
    /** The ERP asked to slow down (429). */
    THROTTLED,
    /** The ERP refused the request (4xx other than 429). */
    REJECTED,
    /** The ERP answered with something that is not a valid {@code <tables>} document. */
    MALFORMED,
    /** The replica sending the order died or stalled; the order went back to the queue. */
    LEASE_EXPIRED
}
