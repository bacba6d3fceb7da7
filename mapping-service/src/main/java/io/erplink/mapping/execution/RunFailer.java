package io.erplink.mapping.execution;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

import io.erplink.kit.inbox.ProcessedEvents;
import io.erplink.mapping.config.MappingConfig;
import io.erplink.protocol.events.RunResult;

/**
 * Records a run that cannot succeed as FAILED, in the caller's (new) transaction: its eager merge
 * rolled back, its staging tables dropped, its RunResult FAILED published. Later records of the run
 * are then ignored, so nothing loops.
 */
@ApplicationScoped
class RunFailer {
    private static final Logger LOG = Logger.getLogger(RunFailer.class);

    private final AgroalDataSource dataSource;
    private final MappingRunRepository runs;
    private final StagingTables staging;
    private final EagerMerges eager;
    private final OutcomePublisher publisher;
    private final ImportJobs jobs;
    private final ProcessedEvents processed;
    private final MappingConfig config;

    RunFailer(
            AgroalDataSource dataSource,
            MappingRunRepository runs,
            StagingTables staging,
            EagerMerges eager,
            OutcomePublisher publisher,
            ImportJobs jobs,
            ProcessedEvents processed,
            MappingConfig config) {
        this.dataSource = dataSource;
        this.runs = runs;
        this.staging = staging;
        this.eager = eager;
        this.publisher = publisher;
        this.jobs = jobs;
        this.processed = processed;
        this.config = config;
    }

    /**
     * Fails the run unless it is finished already. {@code eventId}, when given, is recorded as processed
     * in the same transaction (a redelivered event then changes nothing).
     */
    void fail(String runId, String jobName, String message, String eventId) throws SQLException {
        eager.close(runId);
        if (eventId != null && !processed.firstDelivery(MappingRunExecutor.CONSUMER, eventId)) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            MappingRun run = runs.lock(connection, runId, jobName == null ? "" : jobName);
            if (!run.started()) {
                LOG.infof(
                        "run %s is %s already; not failing it again (%s)",
                        runId, run.status().stored(), message);
                return;
            }
            MappingRunRepository.Totals totals = runs.totals(connection, runId, config.maxReportedErrors());
            staging.drop(connection, runId);
            RunResult result = publisher.failed(runId, jobs.find(run.job()), message, totals);
            runs.markFailed(connection, runId, result);
            LOG.warnf("run %s (%s) FAILED: %s", runId, run.job(), message);
        }
    }
}
