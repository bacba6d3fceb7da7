package io.erplink.live.erp;

import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.erplink.kit.erp.ErpException;

/** Classifies what came out of an {@link ErpClient} call. */
public final class ErpFailures {
    private ErpFailures() {}

    /**
     * True when the ERP was unavailable, busy, or did not answer properly (breaker open, bulkhead
     * full, timeout, connection error, 5xx, 429, malformed answer); false when it refused the
     * request ({@link ErpRejectedException}) or for anything else.
     */
    public static boolean unavailable(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ErpRejectedException) {
            return false;
        }
        return t instanceof CircuitBreakerOpenException
                || t instanceof BulkheadException
                || t instanceof TimeoutException
                || t instanceof ErpException;
    }

    /**
     * True when a CreateOrder that failed this way may have reached the ERP and been processed
     * without an answer: a timeout, a connection broken after sending, a 5xx, a malformed answer, or
     * anything unexpected. False when it certainly did not get there or was not processed: breaker
     * open, bulkhead full, connection refused, 502/503, 429, refused (4xx).
     */
    public static boolean outcomeUnknown(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ErpRejectedException
                || t instanceof CircuitBreakerOpenException
                || t instanceof BulkheadException) {
            return false;
        }
        if (t instanceof ErpException e) {
            return switch (e.kind()) {
                case REJECTED, THROTTLED -> false;
                case MALFORMED_RESPONSE -> true; // a 2xx answer: the ERP did the work
                case UNAVAILABLE, FAILED -> e.outcomeUnknown();
            };
        }
        return true; // TimeoutException (the call's ceiling) and anything unexpected
    }

    /** A short reason for logs, events and answers. */
    public static String reason(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof CircuitBreakerOpenException) {
            return "ERP circuit breaker open";
        }
        if (t instanceof BulkheadException) {
            return "ERP concurrency budget exhausted";
        }
        if (t instanceof TimeoutException) {
            return "ERP timeout";
        }
        if (t instanceof ErpException e) {
            return "ERP " + e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (e.status() > 0 ? " (HTTP " + e.status() + ")" : "")
                    + (e.outcomeUnknown() ? ", outcome unknown" : "");
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** Strips CompletionException/ExecutionException wrappers. */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
