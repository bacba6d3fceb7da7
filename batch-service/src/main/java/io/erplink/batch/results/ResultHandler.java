package io.erplink.batch.results;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.erplink.batch.activities.Activity;
import io.erplink.batch.odata.DeltaValues;
import io.erplink.batch.runs.ExitCode;
import io.erplink.batch.runs.Run;
import io.erplink.batch.runs.RunKind;
import io.erplink.batch.runs.RunPhase;
import io.erplink.batch.runs.RunStatus;
import io.erplink.kit.inbox.ProcessedEvents;
import io.erplink.protocol.events.ChunkResult;
import io.erplink.protocol.events.RowError;
import io.erplink.protocol.events.RunResult;

/**
 * Applies mapping-service's reports to runs, idempotently: each event once (processed_event), each
 * chunk's counts once (run_chunk_result key), a run's final status once (only a STARTED run changes).
 * The run and the activity change as Panache entities; the per-chunk counters and the error rows go
 * through {@link ResultStore}.
 */
@ApplicationScoped
public class ResultHandler {
    static final String CONSUMER = "batch-results";
    private static final Logger LOG = Logger.getLogger(ResultHandler.class);
    private static final int MAX_ERRORS_PER_EVENT = 200;

    private final ProcessedEvents processed;
    private final ResultStore store;
    private final MeterRegistry registry;

    ResultHandler(ProcessedEvents processed, ResultStore store, MeterRegistry registry) {
        this.processed = processed;
        this.store = store;
        this.registry = registry;
    }

    @Transactional
    public void chunk(ChunkResult result) {
        if (!processed.firstDelivery(CONSUMER, result.eventId())) {
            return;
        }
        UUID runId = parse(result.runId());
        if (runId == null || !store.runExists(runId)) {
            LOG.debugf("chunk result for unknown run %s ignored", result.runId());
            return;
        }
        if (!store.addChunk(
                runId, result.sequence(), result.read(), result.staged(), result.skipped(), result.failed())) {
            return;
        }
        errors(runId, result.errors());
    }

    @Transactional
    public void run(RunResult result) {
        if (!processed.firstDelivery(CONSUMER, result.eventId())) {
            return;
        }
        UUID runId = parse(result.runId());
        Run run = runId == null ? null : Run.findById(runId);
        if (run == null) {
            LOG.debugf("run result for unknown run %s ignored", result.runId());
            return;
        }
        if (run.status != RunStatus.STARTED) {
            LOG.infof("run %s is %s already; %s result ignored", runId, run.status, result.status());
            return;
        }
        boolean merged = result.status() == RunResult.Status.MERGED;
        run.status = merged ? RunStatus.COMPLETED : RunStatus.FAILED;
        run.phase = RunPhase.DONE;
        run.exitCode = merged ? ExitCode.COMPLETED : ExitCode.MAPPING_FAILED;
        run.exitMessage = truncate(
                merged
                        ? "merged: " + result.accounting()
                        : "mapping-service could not merge the run: " + result.message() + "; " + result.accounting());
        run.rowsInserted = result.inserted();
        run.rowsUpdated = result.updated();
        run.rowsRemoved = result.removed();
        run.rowsUnchanged = result.version() >= 2 ? result.unchanged() : null;
        run.tableCounts = result.tables();
        run.sourceCounts = result.sources();
        run.targetCounts = result.targets();
        run.skippedRows = result.skippedRows();
        // version 3 counts source rows written; before, only the merge's destination rows were known
        run.rowsWritten = result.version() >= 3 ? result.written() : result.inserted() + result.updated();
        run.rowsSkipped = result.skipped();
        run.rowsFailed = result.failed();
        run.endedAt = Instant.now();
        run.lastUpdated = run.endedAt;
        run.leaseOwner = null;
        run.leaseUntil = null;
        if (merged && run.kind != RunKind.REPLAY) {
            store.advanceLastSuccessfulRun(run.activityId, run.startedAt != null ? run.startedAt : run.createdAt);
            if (run.odataMaxDelta != null) {
                // the ERP's own largest modification time: the next delta run reads from there
                Activity activity = Activity.findById(run.activityId);
                if (activity != null) {
                    activity.odataWatermark = DeltaValues.max(activity.odataWatermark, run.odataMaxDelta);
                }
            }
        }
        if (!merged && result.message() != null) {
            store.addMappingError(runId, truncate(result.message()));
        }
        errors(runId, result.errors());
        if (run.startedAt != null) {
            Timer.builder("erplink.batch.run.duration")
                    .description("Run duration from claim to final status")
                    .tag("activity", run.activityName)
                    .tag("status", run.status.name())
                    .register(registry)
                    .record(Duration.between(run.startedAt, run.endedAt));
        }
        LOG.infof("run %s %s: %s", runId, run.status, run.exitMessage);
    }

    private void errors(UUID runId, List<RowError> errors) {
        if (errors != null && !errors.isEmpty()) {
            store.addRowErrors(
                    runId, errors.stream().limit(MAX_ERRORS_PER_EVENT).toList());
        }
    }

    private static UUID parse(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String truncate(String message) {
        return message == null ? "" : message.length() <= 4000 ? message : message.substring(0, 4000) + "...";
    }
}
