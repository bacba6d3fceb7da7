package io.erplink.protocol.events;

/**
 * The last event of a run on {@code batch.records}: every chunk has been published, so
 * mapping-service may merge the run once it has all {@code chunkCount} chunks. With the run's
 * chunks spread over the partitions ({@link RecordChunk#SPREAD_HEADER}) it may arrive before some of
 * them: the chunk count is all the merge needs to know it has everything.
 *
 * @param eventId    unique id of this event
 * @param version    contract version, {@link #VERSION}
 * @param runId      the batch run
 * @param job        the mapping job
 * @param chunkCount number of chunks published (sequences 0 .. chunkCount-1)
 * @param rowCount   number of rows in all chunks
 * @param fullImport true when the run carried the complete source (a reimport), so
 *                   "remove rows not in source" and "deactivate missing" may apply
 */
public record RunSealed(
        String eventId, int version, String runId, String job, long chunkCount, long rowCount, boolean fullImport) {
    public static final int VERSION = 1;
}
