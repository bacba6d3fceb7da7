package io.erplink.mapping.runs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

import io.erplink.kit.api.DatabaseFailure;
import io.erplink.kit.api.InvalidInput;
import io.erplink.kit.api.PageParams;
import io.erplink.mapping.runs.MappingRunView.ChunkView;
import io.erplink.mapping.runs.MappingRunView.Counts;
import io.erplink.protocol.api.PageOf;
import io.erplink.protocol.events.RowError;
import io.erplink.protocol.events.SkippedRows;
import io.erplink.protocol.events.SourceTableCounts;
import io.erplink.protocol.events.TableCounts;
import io.erplink.protocol.events.TargetTableCounts;

/** Read side of mapping runs for the API: {@code mapping_run} with its {@code run_chunk} rows. */
@ApplicationScoped
public class MappingRunQueries {
    /** The run's row with its chunks summed (chunks staged, rows read/staged/skipped/failed). */
    private static final String RUN =
            "select r.run_id, r.job, r.status, r.sealed, r.full_import, r.chunk_count, r.row_count,"
                    + " r.message, r.created_at, r.finished_at, r.read, r.inserted, r.updated, r.unchanged, r.skipped, r.failed, r.removed,"
                    + " c.chunks, c.read, c.staged, c.skipped, c.failed, r.tables::text, r.skipped_rows::text,"
                    + " r.written, r.sources::text, r.targets::text from mapping.mapping_run r"
                    + " cross join lateral (select count(*) as chunks, coalesce(sum(k.read), 0) as read, coalesce(sum(k.staged), 0) as staged,"
                    + " coalesce(sum(k.skipped), 0) as skipped, coalesce(sum(k.failed), 0) as failed"
                    + " from mapping.run_chunk k where k.run_id = r.run_id) c";

    private static final String FILTER = " where (?::text is null or r.job = ?) and (?::text is null or r.status = ?)";

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    MappingRunQueries(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /**
     * Runs newest first, optionally of one job and in one status.
     *
     * @param status STAGING, MERGED or FAILED (any case), or null
     * @throws io.erplink.kit.api.InvalidInput for an unknown status
     */
    @Transactional
    public PageOf<MappingRunView> list(String job, String status, PageParams paging) {
        try {
            return listRows(job, status, paging);
        } catch (SQLException e) {
            throw new DatabaseFailure("listing mapping runs", e);
        }
    }

    private PageOf<MappingRunView> listRows(String job, String status, PageParams paging) throws SQLException {
        String statusFilter = null;
        if (status != null && !status.isBlank()) {
            statusFilter = MappingRunStatus.ofStored(status)
                    .orElseThrow(() -> InvalidInput.field("status", "not one of STAGING, MERGED, FAILED: " + status))
                    .stored();
        }
        String jobFilter = job == null || job.isBlank() ? null : job;
        try (Connection connection = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count =
                    connection.prepareStatement("select count(*) from mapping.mapping_run r" + FILTER)) {
                filter(count, jobFilter, statusFilter);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    total = rows.getLong(1);
                }
            }
            List<MappingRunView> items = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    RUN + FILTER + " order by r.created_at desc, r.run_id limit ? offset ?")) {
                filter(select, jobFilter, statusFilter);
                select.setInt(5, paging.size());
                select.setLong(6, paging.offset());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(run(rows, null));
                    }
                }
            }
            return paging.of(items, total);
        }
    }

    /** A run with one page of its chunks (by sequence), or empty when there is no such run. */
    @Transactional
    public Optional<MappingRunView> get(String runId, int chunkPage, int chunkSize) {
        try {
            return getRow(runId, chunkPage, chunkSize);
        } catch (SQLException e) {
            throw new DatabaseFailure("reading mapping run " + runId, e);
        }
    }

    private Optional<MappingRunView> getRow(String runId, int chunkPage, int chunkSize) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            List<ChunkView> chunks = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select sequence, read, staged, skipped, failed, fatal,"
                            + " fatal_message, errors::text, staged_at from mapping.run_chunk where run_id = ? order by sequence limit ? offset ?")) {
                select.setString(1, runId);
                select.setInt(2, chunkSize);
                select.setLong(3, (long) chunkPage * chunkSize);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        chunks.add(new ChunkView(
                                rows.getLong(1),
                                rows.getLong(2),
                                rows.getLong(3),
                                rows.getLong(4),
                                rows.getLong(5),
                                rows.getBoolean(6),
                                rows.getString(7),
                                errors(rows.getString(8)),
                                instant(rows, 9)));
                    }
                }
            }
            try (PreparedStatement select = connection.prepareStatement(RUN + " where r.run_id = ?")) {
                select.setString(1, runId);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    long staged = rows.getLong(18);
                    return Optional.of(run(rows, new PageOf<>(chunks, chunkPage, chunkSize, staged)));
                }
            }
        }
    }

    private static void filter(PreparedStatement statement, String job, String status) throws SQLException {
        statement.setString(1, job);
        statement.setString(2, job);
        statement.setString(3, status);
        statement.setString(4, status);
    }

    /** A row of {@link #RUN}. While staging the counts come from the chunks, once finished from the run. */
    private MappingRunView run(ResultSet rows, PageOf<ChunkView> chunks) throws SQLException {
        boolean finished = MappingRunStatus.ofStored(rows.getString(3))
                .map(MappingRunStatus::isFinal)
                .orElse(true);
        long chunkRead = rows.getLong(19);
        long chunkSkipped = rows.getLong(21);
        long chunkFailed = rows.getLong(22);
        Counts counts = new Counts(
                finished ? orElse(rows, 11, chunkRead) : chunkRead,
                finished ? nullableLong(rows, 25) : null,
                finished ? orElse(rows, 15, chunkSkipped) : chunkSkipped,
                finished ? orElse(rows, 16, chunkFailed) : chunkFailed,
                finished ? nullableLong(rows, 12) : null,
                finished ? nullableLong(rows, 13) : null,
                finished ? nullableLong(rows, 14) : null,
                finished ? nullableLong(rows, 17) : null);
        return new MappingRunView(
                rows.getString(1),
                rows.getString(2),
                rows.getString(3),
                rows.getBoolean(4),
                rows.getBoolean(5),
                nullableLong(rows, 6),
                nullableLong(rows, 7),
                rows.getLong(18),
                rows.getLong(20),
                counts,
                rows.getString(8),
                instant(rows, 9),
                instant(rows, 10),
                finished ? list(rows.getString(23), new TypeReference<List<TableCounts>>() {}) : null,
                finished ? list(rows.getString(26), new TypeReference<List<SourceTableCounts>>() {}) : null,
                finished ? list(rows.getString(27), new TypeReference<List<TargetTableCounts>>() {}) : null,
                finished ? list(rows.getString(24), new TypeReference<List<SkippedRows>>() {}) : null,
                chunks);
    }

    private static Long nullableLong(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }

    private static long orElse(ResultSet rows, int column, long fallback) throws SQLException {
        Long value = nullableLong(rows, column);
        return value == null ? fallback : value;
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A stored JSON list; null for runs finished before it was stored (V6). */
    private <T> List<T> list(String json, TypeReference<List<T>> type) {
        try {
            return json == null ? null : mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored run accounting is not readable: " + e.getMessage(), e);
        }
    }

    private List<RowError> errors(String json) {
        try {
            return json == null ? List.of() : mapper.readValue(json, new TypeReference<List<RowError>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored row errors are not readable: " + e.getMessage(), e);
        }
    }
}
