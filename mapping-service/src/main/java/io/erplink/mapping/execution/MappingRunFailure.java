package io.erplink.mapping.execution;

/**
 * The run cannot succeed (unknown job, a failing row that must not be skipped, a removal over its
 * threshold, ...): whatever the current transaction did is rolled back and the run is recorded as
 * FAILED with this message, in a transaction of its own.
 */
public class MappingRunFailure extends RuntimeException {
    public MappingRunFailure(String message) {
        super(message);
    }

    public MappingRunFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
