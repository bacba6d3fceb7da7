package io.erplink.mapping.execution;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

import io.erplink.kit.inbox.ProcessedEvents;
import io.erplink.protocol.events.RecordChunk;
import io.erplink.protocol.events.RunSealed;

/**
 * Executes runs, one event at a time: stages each chunk ({@link ChunkStager}, one transaction per
 * chunk) and merges the run once it is sealed and every chunk is staged ({@link RunMerger}), in a
 * transaction right after the one of whichever event completed it (RunSealed or the last chunk); a
 * redelivered event tries that merge again, so a crash between the two loses nothing. A run that
 * cannot succeed is rolled back and recorded as FAILED in a transaction of its own
 * ({@link RunFailer}).
 *
 * <p>A first import (every commerce table of the job empty at its first chunk) is merged as its
 * chunks arrive ({@link EagerMerges}); its merge then only commits that.
 *
 * <p>Per run the {@code mapping_run} row is locked first: shared to stage a chunk, so chunks of one
 * run stage concurrently (on several replicas when its chunks are spread over the partitions),
 * exclusively to seal, merge or fail it, which therefore waits for every chunk in flight. The merge
 * checks under that lock that the run is sealed, still STARTED and has every chunk: of two replicas
 * completing a run at once (the last chunk on one, RunSealed on the other) the second to get the lock
 * finds it MERGED, and neither can miss it, since each one's check waits for the other's commit.
 */
@ApplicationScoped
public class MappingRunExecutor {
    private static final Logger LOG = Logger.getLogger(MappingRunExecutor.class);
    /** The consumer name in {@code processed_event}. */
    static final String CONSUMER = "mapping-batch-records";

    private final AgroalDataSource dataSource;
    private final MappingRunRepository runs;
    private final ChunkStager stager;
    private final RunMerger merger;
    private final RunFailer failer;
    private final EagerMerges eager;
    private final RunTransactions transactions;
    private final ProcessedEvents processed;

    MappingRunExecutor(
            AgroalDataSource dataSource,
            MappingRunRepository runs,
            ChunkStager stager,
            RunMerger merger,
            RunFailer failer,
            EagerMerges eager,
            RunTransactions transactions,
            ProcessedEvents processed) {
        this.dataSource = dataSource;
        this.runs = runs;
        this.stager = stager;
        this.merger = merger;
        this.failer = failer;
        this.eager = eager;
        this.transactions = transactions;
        this.processed = processed;
    }

    /**
     * Stages a chunk (and merges the run when it was the last one missing).
     *
     * @param spread whether the run's chunks are spread over the partitions ({@link RecordChunk#SPREAD_HEADER}):
     *               this replica does not see them all, so it starts no eager merge for it
     */
    public void onChunk(RecordChunk chunk, boolean spread) {
        ChunkStager.StagedChunk staged;
        try {
            staged = transactions.call(() -> stager.stage(chunk, spread));
        } catch (MappingRunFailure failure) {
            fail(chunk.runId(), chunk.job(), failure, chunk.eventId());
            return;
        }
        if (staged != null && !spread) {
            eager.add(staged);
        }
        if (staged == null || staged.run().sealed()) {
            completeIfReady(chunk.runId(), chunk.job());
        }
    }

    /** Seals a run (and merges it when every chunk is staged). */
    public void onSealed(RunSealed sealed) {
        try {
            transactions.run(() -> seal(sealed));
        } catch (MappingRunFailure failure) {
            fail(sealed.runId(), sealed.job(), failure, sealed.eventId());
            return;
        }
        completeIfReady(sealed.runId(), sealed.job());
    }

    /** Merges the run if it is sealed and every chunk is staged (its own transaction; a failure fails the run). */
    private void completeIfReady(String runId, String job) {
        try {
            transactions.run(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    MappingRun run = runs.lock(connection, runId, job);
                    if (run.started() && run.sealed()) {
                        merger.mergeIfComplete(connection, run);
                    }
                }
            });
        } catch (MappingRunFailure failure) {
            fail(runId, job, failure, null);
        }
    }

    private void seal(RunSealed sealed) throws SQLException {
        if (!processed.firstDelivery(CONSUMER, sealed.eventId())) {
            LOG.debugf("run %s: RunSealed %s already processed", sealed.runId(), sealed.eventId());
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            MappingRun run = runs.lock(connection, sealed.runId(), sealed.job());
            if (!run.started()) {
                LOG.infof(
                        "run %s is %s: RunSealed ignored",
                        run.runId(), run.status().stored());
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
            runs.seal(connection, run.runId(), sealed);
        }
    }

    /** The triggering event's transaction was rolled back: the run fails in a transaction of its own. */
    private void fail(String runId, String job, MappingRunFailure failure, String eventId) {
        eager.close(runId);
        transactions.run(() -> failer.fail(runId, job, failure.getMessage(), eventId));
    }
}
