package io.erplink.batch.runs;

import java.time.Instant;
import java.util.UUID;

import io.erplink.batch.publish.ChunkRule;

/**
 * A run as its worker sees it right after the claim: where to resume and under which lease.
 *
 * @param owner             this execution's lease owner (replica id + claim token)
 * @param lastCommittedPage pages 1..lastCommittedPage are on Kafka; resume with the next one
 * @param nextErpPage       the pageNumber to ask the ERP for next (null before the first page)
 * @param nextSequence      the first chunk sequence of the next page
 * @param previousOwner     the owner whose lease expired when this is a resumption, else null
 * @param chunks            how pages split into chunks, fixed at the run's first claim
 * @param odata             the OData source of a run on an OData endpoint, else null
 */
public record ClaimedRun(
        UUID id,
        long activityId,
        String activityName,
        RunKind kind,
        String requestXml,
        String mappingJob,
        boolean fullImport,
        boolean archive,
        String batchId,
        int lastCommittedPage,
        Integer nextErpPage,
        long nextSequence,
        long rowsRead,
        int attempt,
        String owner,
        Instant deadline,
        UUID replayOf,
        String previousOwner,
        String endpoint,
        ChunkRule chunks,
        OData odata) {

    /**
     * An OData run's source and resume point.
     *
     * @param source   the activity's OData source at the run's first claim (kept once the first request
     *                 is planned)
     * @param since    the watermark a delta run reads from, null for a full import
     * @param nextLink the request after the last committed page (the first request once planned); null
     *                 before the plan, and after the last page
     * @param maxDelta the largest delta-field value over the committed pages
     * @param jobVersion the mapping job version {@code source} follows (null: as shipped or as set through
     *                 the API)
     */
    public record OData(
            io.erplink.batch.odata.ODataSource source,
            String since,
            String nextLink,
            String maxDelta,
            Integer jobVersion) {}
}
