package io.erplink.mapping.execution;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.agroal.DataSource;

import io.erplink.mapping.config.MappingConfig;

/**
 * The eager merges of this replica's runs in progress, by run id: started at a first import's first
 * chunk, fed each chunk once it is staged, committed (or given up) by the run's merge.
 *
 * <p>Their connections come from the {@code merge} datasource: the same database, without JTA
 * ({@code jdbc.transactions=disabled}), since an eager merge's transaction spans many of this
 * service's transactions and is committed from inside one of them.
 */
@ApplicationScoped
class EagerMerges {
    private static final Logger LOG = Logger.getLogger(EagerMerges.class);
    /** Merges of first imports done as their chunks arrived ({@code outcome=committed}) or redone from staging ({@code fell-back}). */
    static final String METRIC = "erplink.mapping.eager-merges";

    private final AgroalDataSource mergeDataSource;
    private final MappingRunRepository runs;
    private final MappingConfig config;
    private final MeterRegistry metrics;
    private final ShadowSwaps shadowSwaps;
    private final Map<String, EagerMerge> merges = new ConcurrentHashMap<>();

    EagerMerges(
            @DataSource("merge") AgroalDataSource mergeDataSource,
            MappingRunRepository runs,
            MappingConfig config,
            MeterRegistry metrics,
            ShadowSwaps shadowSwaps) {
        this.mergeDataSource = mergeDataSource;
        this.runs = runs;
        this.config = config;
        this.metrics = metrics;
        this.shadowSwaps = shadowSwaps;
    }

    /** Whether a chunk of the run about to be staged would go to an eager merge (begun, or beginning with it). */
    boolean wants(String runId, long sequence) {
        return config.eagerMerge().enabled() && (sequence == 0 || merges.containsKey(runId));
    }

    /** Hands a staged (committed) chunk to the run's eager merge, starting one at a first import's first chunk. */
    void add(ChunkStager.StagedChunk staged) {
        String runId = staged.run().runId();
        EagerMerge merge = merges.get(runId);
        if (merge == null) {
            if (staged.sequence() != 0 || !config.eagerMerge().enabled() || swappedInstead(staged)) {
                return;
            }
            merge = EagerMerge.begin(
                    mergeDataSource::getConnection,
                    runId,
                    staged.job(),
                    config.eagerMerge().idleTimeout());
            if (merge == null) {
                return;
            }
            merges.put(runId, merge);
        }
        merge.add(staged.sequence(), staged.mapped(), staged.rows(), staged.refused(), staged.text());
    }

    /** A first import the merge will swap in ({@link ShadowSwap}): an eager merge would write its rows twice. */
    private boolean swappedInstead(ChunkStager.StagedChunk staged) {
        try (Connection connection = mergeDataSource.getConnection()) {
            boolean swapped = shadowSwaps.preferredTo(connection, staged.job());
            if (swapped) {
                LOG.debugf(
                        "run %s: no eager merge, its first import is swapped in at the merge",
                        staged.run().runId());
            }
            return swapped;
        } catch (SQLException e) {
            LOG.infof(
                    "run %s: could not tell whether its tables can be swapped in (%s); merging eagerly",
                    staged.run().runId(), e.getMessage());
            return false;
        }
    }

    /**
     * Commits the run's eager merge when it holds every chunk, and returns what it did; null when there
     * is none or it cannot be used (rolled back, the usual merge follows).
     */
    Merge.Outcome commit(MappingRun run) {
        EagerMerge merge = merges.remove(run.runId());
        if (merge == null) {
            return null;
        }
        try (merge) {
            if (!merge.complete(run.chunkCount())) {
                metrics.counter(METRIC, "outcome", "fell-back").increment();
                return null;
            }
            Merge.Outcome outcome = merge.commit(
                    config.catalogChangedMaxIds(),
                    (connection, done) -> runs.addEagerOutcome(connection, run.runId(), done));
            metrics.counter(METRIC, "outcome", "committed").increment();
            LOG.debugf("run %s: the eager merge committed %d rows", run.runId(), outcome.inserted());
            return outcome;
        } catch (SQLException e) {
            LOG.infof("run %s: the eager merge did not commit (%s); merging from staging", run.runId(), e.getMessage());
            metrics.counter(METRIC, "outcome", "fell-back").increment();
            return null;
        }
    }

    /** Rolls back and forgets the run's eager merge, if any (the run failed). */
    void close(String runId) {
        EagerMerge merge = merges.remove(runId);
        if (merge != null) {
            merge.close();
        }
    }

    @PreDestroy
    void closeAll() {
        for (String runId : List.copyOf(merges.keySet())) {
            close(runId);
        }
    }
}
