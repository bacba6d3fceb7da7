package io.erplink.mapping.execution;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.erplink.mapping.config.MappingConfig;
import io.erplink.mapping.engine.CompiledJob;
import io.erplink.protocol.events.RunResult;

/**
 * Merges a sealed run once every chunk is staged, in the caller's transaction: checks the run's
 * counts, takes its eager merge's outcome (committed now, or in an earlier attempt) or runs the
 * {@link Merge} from staging, drops the staging tables, marks the run COMPLETED and publishes its
 * outcome.
 */
@ApplicationScoped
class RunMerger {
    private static final Logger LOG = Logger.getLogger(RunMerger.class);

    private final MappingRunRepository runs;
    private final StagingTables staging;
    private final EagerMerges eager;
    private final ImportJobs jobs;
    private final OutcomePublisher publisher;
    private final MergeMetrics mergeMetrics;
    private final ShadowSwaps shadowSwaps;
    private final MappingConfig config;

    RunMerger(
            MappingRunRepository runs,
            StagingTables staging,
            EagerMerges eager,
            ImportJobs jobs,
            OutcomePublisher publisher,
            MergeMetrics mergeMetrics,
            ShadowSwaps shadowSwaps,
            MappingConfig config) {
        this.runs = runs;
        this.staging = staging;
        this.eager = eager;
        this.jobs = jobs;
        this.publisher = publisher;
        this.mergeMetrics = mergeMetrics;
        this.shadowSwaps = shadowSwaps;
        this.config = config;
    }

    /** Merges the (locked, sealed) run if all its chunks are staged. */
    void mergeIfComplete(Connection connection, MappingRun run) throws SQLException {
        MappingRunRepository.ChunkCount chunks = runs.countChunks(connection, run.runId(), run.chunkCount());
        if (chunks.beyond() > 0) {
            throw new MappingRunFailure(
                    "the run was sealed with " + run.chunkCount() + " chunks but chunks numbered beyond arrived");
        }
        if (chunks.staged() < run.chunkCount()) {
            LOG.debugf("run %s: %d of %d chunks staged, merge waits", run.runId(), chunks.staged(), run.chunkCount());
            return;
        }
        mergeMetrics.time(run.runId(), () -> merge(connection, run));
    }

    private void merge(Connection connection, MappingRun run) throws SQLException {
        long started = System.nanoTime();
        CompiledJob job = jobs.get(run.job());
        MappingRunRepository.Totals totals = runs.totals(connection, run.runId(), config.maxReportedErrors());
        if (totals.fatalMessage() != null) {
            throw new MappingRunFailure(
                    "a row failed in a table mapping that does not skip failing rows, nothing was merged: "
                            + totals.fatalMessage());
        }
        if (run.rowCount() != null && run.rowCount() != totals.read()) {
            throw new MappingRunFailure(
                    "the run was sealed with " + run.rowCount() + " rows but its chunks carried " + totals.read());
        }
        Merge.Input input = new Merge.Input(
                run.runId(),
                staging.ofRun(connection, run.runId()),
                "mapping.run_chunk_mapping",
                runs.mappingStats(connection, run.runId()),
                run.fullImport());
        Merge.Outcome outcome = eager.commit(run);
        if (outcome == null) {
            outcome = runs.eagerOutcome(connection, run.runId());
            if (outcome != null) {
                LOG.infof("run %s: its eager merge committed in an earlier attempt; taking its outcome", run.runId());
            }
        }
        try {
            if (outcome == null) {
                staging.checkComplete(connection, run.runId(), job);
                outcome = Merge.run(
                        connection,
                        job,
                        input,
                        config.catalogChangedMaxIds(),
                        config.mergeWorkMem(),
                        shadowSwaps.listener());
            }
        } catch (Merge.Aborted e) {
            throw new MappingRunFailure(e.getMessage(), e);
        } catch (SQLException e) {
            if (isTransient(e)) {
                throw e;
            }
            throw new MappingRunFailure("the merge failed, nothing was merged: " + e.getMessage(), e);
        }
        staging.drop(connection, run.runId());
        runs.removeEagerOutcome(connection, run.runId());
        RunResult result = publisher.completed(run, job, totals, outcome);
        runs.markCompleted(connection, run.runId(), result);
        LOG.infof(
                "run %s (%s) merged in %d ms: %s",
                run.runId(), run.job(), (System.nanoTime() - started) / 1_000_000, result.accounting());
    }

    /** Connection trouble, serialization failures, resource shortage, shutdown: worth retrying the event. */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return state == null
                || state.startsWith("08")
                || state.startsWith("40")
                || state.startsWith("53")
                || state.startsWith("57");
    }
}
