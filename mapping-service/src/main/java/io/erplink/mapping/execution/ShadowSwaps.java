package io.erplink.mapping.execution;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

import io.erplink.mapping.config.MappingConfig;
import io.erplink.mapping.engine.CompiledJob;
import io.erplink.mapping.engine.CompiledTableMapping;
import io.erplink.mapping.schema.TableInfo;

/**
 * Whether merges swap first imports in ({@link ShadowSwap}, {@code erplink.mapping.shadow-swap.enabled}),
 * and what became of each: a log line and {@code erplink.mapping.shadow-swaps{outcome=swapped|fell-back,
 * reason}}.
 */
@ApplicationScoped
class ShadowSwaps implements ShadowSwap.Listener {
    private static final Logger LOG = Logger.getLogger(ShadowSwaps.class);
    static final String METRIC = "erplink.mapping.shadow-swaps";

    private final MappingConfig config;
    private final MeterRegistry metrics;

    ShadowSwaps(MappingConfig config, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** The listener the merge takes: null when first imports are inserted. */
    ShadowSwap.Listener listener() {
        return config.shadowSwap().enabled() && !config.staging().unlogged() ? this : null;
    }

    /**
     * Whether a first import of the job will be swapped in rather than merged eagerly: the swap is on
     * and none of the job's commerce tables has a dependent object that rules it out. (The rows can
     * still rule it out at the merge; that table is then inserted from staging.)
     */
    boolean preferredTo(Connection connection, CompiledJob job) throws SQLException {
        if (listener() == null) {
            return false;
        }
        Set<TableInfo> tables = new LinkedHashSet<>();
        for (CompiledTableMapping mapping : job.mappings()) {
            if (mapping.isImport()) {
                tables.add(mapping.destination());
            }
        }
        for (TableInfo table : tables) {
            List<String> blockers = ShadowSwap.blockers(connection, table.qualified());
            if (!blockers.isEmpty()) {
                LOG.debugf("%s cannot be swapped in (%s): merging eagerly", table.name(), blockers);
                return false;
            }
        }
        return !tables.isEmpty();
    }

    @Override
    public void swapped(String runId, String table, long rows) {
        LOG.infof("run %s: %d rows swapped in as %s (first import)", runId, rows, table);
        metrics.counter(METRIC, "outcome", "swapped", "reason", "none").increment();
    }

    @Override
    public void fellBack(String runId, String table, ShadowSwap.Reason reason, String detail) {
        LOG.infof(
                "run %s: the first import of %s is inserted, not swapped in (%s): %s",
                runId, table, reason.tag, detail);
        metrics.counter(METRIC, "outcome", "fell-back", "reason", reason.tag).increment();
    }
}
