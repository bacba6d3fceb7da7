package io.erplink.mapping.execution;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * <p>Called from one thread at a time (a run's chunks come from one partition, in order); its connection
 * is used only by the eager merge's own writer thread.
 */
final class EagerMerge implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EagerMerge.class);
    private static final String UNIQUE_VIOLATION = "23505";
    /** Chunks handed to the writer thread and not yet written. */
    private static final int IN_FLIGHT = 4;

    private static final long WAIT_MINUTES = 10;

    private final String runId;
    private final CompiledJob job;
    private final Connection connection;
    private final PGConnection pg;
    /** The COPY columns of each mapping, fixed by its first chunk. */
    private final Map<Integer, List<ColumnInfo>> columnsByMapping = new HashMap<>();

    private final Map<String, Long> insertedByTable = new LinkedHashMap<>();
    private final Set<Long> merged = new HashSet<>();
    /** Why the eager merge was given up; set on either thread, read on both. */
    private volatile String abandoned;

    private final ExecutorService writer;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);

    /** Opens a connection of the eager merge's own. */
    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /** Records the merge's outcome in its transaction, before the commit. */
    @FunctionalInterface
    interface OutcomeRecorder {
        void record(Connection connection, Merge.Outcome outcome) throws SQLException;
    }

    private EagerMerge(String runId, CompiledJob job, Connection connection) throws SQLException {
        this.runId = runId;
        this.job = job;
        this.connection = connection;
        this.pg = connection.unwrap(PGConnection.class);
        this.writer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "eager-merge-" + runId);
            thread.setDaemon(true);
            return thread;
        });
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
            List<ColumnInfo> keys = MergeSql.keys(mapping);
            if (keys.isEmpty()
                    || !MergeSql.keySetIsPrimaryKey(mapping.destination(), keys)
                    || mapping.options().updateOnly()) {
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
                statement.execute("set local idle_in_transaction_session_timeout = '"
                        + Math.max(1, idleTimeout.toMillis()) + "ms'");
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
            rollbackQuietly(connection);
            closeQuietly(connection);
            return null;
        }
    }

    /**
     * Takes a staged (committed) chunk's rows; any reason they cannot go in as the usual merge would
     * insert them abandons the eager merge. The rows are checked and encoded here, and COPYed by the
     * eager merge's own thread, so the consumer stages the next chunk meanwhile. At most
     * {@value #IN_FLIGHT} chunks wait for that thread; a further one waits here.
     *
     * @param refused whether the database refused some of the chunk's rows at staging
     * @param text    the commerce columns' text staging encoded, per table (reused where the columns are the same)
     */
    void add(
            long sequence,
            MappedChunk chunk,
            Map<TableInfo, List<StageRow>> rowsByTable,
            boolean refused,
            Map<TableInfo, Staging.CommerceText> text) {
        if (abandoned != null) {
            return;
        }
        if (refused || chunk.fatal()) {
            abandon("chunk " + sequence + " has rows that failed");
            return;
        }
        if (sequence > merged.size()) {
            // Chunks of a run on one partition come in order: a gap means others went to another replica.
            abandon("chunk " + sequence + " came before chunk " + merged.size());
            return;
        }
        if (!merged.add(sequence)) {
            abandon("chunk " + sequence + " came twice");
            return;
        }
        List<Copy> copies = new ArrayList<>();
        for (MappingRows rows : chunk.mappingRows()) {
            if (rows.staged() == 0) {
                continue;
            }
            CompiledTableMapping mapping = rows.mapping();
            if (!rows.union().equals(rows.common())) {
                abandon("rows of " + mapping.label() + " write different columns");
                return;
            }
            List<ColumnInfo> columns = MergeSql.insertColumns(mapping.destination(), mapping, rows.union());
            List<ColumnInfo> known = columnsByMapping.putIfAbsent(mapping.index(), columns);
            if (known != null && !known.equals(columns)) {
                abandon("chunks of " + mapping.label() + " write different columns");
                return;
            }
            Staging.CommerceText staged = text.get(mapping.destination());
            copies.add(
                    staged != null && staged.usable() && staged.columns().equals(columns)
                            ? copy(mapping, columns, staged)
                            : encode(mapping, columns, rowsByTable.get(mapping.destination())));
        }
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon("interrupted");
            return;
        }
        try {
            writer.execute(() -> {
                try {
                    if (abandoned == null) {
                        for (Copy copy : copies) {
                            copy(copy);
                        }
                    }
                } catch (SQLException e) {
                    rollback(
                            UNIQUE_VIOLATION.equals(e.getSQLState())
                                    ? "a key repeats"
                                    : "database error: " + e.getMessage());
                } finally {
                    inFlight.release();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.release(); // closed meanwhile (the run failed)
        }
    }

    /** One COPY of a chunk's rows of one mapping, encoded. */
    private record Copy(String table, String sql, byte[] data, long rows) {}

    private static Copy encode(CompiledTableMapping mapping, List<ColumnInfo> columns, List<StageRow> rows) {
        StringBuilder text = new StringBuilder(1 << 16);
        long count = 0;
        for (StageRow row : rows) {
            if (row.mapping() == mapping.index() && !row.keep()) {
                Staging.encodeColumns(row.source(), columns, text, false);
                count++;
            }
        }
        return new Copy(
                mapping.destination().name(),
                copySql(mapping.destination(), columns),
                text.toString().getBytes(StandardCharsets.UTF_8),
                count);
    }

    /** The COPY of a mapping's rows with the text staging encoded for the same columns. */
    private static Copy copy(CompiledTableMapping mapping, List<ColumnInfo> columns, Staging.CommerceText staged) {
        StringBuilder text = staged.text(mapping.index());
        return new Copy(
                mapping.destination().name(),
                copySql(mapping.destination(), columns),
                text == null ? new byte[0] : text.toString().getBytes(StandardCharsets.UTF_8),
                staged.rows(mapping.index()));
    }

    private static String copySql(TableInfo table, List<ColumnInfo> columns) {
        StringBuilder sql = new StringBuilder("copy ").append(table.qualified()).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(columns.get(i).quoted());
        }
        return sql.append(") from stdin").toString();
    }

    /** On the writer thread. */
    private void copy(Copy copy) throws SQLException {
        CopyIn in = pg.getCopyAPI().copyIn(copy.sql());
        try {
            in.writeToCopy(copy.data(), 0, copy.data().length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        insertedByTable.merge(copy.table(), copy.rows(), Long::sum);
    }

    /** Whether the rows of every chunk {@code 0 .. chunkCount - 1} went in and nothing abandoned the eager merge. */
    boolean complete(long chunkCount) {
        onWriter(() -> null); // every chunk handed over is written (or the merge was abandoned)
        if (abandoned == null && merged.size() != chunkCount) {
            abandon(merged.size() + " of " + chunkCount + " chunks came here");
        }
        return abandoned == null;
    }

    /**
     * Reads what the merge did, records it ({@code mapping.run_eager_outcome}, for a merge that has to
     * be redone after a crash) and commits: the run's rows become visible.
     */
    Merge.Outcome commit(int maxProductIds, OutcomeRecorder recorder) throws SQLException {
        Merge.Outcome outcome = onWriter(() -> {
            Merge.Outcome done = Merge.ofFirstImport(connection, job, insertedByTable, maxProductIds);
            recorder.record(connection, done);
            connection.commit();
            return done;
        });
        if (outcome == null) {
            throw new SQLException("the eager merge was abandoned: " + abandoned);
        }
        return outcome;
    }

    /** Gives up: rolls back what went in, so the usual merge writes the run from staging. */
    void abandon(String reason) {
        onWriter(() -> {
            rollback(reason);
            return null;
        });
    }

    /** On the writer thread. */
    private void rollback(String reason) {
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

    /** Rolls back unless committed, returns the connection and ends the writer thread. */
    @Override
    public void close() {
        onWriter(() -> {
            try {
                connection.rollback();
            } catch (SQLException e) {
                LOG.debugf("run %s: closing the eager merge: %s", runId, e.getMessage());
            }
            closeQuietly(connection);
            return null;
        });
        writer.shutdown();
    }

    @FunctionalInterface
    private interface WriterWork<T> {
        T run() throws SQLException;
    }

    /** Runs on the writer thread (the connection is only ever used there) and waits; null when that failed. */
    private <T> T onWriter(WriterWork<T> work) {
        Future<T> result;
        try {
            result = writer.submit(() -> {
                try {
                    return work.run();
                } catch (SQLException e) {
                    rollback("database error: " + e.getMessage());
                    return null;
                }
            });
        } catch (RejectedExecutionException e) {
            return null; // closed already
        }
        try {
            return result.get(WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandoned = abandoned == null ? "interrupted" : abandoned;
            return null;
        } catch (ExecutionException | TimeoutException e) {
            abandoned = abandoned == null ? "the eager merge's thread failed: " + e : abandoned;
            return null;
        }
    }

    /** Before a pooled connection goes back: the pool must not find a transaction open on it. */
    private static void rollbackQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                LOG.debugf("rolling back a connection: %s", e.getMessage());
            }
        }
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
