package io.erplink.mapping.execution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.erplink.mapping.execution.MappedChunk.MappingRows;
import io.erplink.mapping.runs.MappingRunStatus;
import io.erplink.protocol.events.RecordChunk;
import io.erplink.protocol.events.RowError;
import io.erplink.protocol.events.RunResult;
import io.erplink.protocol.events.RunSealed;

/**
 * The execution's JDBC repository of the {@code mapping} schema: runs ({@code mapping_run}), their
 * chunks ({@code run_chunk}, {@code run_chunk_mapping}), staging tables ({@code run_stage_table})
 * and eager merge outcomes ({@code run_eager_outcome}). Every method works on the caller's
 * connection, in the caller's transaction.
 *
 * <p>Kept in one class on purpose: the run row's locks ({@code for share} while a chunk stages,
 * {@code for update} while a run is sealed, merged or failed) and the statements that rely on them
 * are what makes a run merge exactly once across replicas; they are checked against each other here.
 */
@ApplicationScoped
class MappingRunRepository {
    private final ObjectMapper mapper;

    MappingRunRepository(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * What the run's chunks staged, summed in sequence order (errors up to {@code maxErrors}), with the
     * counts per source table and per table mapping.
     *
     * @param staged source rows a table mapping staged (written, once merged)
     */
    record Totals(
            long read,
            long staged,
            long skipped,
            long failed,
            String fatalMessage,
            List<RowError> errors,
            RunAccounting accounting) {}

    /**
     * Creates the run's row if it is new and locks it exclusively (sealing, merging, failing): that
     * waits for every chunk of the run being staged, on any replica, and no two replicas merge it.
     */
    MappingRun lock(Connection connection, String runId, String job) throws SQLException {
        return lock(connection, runId, job, "for update");
    }

    /**
     * Creates the run's row if it is new and locks it shared (staging a chunk): chunks of one run stage
     * concurrently, on several replicas, but never while the run is sealed, merged or failed.
     */
    MappingRun lockShared(Connection connection, String runId, String job) throws SQLException {
        return lock(connection, runId, job, "for share");
    }

    private MappingRun lock(Connection connection, String runId, String job, String mode) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into mapping.mapping_run (run_id, job) values (?, ?) on conflict do nothing")) {
            insert.setString(1, runId);
            insert.setString(2, job);
            insert.executeUpdate();
        }
        try (PreparedStatement select =
                connection.prepareStatement("select job, status, sealed, chunk_count, row_count,"
                        + " full_import, stage_id from mapping.mapping_run where run_id = ? " + mode)) {
            select.setString(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                String status = rows.getString(2);
                return new MappingRun(
                        runId,
                        rows.getString(1),
                        MappingRunStatus.ofStored(status)
                                .orElseThrow(() -> new IllegalStateException(
                                        "run " + runId + " has an unknown status '" + status + "'")),
                        rows.getBoolean(3),
                        (Long) rows.getObject(4),
                        (Long) rows.getObject(5),
                        rows.getBoolean(6),
                        rows.getLong(7));
            }
        }
    }

    /**
     * Claims a chunk for this transaction before it is staged: false when it was staged already. A
     * transaction staging the same chunk elsewhere (a rebalance) makes this wait for its end, then
     * answers false if it committed: a chunk is staged once, whichever replica gets it.
     */
    boolean claimChunk(Connection connection, String runId, long sequence) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into mapping.run_chunk (run_id, sequence,"
                + " read, staged, skipped, failed) values (?, ?, 0, 0, 0, 0) on conflict do nothing")) {
            insert.setString(1, runId);
            insert.setLong(2, sequence);
            return insert.executeUpdate() == 1;
        }
    }

    /**
     * Records a staged (claimed) chunk: its counts, errors and per-table counts, and each mapping's
     * written-column masks.
     */
    void recordChunk(Connection connection, String runId, RecordChunk chunk, MappedChunk mapped) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update mapping.run_chunk set read = ?, staged = ?,"
                + " skipped = ?, failed = ?, fatal = ?, fatal_message = ?, errors = ?::jsonb, tables = ?::jsonb,"
                + " staged_at = now() where run_id = ? and sequence = ?")) {
            update.setLong(1, mapped.read());
            update.setLong(2, mapped.staged());
            update.setLong(3, mapped.skipped());
            update.setLong(4, mapped.failed());
            update.setBoolean(5, mapped.fatal());
            update.setString(6, mapped.fatalMessage());
            update.setString(7, json(mapped.errors()));
            update.setString(8, json(mapped.tables()));
            update.setString(9, runId);
            update.setLong(10, chunk.sequence());
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("run " + runId + " chunk " + chunk.sequence() + " was not claimed");
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into mapping.run_chunk_mapping (run_id, sequence, mapping_index, staged, kept,"
                        + " union_mask, common_mask, failed, skipped)"
                        + " values (?, ?, ?, ?, ?, ?::bit varying, ?::bit varying, ?, ?)")) {
            for (MappingRows rows : mapped.mappingRows()) {
                if (rows.staged() == 0 && rows.kept() == 0 && rows.failed() == 0 && rows.skipped() == 0) {
                    continue;
                }
                int width = rows.mapping().destination().columns().size();
                insert.setString(1, runId);
                insert.setLong(2, chunk.sequence());
                insert.setInt(3, rows.mapping().index());
                insert.setLong(4, rows.staged());
                insert.setLong(5, rows.kept());
                insert.setString(6, bits(rows.union(), width));
                insert.setString(7, bits(rows.common(), width));
                insert.setLong(8, rows.failed());
                insert.setLong(9, rows.skipped());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    void seal(Connection connection, String runId, RunSealed sealed) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update mapping.mapping_run set sealed = true,"
                + " chunk_count = ?, row_count = ?, full_import = ? where run_id = ?")) {
            update.setLong(1, sealed.chunkCount());
            update.setLong(2, sealed.rowCount());
            update.setBoolean(3, sealed.fullImport());
            update.setString(4, runId);
            update.executeUpdate();
        }
    }

    /** Chunks staged, and of those numbered {@code chunkCount} or beyond. */
    record ChunkCount(long staged, long beyond) {}

    ChunkCount countChunks(Connection connection, String runId, long chunkCount) throws SQLException {
        try (PreparedStatement count =
                connection.prepareStatement("select count(*), count(*) filter (where sequence >= ?)"
                        + " from mapping.run_chunk where run_id = ?")) {
            count.setLong(1, chunkCount);
            count.setString(2, runId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return new ChunkCount(rows.getLong(1), rows.getLong(2));
            }
        }
    }

    Totals totals(Connection connection, String runId, int maxErrors) throws SQLException {
        long read = 0, staged = 0, skipped = 0, failed = 0;
        String fatal = null;
        List<RowError> errors = new ArrayList<>();
        RunAccounting accounting = new RunAccounting();
        try (PreparedStatement select =
                connection.prepareStatement("select read, skipped, failed, fatal_message, errors::text, tables::text,"
                        + " staged from mapping.run_chunk where run_id = ? order by sequence")) {
            select.setString(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    read += rows.getLong(1);
                    skipped += rows.getLong(2);
                    failed += rows.getLong(3);
                    staged += rows.getLong(7);
                    if (fatal == null) {
                        fatal = rows.getString(4);
                    }
                    String tables = rows.getString(6);
                    if (tables != null) { // null: staged before the per-table counts (V6)
                        accounting.add(readTables(tables));
                    }
                    if (errors.size() < maxErrors) {
                        for (RowError error : readErrors(rows.getString(5))) {
                            if (errors.size() < maxErrors) {
                                errors.add(error);
                            }
                        }
                    }
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement("select mapping_index, sum(staged), sum(failed),"
                + " sum(skipped) from mapping.run_chunk_mapping where run_id = ? group by mapping_index")) {
            select.setString(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    accounting.addMapping(rows.getInt(1), rows.getLong(2), rows.getLong(3), rows.getLong(4));
                }
            }
        }
        return new Totals(read, staged, skipped, failed, fatal, errors, accounting);
    }

    /** Registers a staging table of the run; false when it was registered (and created) already. */
    boolean addStageTable(Connection connection, String runId, String destination, String stageTable)
            throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("insert into mapping.run_stage_table (run_id, destination,"
                        + " stage_table) values (?, ?, ?) on conflict do nothing")) {
            insert.setString(1, runId);
            insert.setString(2, destination);
            insert.setString(3, stageTable);
            return insert.executeUpdate() == 1;
        }
    }

    /** Commerce table name (as the catalog reports it) to its staging table's name (unqualified). */
    Map<String, String> stageTables(Connection connection, String runId) throws SQLException {
        Map<String, String> tables = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select destination, stage_table from mapping.run_stage_table where run_id = ?")) {
            select.setString(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tables.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return tables;
    }

    /** Forgets the run's staging tables and returns their names, for the caller to drop. */
    List<String> removeStageTables(Connection connection, String runId) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from mapping.run_stage_table where run_id = ? returning stage_table")) {
            delete.setString(1, runId);
            try (ResultSet rows = delete.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }

    /** Per table mapping index: what the run's chunks staged, with the union and intersection of their column masks. */
    Map<Integer, Merge.MappingStats> mappingStats(Connection connection, String runId) throws SQLException {
        Map<Integer, Merge.MappingStats> stats = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select mapping_index, sum(staged), bit_or(union_mask)::text,"
                        + " bit_and(common_mask)::text from mapping.run_chunk_mapping where run_id = ? and staged > 0 group by mapping_index")) {
            select.setString(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stats.put(
                            rows.getInt(1),
                            new Merge.MappingStats(
                                    rows.getLong(2), bitSet(rows.getString(3)), bitSet(rows.getString(4))));
                }
            }
        }
        return stats;
    }

    /** Per table mapping index: the rows the run's chunks wrote to staging (staged and kept for their key). */
    Map<Integer, Long> stagingRows(Connection connection, String runId) throws SQLException {
        Map<Integer, Long> counts = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("select mapping_index, sum(staged + kept)"
                + " from mapping.run_chunk_mapping where run_id = ? group by mapping_index")) {
            select.setString(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getInt(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }

    /** The outcome an eager merge recorded when it committed, or null. */
    Merge.Outcome eagerOutcome(Connection connection, String runId) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("select outcome::text from mapping.run_eager_outcome where run_id = ?")) {
            select.setString(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? mapper.readValue(rows.getString(1), Merge.Outcome.class) : null;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "run " + runId + ": the recorded eager merge outcome is not readable: " + e.getMessage(), e);
        }
    }

    /** Records an eager merge's outcome in its own transaction (on its own connection), committed with its rows. */
    void addEagerOutcome(Connection connection, String runId, Merge.Outcome outcome) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into mapping.run_eager_outcome (run_id, outcome) values (?, ?::jsonb)")) {
            insert.setString(1, runId);
            insert.setString(2, json(outcome));
            insert.executeUpdate();
        }
    }

    void removeEagerOutcome(Connection connection, String runId) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("delete from mapping.run_eager_outcome where run_id = ?")) {
            delete.setString(1, runId);
            delete.executeUpdate();
        }
    }

    /**
     * Marks the run COMPLETED (stored MERGED) with its account: written, skipped and failed source rows,
     * the merge's figures summed over the destination tables, and both per table lists.
     */
    void markCompleted(Connection connection, String runId, RunResult result) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update mapping.mapping_run set status = ?,"
                + " finished_at = now(), read = ?, written = ?, inserted = ?, updated = ?, unchanged = ?, skipped = ?,"
                + " failed = ?, removed = ?, message = null, sources = ?::jsonb, targets = ?::jsonb,"
                + " skipped_rows = ?::jsonb where run_id = ?")) {
            update.setString(1, MappingRunStatus.COMPLETED.stored());
            update.setLong(2, result.read());
            update.setLong(3, result.written());
            update.setLong(4, result.inserted());
            update.setLong(5, result.updated());
            update.setLong(6, result.unchanged());
            update.setLong(7, result.skipped());
            update.setLong(8, result.failed());
            update.setLong(9, result.removed());
            update.setString(10, json(result.sources()));
            update.setString(11, json(result.targets()));
            update.setString(12, json(result.skippedRows()));
            update.setString(13, runId);
            update.executeUpdate();
        }
    }

    /** Marks the run FAILED with its message and what its chunks read (nothing written). */
    void markFailed(Connection connection, String runId, RunResult result) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update mapping.mapping_run set status = ?,"
                + " finished_at = now(), message = ?, read = ?, written = 0, skipped = ?, failed = ?, inserted = 0,"
                + " updated = 0, unchanged = 0, removed = 0, sources = ?::jsonb, targets = ?::jsonb,"
                + " skipped_rows = ?::jsonb where run_id = ?")) {
            update.setString(1, MappingRunStatus.FAILED.stored());
            update.setString(2, result.message());
            update.setLong(3, result.read());
            update.setLong(4, result.skipped());
            update.setLong(5, result.failed());
            update.setString(6, json(result.sources()));
            update.setString(7, json(result.targets()));
            update.setString(8, json(result.skippedRows()));
            update.setString(9, runId);
            update.executeUpdate();
        }
    }

    /** Runs still STARTED (staging) that were created longer than {@code retention} ago. */
    List<String> startedBefore(Connection connection, Duration retention) throws SQLException {
        List<String> runs = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select run_id from mapping.mapping_run where status = ? and created_at < now() - ?::interval")) {
            select.setString(1, MappingRunStatus.STARTED.stored());
            select.setString(2, retention.getSeconds() + " seconds");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    runs.add(rows.getString(1));
                }
            }
        }
        return runs;
    }

    // ---- codecs ---------------------------------------------------------------------------------------------------

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<RowError> readErrors(String json) {
        try {
            return mapper.readValue(json, new TypeReference<List<RowError>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored row errors are not readable: " + e.getMessage(), e);
        }
    }

    private List<RunAccounting.ChunkTable> readTables(String json) {
        try {
            return mapper.readValue(json, new TypeReference<List<RunAccounting.ChunkTable>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored table counts are not readable: " + e.getMessage(), e);
        }
    }

    /** A column mask as PostgreSQL's bit varying text: one '0' or '1' per column ordinal. */
    static String bits(BitSet bits, int width) {
        StringBuilder text = new StringBuilder(width);
        for (int i = 0; i < width; i++) {
            text.append(bits.get(i) ? '1' : '0');
        }
        return text.toString();
    }

    static BitSet bitSet(String text) {
        BitSet bits = new BitSet();
        if (text != null) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '1') {
                    bits.set(i);
                }
            }
        }
        return bits;
    }
}
