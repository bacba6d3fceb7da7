package io.erplink.batch.runs;

/**
 * A run's status, in Spring Batch's vocabulary and order: STARTING (created, waiting for a worker),
 * STARTED (claimed: fetching pages, or sealed and waiting for mapping-service's merge), and the
 * final ones.
 */
public enum RunStatus {
    STARTING,
    STARTED,
    COMPLETED,
    FAILED,
    STOPPED,
    ABANDONED;

    public boolean isFinal() {
        return ordinal() >= COMPLETED.ordinal();
    }
}
