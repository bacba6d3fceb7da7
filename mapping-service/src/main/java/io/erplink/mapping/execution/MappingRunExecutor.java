package io.erplink.mapping.execution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.postgresql.Driver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import io.erplink.kit.inbox.ProcessedEvents;
import io.erplink.kit.outbox.Outbox;
import io.erplink.mapping.config.MappingConfig;
import io.erplink.mapping.engine.CompiledJob;
import io.erplink.mapping.engine.CompiledTableMapping;
import io.erplink.mapping.engine.SourceRow;
import io.erplink.mapping.execution.MappedChunk.MappingRows;
import io.erplink.mapping.execution.Staging.RefusedRow;
import io.erplink.mapping.execution.Staging.StageRow;
import io.erplink.mapping.jobs.JobRegistry;
import io.erplink.mapping.schema.NameSuggestions;
import io.erplink.mapping.schema.TableInfo;
import io.erplink.protocol.events.CatalogChanged;
import io.erplink.protocol.events.ChunkResult;
import io.erplink.protocol.events.RecordChunk;
import io.erplink.protocol.events.RowError;
import io.erplink.protocol.events.RunResult;
import io.erplink.protocol.events.RunSealed;
import io.erplink.protocol.events.SkippedRows;
import io.erplink.protocol.events.TableCounts;
import io.erplink.protocol.events.Topics;

/**
 * Executes runs: stages each chunk (one transaction per chunk: inbox record, staging COPY, chunk
 * bookkeeping, ChunkResult in the outbox) and merges the run once it is sealed and every chunk is
 * staged, in a transaction right after the one of whichever event completed it (RunSealed or the last
 * chunk); a redelivered event tries that merge again, so a crash between the two loses nothing. A
 * run that cannot succeed is rolled back and recorded as FAILED in a transaction of its own, with its
 * RunResult.
 *
 * <p>A first import (every commerce table of the job empty at its first chunk) is merged as its
 * chunks arrive, by an {@link EagerMerge}; its merge then only commits that. Whenever the eager merge
 * cannot match the usual one, it is rolled back and the usual merge runs from staging.
 *
 * <p>Per run the {@code mapping_run} row is locked first, so chunks of one run are never staged or
 * merged concurrently, even across replicas.
 */
@ApplicationScoped
public class MappingRunExecutor {
    private static final Logger LOG = Logger.getLogger(MappingRunExecutor.class);
    /** The consumer name in {@code processed_event}. */
    static final String CONSUMER = "mapping-batch-records";
    /** Merges of first imports done as their chunks arrived ({@code outcome=committed}) or redone from staging ({@code fell-back}). */
    static final String EAGER_MERGES = "erplink.mapping.eager-merges";

    private final AgroalDataSource dataSource;
    private final JobRegistry jobs;
    private final MappingConfig config;
    private final Outbox outbox;
    private final ProcessedEvents processed;
    private final ObjectMapper mapper;
    private final MeterRegistry metrics;
    private final MergeMetrics mergeMetrics;

    MappingRunExecutor(
            AgroalDataSource dataSource,
            JobRegistry jobs,
            MappingConfig config,
            Outbox outbox,
            ProcessedEvents processed,
            ObjectMapper mapper,
            MeterRegistry metrics,
            MergeMetrics mergeMetrics) {
        this.dataSource = dataSource;
        this.jobs = jobs;
        this.config = config;
        this.outbox = outbox;
        this.processed = processed;
        this.mapper = mapper;
        this.metrics = metrics;
        this.mergeMetrics = mergeMetrics;
    }

    private record MappingRun(
            String runId,
            String job,
            String status,
            boolean sealed,
            Long chunkCount,
            Long rowCount,
            boolean fullImport,
            long stageId) {}

    /** A chunk staged by this delivery: what an {@link EagerMerge} needs of it. */
    private record Staged(
            MappingRun run,
            CompiledJob job,
            long sequence,
            MappedChunk mapped,
            Map<TableInfo, List<StageRow>> rows,
            boolean refused) {}

    /** Eager merges of runs in progress, by run id. */
    private final Map<String, EagerMerge> eager = new ConcurrentHashMap<>();

    // ---- entry points -------------------------------------------------------------------------------------------

