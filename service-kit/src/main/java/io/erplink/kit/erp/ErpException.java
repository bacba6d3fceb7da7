package io.erplink.kit.erp;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed ERP call, classified for the callers' fault-tolerance policies: retriable failures
 * (unavailable, throttled) may be retried and count against the circuit breaker; rejected
 * requests are the caller's fault and are never retried.
 */
public class ErpException extends RuntimeException {
    /** What went wrong, coarse enough for metrics and policies. */
    public enum Kind {
        /** Connection refused or reset, 502/503/504, or no answer in time. */
        UNAVAILABLE,
        /** 429: the ERP asks to slow down, see {@link #retryAfter()}. */
        THROTTLED,
        /** 4xx other than 429: the request itself is wrong (bad XML, bad signature, too big). */
        REJECTED,
        /** 500 or another 5xx: the ERP failed processing the request. */
        FAILED,
        /** The answer was not a well-formed {@code <tables>} document. */
        MALFORMED_RESPONSE
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;
    private final boolean outcomeUnknown;

    public ErpException(
            Kind kind, int status, String message, Duration retryAfter, boolean outcomeUnknown, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.outcomeUnknown = outcomeUnknown;
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** The connector's Retry-After on a 429. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Whether a retry may succeed without changing the request. */
    public boolean retriable() {
        return kind == Kind.UNAVAILABLE || kind == Kind.THROTTLED;
    }

    /**
     * True when the request may have been processed although no valid answer came back (a timeout
     * after sending, a 5xx): before resending a CreateOrder, ask the ERP whether the order exists.
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
