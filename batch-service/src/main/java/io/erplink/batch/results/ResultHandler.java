package io.erplink.batch.results;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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
 */
@ApplicationScoped
public class ResultHandler {
    static final String CONSUMER = "batch-results";
    private static final Logger LOG = Logger.getLogger(ResultHandler.class);
    private static final int MAX_ERRORS_PER_EVENT = 200;

    private final ProcessedEvents processed;
    private final EntityManager em;
    private final MeterRegistry registry;

    ResultHandler(ProcessedEvents processed, EntityManager em, MeterRegistry registry) {
        this.processed = processed;
        this.em = em;
        this.registry = registry;
    }

    @Transactional
    public void chunk(ChunkResult result) {
        if (!processed.firstDelivery(CONSUMER, result.eventId())) {
            return;
        }
        UUID runId = parse(result.runId());
        if (runId == null || em.find(Run.class, runId) == null) {
            LOG.debugf("chunk result for unknown run %s ignored", result.runId());
            return;
        }
        int inserted = em.createNativeQuery("""
                insert into run_chunk_result (run_id, sequence, read, staged, skipped, failed) values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict do nothing""")
                .setParameter(1, runId)
                .setParameter(2, result.sequence())
                .setParameter(3, result.read())
                .setParameter(4, result.staged())
                .setParameter(5, result.skipped())
                .setParameter(6, result.failed())
                .executeUpdate();
        if (inserted == 0) {
            return;
        }
        em.createNativeQuery(
                        """
                update run set rows_written = rows_written + ?2, rows_skipped = rows_skipped + ?3, rows_failed = rows_failed + ?4,
                    chunks_reported = chunks_reported + 1, last_updated = now()
                where id = ?1 and status not in ('%s', '%s', '%s', '%s')""".formatted(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.STOPPED, RunStatus.ABANDONED))
                .setParameter(1, runId)
                .setParameter(2, result.staged())
                .setParameter(3, result.skipped())
                .setParameter(4, result.failed())
                .executeUpdate();
        errors(runId, result.errors());
    }

    @Transactional
    public void run(RunResult result) {
        if (!processed.firstDelivery(CONSUMER, result.eventId())) {
            return;
        }
        UUID runId = parse(result.runId());
        Run run = runId == null ? null : em.find(Run.class, runId);
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
            em.createNativeQuery("""
                    update activity set last_successful_run_at = greatest(coalesce(last_successful_run_at, ?2), ?2)
                    where id = ?1""")
                    .setParameter(1, run.activityId)
                    .setParameter(2, Timestamp.from(run.startedAt != null ? run.startedAt : run.createdAt))
                    .executeUpdate();
            if (run.odataMaxDelta != null) {
                // the ERP's own largest modification time: the next delta run reads from there
                Activity activity = em.find(Activity.class, run.activityId);
                if (activity != null) {
                    activity.odataWatermark = DeltaValues.max(activity.odataWatermark, run.odataMaxDelta);
                }
            }
        }
        if (!merged && result.message() != null) {
            em.createNativeQuery("insert into run_error (run_id, source, message) values (?1, 'MAPPING', ?2)")
                    .setParameter(1, runId)
                    .setParameter(2, truncate(result.message()))
                    .executeUpdate();
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

    /**
     * Records row errors once: a RunResult repeats the errors its ChunkResults brought already, so an
     * error the run has (same page, row, table, key and message) is not recorded again.
     */
    private void errors(UUID runId, List<RowError> errors) {
        if (errors == null) {
            return;
        }
        errors.stream()
                .limit(MAX_ERRORS_PER_EVENT)
                .forEach(e -> em.createNativeQuery("""
                insert into run_error (run_id, source, page, row_number, table_name, row_key, message)
                select ?1, 'MAPPING', ?2, ?3, cast(?4 as text), cast(?5 as text), ?6
                where not exists (select 1 from run_error where run_id = ?1 and source = 'MAPPING'
                    and page = ?2 and row_number = ?3 and table_name is not distinct from cast(?4 as text)
                    and row_key is not distinct from cast(?5 as text) and message = ?6)""")
                        .setParameter(1, runId)
                        .setParameter(2, e.page())
                        .setParameter(3, e.row())
                        .setParameter(4, e.table())
                        .setParameter(5, e.key())
                        .setParameter(6, truncate(e.message()))
                        .executeUpdate());
    }

    private static UUID parse(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String truncate(String message) {
        return message == null ? "" : message.length() <= 4000 ? message : message.substring(0, 4000) + "...";
    }
}
