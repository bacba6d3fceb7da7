package io.erplink.mapping.execution;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.erplink.mapping.config.MappingConfig;
import io.erplink.mapping.engine.CompiledJob;
import io.erplink.mapping.engine.CompiledTableMapping;
import io.erplink.mapping.schema.TableInfo;

/** A run's staging tables ({@code erplink.mapping.staging-schema}): created with its first rows for a table, dropped when it ends. */
@ApplicationScoped
class StagingTables {
    private final MappingRunRepository runs;
    private final MappingConfig config;

    StagingTables(MappingRunRepository runs, MappingConfig config) {
        this.runs = runs;
        this.config = config;
    }

    /** The run's qualified staging table for {@code table}, created and registered when new. */
    String forTable(Connection connection, MappingRun run, TableInfo table) throws SQLException {
        String name = Staging.tableName(run.stageId(), table);
        String qualified = Staging.qualified(config.stagingSchema(), name);
        if (runs.addStageTable(connection, run.runId(), table.name(), name)) {
            Staging.create(connection, qualified, table, config.staging().unlogged());
        }
        return qualified;
    }

    /** Commerce table name (as the catalog reports it) to its qualified staging table. */
    Map<String, String> ofRun(Connection connection, String runId) throws SQLException {
        Map<String, String> qualified = new LinkedHashMap<>();
        runs.stageTables(connection, runId)
                .forEach((table, stage) -> qualified.put(table, Staging.qualified(config.stagingSchema(), stage)));
        return qualified;
    }

    /**
     * Fails the run unless each staging table holds exactly the rows its chunks recorded as staged: the
     * accounting is committed with the rows, so a shortfall means they were lost behind its back (crash
     * recovery empties UNLOGGED tables) and merging the rest would be a partial import.
     */
    void checkComplete(Connection connection, String runId, CompiledJob job) throws SQLException {
        Map<Integer, Long> staged = runs.stagingRows(connection, runId);
        Map<String, Long> expected = new LinkedHashMap<>();
        for (CompiledTableMapping mapping : job.mappings()) {
            Long rows = staged.get(mapping.index());
            if (rows != null) {
                expected.merge(mapping.destination().name(), rows, Long::sum);
            }
        }
        Map<String, String> stages = ofRun(connection, runId);
        long lost = 0, recorded = 0;
        for (Map.Entry<String, Long> table : expected.entrySet()) {
            String stage = stages.get(table.getKey());
            long found = stage == null ? 0 : Staging.count(connection, stage);
            recorded += table.getValue();
            lost += Math.max(0, table.getValue() - found);
            if (found > table.getValue()) {
                throw new MappingRunFailure("staging of " + table.getKey() + " holds " + found
                        + " rows but its chunks staged " + table.getValue() + "; nothing was merged");
            }
        }
        if (lost > 0) {
            throw new MappingRunFailure(
                    "staging lost " + lost + " of " + recorded
                            + " rows (PostgreSQL crash recovery empties unlogged tables); nothing was merged, re-run the import");
        }
    }

    /** Drops every staging table of the run. */
    void drop(Connection connection, String runId) throws SQLException {
        for (String table : runs.removeStageTables(connection, runId)) {
            Staging.drop(connection, Staging.qualified(config.stagingSchema(), table));
        }
    }
}
