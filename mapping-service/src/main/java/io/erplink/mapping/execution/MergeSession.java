package io.erplink.mapping.execution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

import org.jboss.logging.Logger;

import io.erplink.mapping.schema.TableInfo;

/**
 * The merge's connection, in the caller's transaction, with what the strategies do on it besides
 * their statements: statistics for staging tables, planner settings, locking an empty table, and the
 * EXPLAIN tooling ({@code -Derplink.mapping.merge.explain=true}).
 */
final class MergeSession {
    private static final Logger LOG = Logger.getLogger(MergeSession.class);
    /** Prints each statement's plan with its real timings (it runs twice, the first time rolled back): for tuning. */
    static final boolean EXPLAIN = Boolean.getBoolean("erplink.mapping.merge.explain");

    private final Connection connection;
    private final String runId;
    private final Set<String> analyzed = new HashSet<>();

    MergeSession(Connection connection, String runId) {
        this.connection = connection;
        this.runId = runId;
    }

    Connection connection() {
        return connection;
    }

    String runId() {
        return runId;
    }

    /**
     * Gathers a staging table's statistics before the first statement that joins it: fresh staging
     * tables have none, and without them the planner picks nested loops. A first import that inserts
     * the staged rows as they are joins nothing and skips it (a sample of the table's pages).
     */
    void analyze(String stage) throws SQLException {
        if (stage != null && analyzed.add(stage)) {
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("analyze " + stage);
            }
        }
    }

    /**
     * Whether the table is empty (a first import). When it is, the table is locked against other
     * writers until the transaction ends (readers are not blocked) and looked at again, so it stays
     * empty until this merge inserts: another run merging into the same table waits instead of
     * conflicting. A table with rows is not locked.
     */
    boolean emptyAndLocked(TableInfo table) throws SQLException {
        String empty = "select not exists (select 1 from " + table.qualified() + ")";
        try (Statement statement = connection.createStatement()) {
            if (!bool(statement, empty)) {
                return false;
            }
            statement.execute("lock table " + table.qualified() + " in share row exclusive mode");
            return bool(statement, empty);
        }
    }

    private static boolean bool(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    /** Sets a setting for the rest of the transaction; returns its value before. */
    String setting(String name, String value) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("select current_setting(?), set_config(?, ?, true)")) {
            set.setString(1, name);
            set.setString(2, name);
            set.setString(3, value);
            try (ResultSet rows = set.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    /** The single number a query answers. */
    long count(String sql) throws SQLException {
        explainIfAsked(sql, false);
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** With {@code -Derplink.mapping.merge.explain=true}: logs the statement's plan, its one parameter (when any) the run id. */
    void explainIfAsked(String sql, boolean withRunId) throws SQLException {
        if (!EXPLAIN) {
            return;
        }
        try (Statement savepoint = connection.createStatement()) {
            savepoint.execute("savepoint explain");
            try (PreparedStatement statement = connection.prepareStatement("explain (analyze, buffers) " + sql)) {
                if (withRunId) {
                    statement.setString(1, runId);
                }
                StringBuilder plan = new StringBuilder(sql).append('\n');
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                LOG.info(plan);
            }
            savepoint.execute("rollback to savepoint explain");
        }
    }
}
