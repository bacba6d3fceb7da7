package io.erplink.mapping.execution;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import io.erplink.mapping.engine.CompiledJob;
import io.erplink.mapping.engine.CompiledTableMapping;
import io.erplink.mapping.execution.MappedChunk.MappingRows;
import io.erplink.mapping.execution.Staging.StageRow;
import io.erplink.mapping.schema.ColumnInfo;
import io.erplink.mapping.schema.TableInfo;

/**
 * The merge of a first import, done while the run's chunks arrive instead of after the last one.
 *
 * <p>The merge of a run is one transaction on one connection, so on its own it keeps one core busy
 * after everything else is done (a million products: about as long as a raw COPY of the rows). When
 * every commerce table of the job is empty at the run's first chunk, this opens a transaction of its
 * own on a second connection, locks those tables against other writers (readers go on, and see them
 * empty), and COPYs each chunk's rows into them right after the chunk was staged. The merge then only
 * commits it. Nothing of the run is visible before that commit, as with the usual merge.
 *
 * <p>The staging tables stay the record of the run: whenever the rows cannot go in exactly as the
 * usual merge would insert them, this transaction is rolled back and the usual merge runs from
 * staging at the end. That happens on a key that repeats (the usual merge decides which row wins), a
 * row the database refused at staging, rows of one mapping writing different columns, a failing row
 * in a mapping that does not skip failing rows, any database error, a chunk missed (e.g. after a
 * restart or a rebalance), or when the connection stayed idle longer than the idle timeout (an ERP
 * outage that holds the run up). The commerce tables are then written once, by the usual merge.
 *
 * <p>Not thread-safe: a run's chunks come from one partition, in order, on one consumer thread.
 */
