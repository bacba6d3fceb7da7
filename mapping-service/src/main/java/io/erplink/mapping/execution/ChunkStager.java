package io.erplink.mapping.execution;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

import io.erplink.kit.inbox.ProcessedEvents;
import io.erplink.mapping.config.MappingConfig;
import io.erplink.mapping.engine.CompiledJob;
import io.erplink.mapping.engine.SourceRow;
import io.erplink.mapping.execution.Staging.RefusedRow;
import io.erplink.mapping.execution.Staging.StageRow;
import io.erplink.mapping.schema.TableInfo;
import io.erplink.protocol.events.RecordChunk;

/**
 * Stages a chunk, in the caller's transaction: records its event as processed, locks the run shared
 * (chunks of one run stage concurrently, on several replicas; sealing, merging and failing wait for
 * them), claims the chunk (a chunk staged elsewhere meanwhile is ignored), maps the rows with the job
 * and COPYs them into the run's staging tables (rows the database refuses become failed rows),
 * records the chunk's counts and publishes its ChunkResult.
 */
@ApplicationScoped
class ChunkStager {
    private static final Logger LOG = Logger.getLogger(ChunkStager.class);

    /** A chunk staged by this delivery: what an {@link EagerMerge} needs of it. */
    record StagedChunk(
            MappingRun run,
            CompiledJob job,
            long sequence,
            MappedChunk mapped,
            Map<TableInfo, List<StageRow>> rows,
            boolean refused,
            Map<TableInfo, Staging.CommerceText> text) {}

    private final AgroalDataSource dataSource;
    private final MappingRunRepository runs;
    private final StagingTables staging;
    private final ImportJobs jobs;
    private final OutcomePublisher publisher;
    private final ProcessedEvents processed;
    private final EagerMerges eager;
    private final MappingConfig config;

    ChunkStager(
            AgroalDataSource dataSource,
            MappingRunRepository runs,
            StagingTables staging,
            ImportJobs jobs,
            OutcomePublisher publisher,
            ProcessedEvents processed,
            EagerMerges eager,
            MappingConfig config) {
        this.dataSource = dataSource;
        this.runs = runs;
        this.staging = staging;
        this.jobs = jobs;
        this.publisher = publisher;
        this.processed = processed;
        this.eager = eager;
        this.config = config;
    }

    /**
     * @param spread whether the run's chunks are spread over the partitions: no eager merge can hold them all
     * @return the staged chunk, or null when this delivery staged nothing (a redelivery, a finished run)
     * @throws MappingRunFailure when the run cannot succeed
     */
    StagedChunk stage(RecordChunk chunk, boolean spread) throws SQLException {
        if (!processed.firstDelivery(MappingRunExecutor.CONSUMER, chunk.eventId())) {
            LOG.debugf("run %s chunk %d: event %s already processed", chunk.runId(), chunk.sequence(), chunk.eventId());
            return null;
        }
        try (Connection connection = dataSource.getConnection()) {
            MappingRun run = runs.lockShared(connection, chunk.runId(), chunk.job());
            if (!run.started()) {
                LOG.infof(
                        "run %s is %s: chunk %d ignored",
                        run.runId(), run.status().stored(), chunk.sequence());
                return null;
            }
            if (!run.job().equals(chunk.job())) {
                throw new MappingRunFailure("chunk " + chunk.sequence() + " names job '" + chunk.job()
                        + "' but the run maps with '" + run.job() + "'");
            }
            if (run.sealed() && chunk.sequence() >= run.chunkCount()) {
                throw new MappingRunFailure("chunk " + chunk.sequence() + " arrived but the run was sealed with "
                        + run.chunkCount() + " chunks");
            }
            if (!runs.claimChunk(connection, run.runId(), chunk.sequence())) {
                LOG.infof(
                        "run %s chunk %d was staged already (redelivered under event %s): ignored",
                        run.runId(), chunk.sequence(), chunk.eventId());
                return null;
            }
            CompiledJob job = jobs.get(run.job());
            MappedChunk mapped = map(chunk, run, job);
            Map<TableInfo, List<StageRow>> rows = mapped.stageRowsByTable();
            boolean refusedAny = false;
            // A first import's eager merge sends the same text to the commerce tables: kept as staging encodes it.
            Map<TableInfo, Staging.CommerceText> text =
                    !spread && eager.wants(run.runId(), chunk.sequence()) ? new HashMap<>() : null;
            for (Map.Entry<TableInfo, List<StageRow>> entry : rows.entrySet()) {
                String stage = staging.forTable(connection, run, entry.getKey());
                for (RefusedRow refused : Staging.copy(
                        connection,
                        stage,
                        entry.getKey(),
                        entry.getValue(),
                        config.copyBatchRows(),
                        text == null
                                ? null
                                : columns ->
                                        text.computeIfAbsent(entry.getKey(), t -> new Staging.CommerceText(columns)))) {
                    mapped.refused(refused.row(), refused.message());
                    refusedAny = true;
                }
            }
            runs.recordChunk(connection, run.runId(), chunk, mapped);
            publisher.chunkStaged(run.runId(), chunk.sequence(), mapped);
            LOG.debugf(
                    "run %s chunk %d: %d read, %d staged, %d skipped, %d failed",
                    run.runId(), chunk.sequence(), mapped.read(), mapped.staged(), mapped.skipped(), mapped.failed());
            return new StagedChunk(
                    run, job, chunk.sequence(), mapped, rows, refusedAny, text == null ? Map.of() : text);
        }
    }

    private MappedChunk map(RecordChunk chunk, MappingRun run, CompiledJob job) {
        MappedChunk mapped = new MappedChunk(
                job, chunk.sequence(), chunk.page(), config.maxReportedErrors(), run.fullImport() || removesRows(job));
        for (RecordChunk.Row row : chunk.rows()) {
            if (row == null || row.table() == null || row.table().isBlank()) {
                mapped.addUnreadable(
                        row == null ? -1 : row.row(), row == null ? null : row.table(), "the row names no table");
                continue;
            }
            mapped.add(new SourceRow(
                    row.table(), chunk.page(), row.row(), row.columns() == null ? Map.of() : row.columns()));
        }
        return mapped;
    }

    private static boolean removesRows(CompiledJob job) {
        return job.mappings().stream()
                .anyMatch(
                        m -> m.options().removeRowsNotInSource() || m.options().deactivateMissingProducts());
    }
}