    /** Stages a chunk (and merges the run when it was the last one missing). */
    public void onChunk(RecordChunk chunk) {
        Staged staged;
        try {
            staged = inTransaction(() -> stage(chunk));
        } catch (MappingRunFailure failure) {
            closeEager(chunk.runId());
            transaction(() -> fail(chunk.runId(), chunk.job(), failure.getMessage(), chunk.eventId()));
            return;
        }
        if (staged != null) {
            mergeEagerly(staged);
        }
        if (staged == null || staged.run().sealed()) {
            completeIfReady(chunk.runId(), chunk.job());
        }
    }

    /** Seals a run (and merges it when every chunk is staged). */
    public void onSealed(RunSealed sealed) {
        try {
            transaction(() -> seal(sealed));
        } catch (MappingRunFailure failure) {
            closeEager(sealed.runId());
            transaction(() -> fail(sealed.runId(), sealed.job(), failure.getMessage(), sealed.eventId()));
            return;
        }
        completeIfReady(sealed.runId(), sealed.job());
    }

    /** Merges the run if it is sealed and every chunk is staged (its own transaction; a failure fails the run). */
    private void completeIfReady(String runId, String job) {
        try {
            transaction(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    MappingRun run = lockRun(connection, runId, job);
                    if ("STAGING".equals(run.status()) && run.sealed()) {
                        mergeIfComplete(connection, run);
                    }
                }
            });
        } catch (MappingRunFailure failure) {
            closeEager(runId);
            transaction(() -> fail(runId, job, failure.getMessage(), null));
        }
    }

    /** Hands a staged chunk to the run's eager merge, starting one at a first import's first chunk. */
    private void mergeEagerly(Staged staged) {
        String runId = staged.run().runId();
        EagerMerge merge = eager.get(runId);
        if (merge == null) {
            if (staged.sequence() != 0 || !config.eagerMerge().enabled()) {
                return;
            }
            merge = EagerMerge.begin(
                    this::directConnection,
                    runId,
                    staged.job(),
                    config.eagerMerge().idleTimeout());
            if (merge == null) {
                return;
            }
            eager.put(runId, merge);
        }
        merge.add(staged.sequence(), staged.mapped(), staged.rows(), staged.refused());
    }

    /**
     * A connection of its own, outside the pool: the pool's connections take part in the JTA transactions
     * of this service, and an eager merge's transaction must not (the merge commits it from inside one).
     */
    private Connection directConnection() throws SQLException {
        Config settings = ConfigProvider.getConfig();
        Properties properties = new Properties();
        settings.getOptionalValue("quarkus.datasource.username", String.class)
                .ifPresent(u -> properties.setProperty("user", u));
        settings.getOptionalValue("quarkus.datasource.password", String.class)
                .ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("ApplicationName", "mapping-service eager merge");
        return new Driver().connect(settings.getValue("quarkus.datasource.jdbc.url", String.class), properties);
    }

    private void closeEager(String runId) {
        EagerMerge merge = eager.remove(runId);
        if (merge != null) {
            merge.close();
        }
    }

    @PreDestroy
    void closeEagerMerges() {
        for (String runId : List.copyOf(eager.keySet())) {
            closeEager(runId);
        }
    }

    /** Runs never sealed within the retention are failed and their staged rows dropped. */
    @Scheduled(
            every = "${erplink.mapping.purge-interval:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeAbandoned() {
        List<String> abandoned = new ArrayList<>();
        transaction(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement("select run_id from mapping.mapping_run"
                            + " where status = 'STAGING' and created_at < now() - ?::interval")) {
                select.setString(1, config.stagedRunRetention().getSeconds() + " seconds");
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        abandoned.add(rows.getString(1));
                    }
                }
            }
        });
        for (String runId : abandoned) {
            transaction(() -> fail(
                    runId,
                    null,
                    "the run was not sealed (or not all its chunks arrived) within " + config.stagedRunRetention()
                            + "; its staged rows were dropped",
                    null));
        }
    }

    // ---- staging ---------------------------------------------------------------------------------------------------

    private Staged stage(RecordChunk chunk) throws SQLException {
        if (!processed.firstDelivery(CONSUMER, chunk.eventId())) {
            LOG.debugf("run %s chunk %d: event %s already processed", chunk.runId(), chunk.sequence(), chunk.eventId());
            return null;
        }
        try (Connection connection = dataSource.getConnection()) {
            MappingRun run = lockRun(connection, chunk.runId(), chunk.job());
            if (!"STAGING".equals(run.status())) {
                LOG.infof("run %s is %s: chunk %d ignored", run.runId(), run.status(), chunk.sequence());
                return null;
            }
            if (!run.job().equals(chunk.job())) {
                throw new MappingRunFailure("chunk " + chunk.sequence() + " names job '" + chunk.job()
                        + "' but the run maps with '" + run.job() + "'");
            }
            if (chunkExists(connection, run.runId(), chunk.sequence())) {
                LOG.infof(
                        "run %s chunk %d was staged already (redelivered under event %s): ignored",
                        run.runId(), chunk.sequence(), chunk.eventId());
                return null;
            }
            if (run.sealed() && chunk.sequence() >= run.chunkCount()) {
                throw new MappingRunFailure("chunk " + chunk.sequence() + " arrived but the run was sealed with "
                        + run.chunkCount() + " chunks");
            }
            CompiledJob job = importJob(run.job());
            MappedChunk mapped = new MappedChunk(
                    job,
                    chunk.sequence(),
                    chunk.page(),
                    config.maxReportedErrors(),
                    run.fullImport() || removesRows(job));
            for (RecordChunk.Row row : chunk.rows()) {
                if (row == null || row.table() == null || row.table().isBlank()) {
                    mapped.addUnreadable(
                            row == null ? -1 : row.row(), row == null ? null : row.table(), "the row names no table");
                    continue;
                }
                mapped.add(new SourceRow(
                        row.table(), chunk.page(), row.row(), row.columns() == null ? Map.of() : row.columns()));
            }
            Map<TableInfo, List<StageRow>> rows = mapped.stageRowsByTable();
            boolean refusedAny = false;
            for (Map.Entry<TableInfo, List<StageRow>> entry : rows.entrySet()) {
                String stage = stageTable(connection, run, entry.getKey());
                for (RefusedRow refused :
                        Staging.copy(connection, stage, entry.getKey(), entry.getValue(), config.copyBatchRows())) {
                    mapped.refused(refused.row(), refused.message());
                    refusedAny = true;
                }
            }
            recordChunk(connection, run, chunk, mapped);
            metrics.counter("erplink.mapping.rows.staged").increment(mapped.staged());
            metrics.counter("erplink.mapping.rows.failed").increment(mapped.failed());
            outbox.publish(
                    Topics.BATCH_RESULTS,
                    run.runId(),
                    new ChunkResult(
                            UUID.randomUUID().toString(),
                            ChunkResult.VERSION,
                            run.runId(),
                            chunk.sequence(),
                            mapped.read(),
                            mapped.staged(),
                            mapped.skipped(),
                            mapped.failed(),
                            List.copyOf(mapped.errors())));
            LOG.debugf(
                    "run %s chunk %d: %d read, %d staged, %d skipped, %d failed",
                    run.runId(), chunk.sequence(), mapped.read(), mapped.staged(), mapped.skipped(), mapped.failed());
            return new Staged(run, job, chunk.sequence(), mapped, rows, refusedAny);
        }
    }

    private static boolean removesRows(CompiledJob job) {
        return job.mappings().stream()
                .anyMatch(
                        m -> m.options().removeRowsNotInSource() || m.options().deactivateMissingProducts());
    }

    private String stageTable(Connection connection, MappingRun run, TableInfo table) throws SQLException {
        String name = Staging.tableName(run.stageId(), table);
        String qualified = Staging.qualified(config.stagingSchema(), name);
        try (PreparedStatement insert =
                connection.prepareStatement("insert into mapping.run_stage_table (run_id, destination,"
                        + " stage_table) values (?, ?, ?) on conflict do nothing")) {
            insert.setString(1, run.runId());
            insert.setString(2, table.name());
            insert.setString(3, name);
            if (insert.executeUpdate() == 1) {
                Staging.create(connection, qualified, table);
            }
        }
        return qualified;
    }

    private void recordChunk(Connection connection, MappingRun run, RecordChunk chunk, MappedChunk mapped)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into mapping.run_chunk (run_id, sequence, read, staged,"
                        + " skipped, failed, fatal, fatal_message, errors, tables) values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)")) {
            insert.setString(1, run.runId());
            insert.setLong(2, chunk.sequence());
            insert.setLong(3, mapped.read());
            insert.setLong(4, mapped.staged());
            insert.setLong(5, mapped.skipped());
            insert.setLong(6, mapped.failed());
            insert.setBoolean(7, mapped.fatal());
            insert.setString(8, mapped.fatalMessage());
            insert.setString(9, json(mapped.errors()));
            insert.setString(10, json(mapped.tables()));
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into mapping.run_chunk_mapping (run_id, sequence,"
                        + " mapping_index, staged, kept, union_mask, common_mask) values (?, ?, ?, ?, ?, ?::bit varying, ?::bit varying)")) {
            for (MappingRows rows : mapped.mappingRows()) {
                if (rows.staged() == 0 && rows.kept() == 0) {
                    continue;
                }
                int width = rows.mapping().destination().columns().size();
                insert.setString(1, run.runId());
                insert.setLong(2, chunk.sequence());
                insert.setInt(3, rows.mapping().index());
                insert.setLong(4, rows.staged());
                insert.setLong(5, rows.kept());
                insert.setString(6, bits(rows.union(), width));
                insert.setString(7, bits(rows.common(), width));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    // ---- sealing and merging ---------------------------------------------------------------------------------------

    private void seal(RunSealed sealed) throws SQLException {
        if (!processed.firstDelivery(CONSUMER, sealed.eventId())) {
            LOG.debugf("run %s: RunSealed %s already processed", sealed.runId(), sealed.eventId());
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            MappingRun run = lockRun(connection, sealed.runId(), sealed.job());
            if (!"STAGING".equals(run.status())) {
                LOG.infof("run %s is %s: RunSealed ignored", run.runId(), run.status());
                return;
            }
            if (run.sealed()) {
                LOG.infof("run %s was sealed already: RunSealed %s ignored", run.runId(), sealed.eventId());
                return;
            }
            if (!run.job().equals(sealed.job())) {
                throw new MappingRunFailure(
                        "RunSealed names job '" + sealed.job() + "' but the run's chunks name '" + run.job() + "'");
            }
            try (PreparedStatement update = connection.prepareStatement("update mapping.mapping_run set sealed = true,"
                    + " chunk_count = ?, row_count = ?, full_import = ? where run_id = ?")) {
                update.setLong(1, sealed.chunkCount());
                update.setLong(2, sealed.rowCount());
                update.setBoolean(3, sealed.fullImport());
                update.setString(4, run.runId());
                update.executeUpdate();
            }
        }
    }

    private void mergeIfComplete(Connection connection, MappingRun run) throws SQLException {
        long staged;
        long beyond;
        try (PreparedStatement count =
                connection.prepareStatement("select count(*), count(*) filter (where sequence >= ?)"
                        + " from mapping.run_chunk where run_id = ?")) {
            count.setLong(1, run.chunkCount());
            count.setString(2, run.runId());
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                staged = rows.getLong(1);
                beyond = rows.getLong(2);
            }
        }
        if (beyond > 0) {
            throw new MappingRunFailure(
                    "the run was sealed with " + run.chunkCount() + " chunks but chunks numbered beyond arrived");
        }
        if (staged < run.chunkCount()) {
            LOG.debugf("run %s: %d of %d chunks staged, merge waits", run.runId(), staged, run.chunkCount());
            return;
        }
        mergeMetrics.time(run.runId(), () -> merge(connection, run));
    }

    private void merge(Connection connection, MappingRun run) throws SQLException {
        long started = System.nanoTime();
        CompiledJob job = importJob(run.job());
        Totals totals = totals(connection, run.runId());
        if (totals.fatalMessage() != null) {
            throw new MappingRunFailure(
                    "a row failed in a table mapping that does not skip failing rows, nothing was merged: "
                            + totals.fatalMessage());
        }
        if (run.rowCount() != null && run.rowCount() != totals.read()) {
            throw new MappingRunFailure(
                    "the run was sealed with " + run.rowCount() + " rows but its chunks carried " + totals.read());
        }
        Map<String, String> stageTables = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select destination, stage_table from mapping.run_stage_table" + " where run_id = ?")) {
            select.setString(1, run.runId());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stageTables.put(rows.getString(1), Staging.qualified(config.stagingSchema(), rows.getString(2)));
                }
            }
        }
        Map<Integer, Merge.MappingStats> stats = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select mapping_index, sum(staged), bit_or(union_mask)::text,"
                        + " bit_and(common_mask)::text from mapping.run_chunk_mapping where run_id = ? and staged > 0 group by mapping_index")) {
            select.setString(1, run.runId());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stats.put(
                            rows.getInt(1),
                            new Merge.MappingStats(
                                    rows.getLong(2), bitSet(rows.getString(3)), bitSet(rows.getString(4))));
                }
            }
        }
        Merge.Outcome outcome = commitEager(run);
        if (outcome == null) {
            outcome = committedEagerly(connection, run.runId());
        }
        try {
            if (outcome == null) {
                outcome = Merge.run(
                        connection,
                        job,
                        new Merge.Input(run.runId(), stageTables, "mapping.run_chunk_mapping", stats, run.fullImport()),
                        config.catalogChangedMaxIds(),
                        config.mergeWorkMem());
            }
        } catch (Merge.Aborted e) {
            throw new MappingRunFailure(e.getMessage(), e);
        } catch (SQLException e) {
            if (isTransient(e)) {
                throw e;
            }
            throw new MappingRunFailure("the merge failed, nothing was merged: " + e.getMessage(), e);
        }
        dropStaging(connection, run.runId());
        try (PreparedStatement delete =
                connection.prepareStatement("delete from mapping.run_eager_outcome where run_id = ?")) {
            delete.setString(1, run.runId());
            delete.executeUpdate();
        }
        long skipped = totals.skipped() + outcome.skipped();
        totals.accounting().merged(job, outcome.tables());
        List<TableCounts> tables = totals.accounting().tables();
        List<SkippedRows> skippedRows = totals.accounting().skippedRows(run.job());
        try (PreparedStatement update = connection.prepareStatement("update mapping.mapping_run set status = 'MERGED',"
                + " finished_at = now(), read = ?, inserted = ?, updated = ?, unchanged = ?, skipped = ?, failed = ?, removed = ?,"
                + " message = null, tables = ?::jsonb, skipped_rows = ?::jsonb where run_id = ?")) {
            update.setLong(1, totals.read());
            update.setLong(2, outcome.inserted());
            update.setLong(3, outcome.updated());
            update.setLong(4, outcome.unchanged());
            update.setLong(5, skipped);
            update.setLong(6, totals.failed());
            update.setLong(7, outcome.removed());
            update.setString(8, json(tables));
            update.setString(9, json(skippedRows));
            update.setString(10, run.runId());
            update.executeUpdate();
        }
        RunResult result = new RunResult(
                UUID.randomUUID().toString(),
                RunResult.VERSION,
                run.runId(),
                RunResult.Status.MERGED,
                totals.read(),
                outcome.inserted(),
                outcome.updated(),
                skipped,
                totals.failed(),
                outcome.removed(),
                null,
                totals.errors(),
                outcome.unchanged(),
                tables,
                skippedRows);
        outbox.publish(Topics.BATCH_RESULTS, run.runId(), result);
        for (Merge.TableOutcome table : outcome.tables()) {
            if (table.productTable() && table.changed()) {
                List<String> ids = table.allProducts()
                        ? List.of()
                        : table.productIds().stream().sorted().toList();
                outbox.publish(
                        Topics.CATALOG_CHANGED,
                        table.table(),
                        new CatalogChanged(
                                UUID.randomUUID().toString(),
                                CatalogChanged.VERSION,
                                run.runId(),
                                displayName(job, table.table()),
                                ids,
                                table.allProducts()));
            }
        }
        metrics.counter("erplink.mapping.runs", "status", "MERGED").increment();
        LOG.infof(
                "run %s (%s) merged in %d ms: %s",
                run.runId(), run.job(), (System.nanoTime() - started) / 1_000_000, result.accounting());
    }

    /**
     * Commits the run's eager merge when it holds every chunk, and returns what it did; null when there
     * is none or it cannot be used (rolled back, the usual merge follows).
     */
    private Merge.Outcome commitEager(MappingRun run) {
        EagerMerge merge = eager.remove(run.runId());
        if (merge == null) {
            return null;
        }
        try (merge) {
            if (!merge.complete(run.chunkCount())) {
                metrics.counter(EAGER_MERGES, "outcome", "fell-back").increment();
                return null;
            }
            Merge.Outcome outcome = merge.commit(config.catalogChangedMaxIds(), this::outcomeJson);
            metrics.counter(EAGER_MERGES, "outcome", "committed").increment();
            LOG.debugf("run %s: the eager merge committed %d rows", run.runId(), outcome.inserted());
            return outcome;
        } catch (SQLException e) {
            LOG.infof("run %s: the eager merge did not commit (%s); merging from staging", run.runId(), e.getMessage());
            metrics.counter(EAGER_MERGES, "outcome", "fell-back").increment();
            return null;
        }
    }

    /**
     * The outcome of an eager merge that committed in an earlier attempt of this merge (which then
     * failed or crashed before the run was MERGED), or null: its rows are in already.
     */
    private Merge.Outcome committedEagerly(Connection connection, String runId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select outcome::text from mapping.run_eager_outcome" + " where run_id = ?")) {
            select.setString(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                LOG.infof("run %s: its eager merge committed in an earlier attempt; taking its outcome", runId);
                return mapper.readValue(rows.getString(1), Merge.Outcome.class);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "run " + runId + ": the recorded eager merge outcome is not readable: " + e.getMessage(), e);
        }
    }

    private String outcomeJson(Merge.Outcome outcome) {
        try {
            return mapper.writeValueAsString(outcome);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The table name as the job spells it (EcomProducts), not as PostgreSQL folded it (ecomproducts). */
    private static String displayName(CompiledJob job, String table) {
        for (CompiledTableMapping mapping : job.mappings()) {
            if (mapping.isImport() && mapping.destination().name().equals(table)) {
                return mapping.destinationName();
            }
        }
        return table;
    }

    /** Connection trouble, serialization failures, resource shortage, shutdown: worth retrying the event. */
    private static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return state == null
                || state.startsWith("08")
                || state.startsWith("40")
                || state.startsWith("53")
                || state.startsWith("57");
    }

    private record Totals(
            long read,
            long skipped,
            long failed,
            String fatalMessage,
            List<RowError> errors,
            RunAccounting accounting) {}

    private Totals totals(Connection connection, String runId) throws SQLException {
        long read = 0, skipped = 0, failed = 0;
        String fatal = null;
        List<RowError> errors = new ArrayList<>();
        RunAccounting accounting = new RunAccounting();
        try (PreparedStatement select =
                connection.prepareStatement("select read, skipped, failed, fatal_message, errors::text, tables::text"
                        + " from mapping.run_chunk where run_id = ? order by sequence")) {
            select.setString(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    read += rows.getLong(1);
                    skipped += rows.getLong(2);
                    failed += rows.getLong(3);
                    if (fatal == null) {
                        fatal = rows.getString(4);
                    }
                    String tables = rows.getString(6);
                    if (tables != null) { // null: staged before the per-table counts (V6)
                        accounting.add(readTables(tables));
                    }
                    if (errors.size() < config.maxReportedErrors()) {
                        for (RowError error : readErrors(rows.getString(5))) {
                            if (errors.size() < config.maxReportedErrors()) {
                                errors.add(error);
                            }
                        }
                    }
                }
            }
        }
        return new Totals(read, skipped, failed, fatal, errors, accounting);
    }

    // ---- failing
    // -----------------------------------------------------------------------------------------------------

    /**
     * Records a run as FAILED (unless it is finished already), drops its staging tables and publishes
     * its RunResult. {@code eventId}, when given, is recorded as processed in the same transaction.
     */
    private void fail(String runId, String jobName, String message, String eventId) throws SQLException {
        closeEager(runId);
        if (eventId != null && !processed.firstDelivery(CONSUMER, eventId)) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            MappingRun run = lockRun(connection, runId, jobName == null ? "" : jobName);
            if (!"STAGING".equals(run.status())) {
                LOG.infof("run %s is %s already; not failing it again (%s)", runId, run.status(), message);
                return;
            }
            Totals totals = totals(connection, runId);
            dropStaging(connection, runId);
            try (PreparedStatement update =
                    connection.prepareStatement("update mapping.mapping_run set status = 'FAILED',"
                            + " finished_at = now(), message = ?, read = ?, skipped = ?, failed = ?, inserted = 0, updated = 0, removed = 0,"
                            + " tables = ?::jsonb, skipped_rows = ?::jsonb where run_id = ?")) {
                update.setString(1, message);
                update.setLong(2, totals.read());
                update.setLong(3, totals.skipped());
                update.setLong(4, totals.failed());
                update.setString(5, json(totals.accounting().tables()));
                update.setString(6, json(totals.accounting().skippedRows(run.job())));
                update.setString(7, runId);
                update.executeUpdate();
            }
            outbox.publish(
                    Topics.BATCH_RESULTS,
                    runId,
                    new RunResult(
                            UUID.randomUUID().toString(),
                            RunResult.VERSION,
                            runId,
                            RunResult.Status.FAILED,
                            totals.read(),
                            0,
                            0,
                            totals.skipped(),
                            totals.failed(),
                            0,
                            message,
                            totals.errors(),
                            0,
                            totals.accounting().tables(),
                            totals.accounting().skippedRows(run.job())));
            metrics.counter("erplink.mapping.runs", "status", "FAILED").increment();
            LOG.warnf("run %s (%s) FAILED: %s", runId, run.job(), message);
        }
    }

    private void dropStaging(Connection connection, String runId) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from mapping.run_stage_table where run_id = ?" + " returning stage_table")) {
            delete.setString(1, runId);
            try (ResultSet rows = delete.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        for (String table : tables) {
            Staging.drop(connection, Staging.qualified(config.stagingSchema(), table));
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private MappingRun lockRun(Connection connection, String runId, String job) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into mapping.mapping_run (run_id, job) values (?, ?)" + " on conflict do nothing")) {
            insert.setString(1, runId);
            insert.setString(2, job);
            insert.executeUpdate();
        }
        try (PreparedStatement select =
                connection.prepareStatement("select job, status, sealed, chunk_count, row_count,"
                        + " full_import, stage_id from mapping.mapping_run where run_id = ? for update")) {
            select.setString(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return new MappingRun(
                        runId,
                        rows.getString(1),
                        rows.getString(2),
                        rows.getBoolean(3),
                        (Long) rows.getObject(4),
                        (Long) rows.getObject(5),
                        rows.getBoolean(6),
                        rows.getLong(7));
            }
        }
    }

    private static boolean chunkExists(Connection connection, String runId, long sequence) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("select 1 from mapping.run_chunk where run_id = ? and sequence = ?")) {
            select.setString(1, runId);
            select.setLong(2, sequence);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private CompiledJob importJob(String name) {
        JobRegistry.Entry entry = jobs.find(name).orElseThrow(() -> {
            List<String> close = NameSuggestions.closest(
                    name, jobs.list().stream().map(e -> e.definition().name()).toList());
            return new MappingRunFailure("unknown job '" + name + "'"
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?"));
        });
        if (!entry.compiled().isImport()) {
            throw new MappingRunFailure(
                    "job '" + name + "' is an export job; runs on batch.records need an import job");
        }
        return entry.compiled();
    }

    private void transaction(SqlWork work) {
        QuarkusTransaction.requiringNew()
                .timeout(timeoutSeconds(config.mergeTimeout()))
                .run(() -> {
                    try {
                        work.run();
                    } catch (SQLException e) {
                        throw new IllegalStateException("database error: " + e.getMessage(), e);
                    }
                });
    }

    private <T> T inTransaction(SqlCall<T> work) {
        return QuarkusTransaction.requiringNew()
                .timeout(timeoutSeconds(config.mergeTimeout()))
                .call(() -> {
                    try {
                        return work.call();
                    } catch (SQLException e) {
                        throw new IllegalStateException("database error: " + e.getMessage(), e);
                    }
                });
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private static int timeoutSeconds(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.getSeconds()));
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }

    private String json(List<?> values) {
        try {
            return mapper.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<RowError> readErrors(String json) {
        try {
            return mapper.readValue(json, new TypeReference<List<RowError>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored row errors are not readable: " + e.getMessage(), e);
        }
    }

    private List<RunAccounting.ChunkTable> readTables(String json) {
        try {
            return mapper.readValue(json, new TypeReference<List<RunAccounting.ChunkTable>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored table counts are not readable: " + e.getMessage(), e);
        }
    }

    static String bits(BitSet bits, int width) {
        StringBuilder text = new StringBuilder(width);
        for (int i = 0; i < width; i++) {
            text.append(bits.get(i) ? '1' : '0');
        }
        return text.toString();
    }

    static BitSet bitSet(String text) {
        BitSet bits = new BitSet();
        if (text != null) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '1') {
                    bits.set(i);
                }
            }
        }
        return bits;
    }
}
