package io.erplink.mapping.execution;

/**
 * The run cannot succeed (unknown job, a failing row that must not be skipped, a removal over its
 * threshold, ...): whatever the current transaction did is rolled back and the run is recorded as
 * FAILED with this message, in a transaction of its own.
 */
public class RunFailure extends RuntimeException {
    public RunFailure(String message) {
        super(message);
    }

    public RunFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
