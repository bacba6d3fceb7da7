package io.erplink.protocol.events;

import java.util.List;

/**
 * The outcome of a run's final merge ({@code batch.results}).
 *
 * @param eventId  unique id of this event
 * @param version  contract version, {@link #VERSION}
 * @param runId    the batch run
 * @param status   {@code MERGED} or {@code FAILED}
 * @param read     rows read in all chunks
 * @param inserted rows inserted into the destination tables
 * @param updated  rows updated
 * @param skipped  rows skipped
 * @param failed   rows failed
 * @param removed  rows removed or deactivated (remove rows not in source / deactivate missing)
 * @param message  a failure's reason, or null
 * @param errors   row errors (bounded)
 */
public record RunResult(
        String eventId,
        int version,
        String runId,
        Status status,
        long read,
        long inserted,
        long updated,
        long skipped,
        long failed,
        long removed,
        String message,
        List<RowError> errors) {
    public static final int VERSION = 1;

    public enum Status {
        MERGED,
        FAILED
    }
}