final class EagerMerge implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EagerMerge.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final String runId;
    private final CompiledJob job;
    private final Connection connection;
    private final PGConnection pg;
    /** The COPY columns of each mapping, fixed by its first chunk. */
    private final Map<Integer, List<ColumnInfo>> columnsByMapping = new HashMap<>();
    private final Map<String, Long> insertedByTable = new LinkedHashMap<>();
    private final Set<Long> merged = new HashSet<>();
    private String abandoned;

    /** Opens a connection of the eager merge's own. */
    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private EagerMerge(String runId, CompiledJob job, Connection connection) throws SQLException {
        this.runId = runId;
        this.job = job;
        this.connection = connection;
        this.pg = connection.unwrap(PGConnection.class);
    }

    /**
     * Starts the eager merge of a run whose first chunk (sequence 0) was just staged, or returns null
     * when the run does not qualify: a table mapping not keyed by its table's primary key or updating
     * only, a commerce table of the job with rows or locked by another writer.
     */
    static EagerMerge begin(ConnectionSource connections, String runId, CompiledJob job, Duration idleTimeout) {
        Map<String, TableInfo> tables = new LinkedHashMap<>();
        for (CompiledTableMapping mapping : job.mappings()) {
            if (!mapping.isImport()) {
                continue;
            }
            List<ColumnInfo> keys = Merge.keys(mapping);
            if (keys.isEmpty() || !Merge.keySetIsPrimaryKey(mapping.destination(), keys) || mapping.options().updateOnly()) {
                return null;
            }
            tables.put(mapping.destination().name(), mapping.destination());
        }
        Connection connection = null;
        try {
            connection = connections.open();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // Never wait for another writer, and never hold the locks through a long pause of the run.
                statement.execute("set local lock_timeout = '1s'");
                statement.execute("set local idle_in_transaction_session_timeout = '" + Math.max(1, idleTimeout.toMillis()) + "ms'");
                for (TableInfo table : tables.values()) {
                    statement.execute("lock table " + table.qualified() + " in share row exclusive mode");
                    try (var rows = statement.executeQuery("select exists (select 1 from " + table.qualified() + ")")) {
                        rows.next();
                        if (rows.getBoolean(1)) {
                            connection.rollback();
                            connection.close();
                            return null;
                        }
                    }
                }
            }
            LOG.debugf("run %s: merging into the empty tables %s as the chunks arrive", runId, tables.keySet());
            return new EagerMerge(runId, job, connection);
        } catch (SQLException e) {
            LOG.debugf("run %s: no eager merge (%s)", runId, e.getMessage());
            closeQuietly(connection);
            return null;
        }
    }

    /**
     * Inserts a staged (committed) chunk's rows; any reason the rows cannot go in as the usual merge
     * would insert them abandons the eager merge.
     *
     * @param refused whether the database refused some of the chunk's rows at staging
     */
    void add(long sequence, MappedChunk chunk, Map<TableInfo, List<StageRow>> rowsByTable, boolean refused) {
        if (abandoned != null) {
            return;
        }
        if (refused || chunk.fatal()) {
            abandon("chunk " + sequence + " has rows that failed");
            return;
        }
        if (!merged.add(sequence)) {
            abandon("chunk " + sequence + " came twice");
            return;
        }
        try {
            for (MappingRows rows : chunk.mappingRows()) {
                if (rows.staged() == 0) {
                    continue;
                }
                CompiledTableMapping mapping = rows.mapping();
                if (!rows.union().equals(rows.common())) {
                    abandon("rows of " + mapping.label() + " write different columns");
                    return;
                }
                List<ColumnInfo> columns = Merge.insertColumns(mapping.destination(), mapping, rows.union());
                List<ColumnInfo> known = columnsByMapping.putIfAbsent(mapping.index(), columns);
                if (known != null && !known.equals(columns)) {
                    abandon("chunks of " + mapping.label() + " write different columns");
                    return;
                }
                copy(mapping, columns, rowsByTable.get(mapping.destination()));
            }
        } catch (SQLException e) {
            abandon(UNIQUE_VIOLATION.equals(e.getSQLState()) ? "a key repeats" : "database error: " + e.getMessage());
        }
    }

    private void copy(CompiledTableMapping mapping, List<ColumnInfo> columns, List<StageRow> rows) throws SQLException {
        TableInfo table = mapping.destination();
        StringBuilder sql = new StringBuilder("copy ").append(table.qualified()).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(columns.get(i).quoted());
        }
        sql.append(") from stdin");
        CopyIn copy = pg.getCopyAPI().copyIn(sql.toString());
        long count = 0;
        try {
            StringBuilder text = new StringBuilder(1 << 16);
            for (StageRow row : rows) {
                if (row.mapping() != mapping.index() || row.keep()) {
                    continue;
                }
                Staging.encodeColumns(row.source(), columns, text, false);
                count++;
                if (text.length() >= 1 << 15) {
                    write(copy, text);
                }
            }
            write(copy, text);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        insertedByTable.merge(table.name(), count, Long::sum);
    }

    private static void write(CopyIn copy, StringBuilder text) throws SQLException {
        if (text.length() > 0) {
            byte[] data = text.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(data, 0, data.length);
            text.setLength(0);
        }
    }

    /** Whether the rows of every chunk {@code 0 .. chunkCount - 1} went in and nothing abandoned the eager merge. */
    boolean complete(long chunkCount) {
        if (abandoned == null && merged.size() != chunkCount) {
            abandon(merged.size() + " of " + chunkCount + " chunks came here");
        }
        return abandoned == null;
    }

    /** Reads what the merge did and commits it: the run's rows become visible. */
    Merge.Outcome commit(int maxProductIds) throws SQLException {
        Merge.Outcome outcome = Merge.ofFirstImport(connection, job, insertedByTable, maxProductIds);
        connection.commit();
        return outcome;
    }

    /** Gives up: rolls back what went in, so the usual merge writes the run from staging. */
    void abandon(String reason) {
        if (abandoned == null) {
            abandoned = reason;
            LOG.infof("run %s: merging at the end instead of as the chunks arrive: %s", runId, reason);
            try {
                connection.rollback();
            } catch (SQLException e) {
                LOG.debugf("run %s: rollback of the eager merge: %s", runId, e.getMessage());
            }
        }
    }

    String abandoned() {
        return abandoned;
    }

    /** Rolls back unless committed, and returns the connection. */
    @Override
    public void close() {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            LOG.debugf("run %s: closing the eager merge: %s", runId, e.getMessage());
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debugf("closing a connection: %s", e.getMessage());
            }
        }
    }
}
