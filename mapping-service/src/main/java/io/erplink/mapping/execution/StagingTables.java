package io.erplink.mapping.execution;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.erplink.mapping.config.MappingConfig;
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
            Staging.create(connection, qualified, table);
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

    /** Drops every staging table of the run. */
    void drop(Connection connection, String runId) throws SQLException {
        for (String table : runs.removeStageTables(connection, runId)) {
            Staging.drop(connection, Staging.qualified(config.stagingSchema(), table));
        }
    }
}
