package io.erplink.kit.logging;

import org.jboss.logging.MDC;

/**
 * The MDC fields every log line carries where they apply (plain text shows them with {@code %X},
 * the JSON format under {@code mdc}): {@code runId}, {@code activity}, {@code orderId},
 * {@code endpoint}; {@code traceId} and {@code spanId} are set by the OpenTelemetry extension. A
 * field is set for a piece of work and restored to what it was when the work ends.
 */
public final class LogContext implements AutoCloseable {
    public static final String RUN_ID = "runId";
    public static final String ACTIVITY = "activity";
    public static final String ORDER_ID = "orderId";
    public static final String ENDPOINT = "endpoint";

    private final String key;
    private final Object previous;
    private final LogContext outer;

    private LogContext(String key, Object value, LogContext outer) {
        this.key = key;
        this.previous = MDC.get(key);
        this.outer = outer;
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value.toString());
        }
    }

    /** Sets a field until {@link #close()}. */
    public static LogContext put(String key, Object value) {
        return new LogContext(key, value, null);
    }

    /** Sets one more field, restored by the same {@link #close()}. */
    public LogContext and(String key, Object value) {
        return new LogContext(key, value, this);
    }

    /** Restores the fields to what they were before. */
    @Override
    public void close() {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
        if (outer != null) {
            outer.close();
        }
    }
}
