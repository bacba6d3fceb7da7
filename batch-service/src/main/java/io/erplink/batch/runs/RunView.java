package io.erplink.batch.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.erplink.protocol.events.SkippedRows;
import io.erplink.protocol.events.SourceTableCounts;
import io.erplink.protocol.events.TableCounts;
import io.erplink.protocol.events.TargetTableCounts;

/**
 * A run with its progress: pages and rows, what mapping-service did with them, an estimate where the
 * ERP tells the total (totalCount), and its errors.
 */
public record RunView(
        UUID id,
        String activity,
        RunKind kind,
        String trigger,
        Instant dueTime,
        UUID replayOf,
        Integer jobVersion,
        RunStatus status,
        RunPhase phase,
        int attempt,
        String leaseOwner,
        Instant heartbeatAt,
        Instant waitingSince,
        Progress progress,
        ExitCode exitCode,
        String exitMessage,
        List<TableCounts> tables,
        List<SourceTableCounts> sources,
        List<TargetTableCounts> targets,
        List<SkippedRows> skippedRows,
        Instant createdAt,
        Instant startedAt,
        Instant sealedAt,
        Instant endedAt,
        Instant lastUpdated,
        List<ErrorView> errors) {

    /**
     * Rows as Spring Batch counts them: once mapping-service merged the run, every row read is written,
     * skipped or failed once, rowsRead = rowsWritten + rowsSkipped + rowsFailed (per source table in
     * {@code sources}). rowsInserted, rowsUpdated, rowsUnchanged and rowsRemoved are destination rows,
     * summed over the destination tables ({@code targets}: received = inserted + updated + unchanged +
     * skipped each); a job writing several tables from one row has more of them than rows read.
     *
     * @param percent        rows read of totalCount, when the ERP sent totalCount
     * @param rowsPerSecond  rows read per second since the start
     * @param estimatedEnd   when fetching should be done at the current rate, when totalCount is known
     */
    public record Progress(
            int pagesFetched,
            int lastCommittedPage,
            String batchId,
            long rowsRead,
            long bytesRead,
            Long totalCount,
            Double percent,
            long chunksPublished,
            long chunksReported,
            long rowsWritten,
            long rowsSkipped,
            long rowsFailed,
            Long rowsInserted,
            Long rowsUpdated,
            Long rowsUnchanged,
            Long rowsRemoved,
            Double rowsPerSecond,
            Instant estimatedEnd) {}

    public record ErrorView(
            String source, Integer page, Long row, String table, String key, String message, Instant at) {}

    static RunView of(Run r, List<RunError> errors) {
        Instant end = r.sealedAt != null ? r.sealedAt : r.endedAt != null ? r.endedAt : Instant.now();
        Double rate = null;
        Instant eta = null;
        if (r.startedAt != null && r.rowsRead > 0) {
            double seconds = Math.max(0.001, Duration.between(r.startedAt, end).toMillis() / 1000.0);
            rate = r.rowsRead / seconds;
            if (r.totalCount != null && r.totalCount > r.rowsRead && r.phase == RunPhase.FETCHING) {
                eta = Instant.now().plusMillis((long) ((r.totalCount - r.rowsRead) / rate * 1000));
            }
        }
        Double percent = r.totalCount == null || r.totalCount == 0
                ? null
                : Math.min(100.0, Math.round(1000.0 * r.rowsRead / r.totalCount) / 10.0);
        Progress progress = new Progress(
                r.pagesFetched,
                r.lastCommittedPage,
                r.batchId,
                r.rowsRead,
                r.bytesRead,
                r.totalCount,
                percent,
                r.nextSequence,
                r.chunksReported,
                r.rowsWritten,
                r.rowsSkipped,
                r.rowsFailed,
                r.rowsInserted,
                r.rowsUpdated,
                r.rowsUnchanged,
                r.rowsRemoved,
                rate,
                eta);
        return new RunView(
                r.id,
                r.activityName,
                r.kind,
                r.trigger,
                r.dueTime,
                r.replayOf,
                r.jobVersion,
                r.status,
                r.phase,
                r.attempt,
                r.leaseOwner,
                r.heartbeatAt,
                r.waitingSince,
                progress,
                r.exitCode,
                r.exitMessage,
                r.tableCounts,
                r.sourceCounts,
                r.targetCounts,
                r.skippedRows,
                r.createdAt,
                r.startedAt,
                r.sealedAt,
                r.endedAt,
                r.lastUpdated,
                errors.stream()
                        .map(e -> new ErrorView(
                                e.source, e.page, e.rowNumber, e.tableName, e.rowKey, e.message, e.createdAt))
                        .toList());
    }
}
