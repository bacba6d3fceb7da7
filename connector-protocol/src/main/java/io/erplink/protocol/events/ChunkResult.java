package io.erplink.protocol.events;

import java.util.List;

/**
 * What mapping-service did with one chunk ({@code batch.results}): rows staged, skipped or failed.
 *
 * @param eventId  unique id of this event
 * @param version  contract version, {@link #VERSION}
 * @param runId    the batch run
 * @param sequence the chunk's sequence
 * @param read     rows read from the chunk
 * @param staged   rows that passed conditionals and conversion and wait for the merge
 * @param skipped  rows left out on purpose (conditionals, null handling, duplicates)
 * @param failed   rows that could not be converted
 * @param errors   one entry per failed row (bounded by mapping-service)
 */
public record ChunkResult(
        String eventId,
        int version,
        String runId,
        long sequence,
        long read,
        long staged,
        long skipped,
        long failed,
        List<RowError> errors) {
    public static final int VERSION = 1;
}
