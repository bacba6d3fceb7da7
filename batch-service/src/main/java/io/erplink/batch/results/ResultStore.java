package io.erplink.batch.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import io.erplink.batch.runs.RunStatus;
import io.erplink.kit.api.DatabaseFailure;
import io.erplink.protocol.events.RowError;

/**
 * The SQL of mapping-service's reports, the bulk path of results (one ChunkResult per chunk of every
 * run): a chunk's counts once (the run_chunk_result key), counters added in place, row errors
 * recorded once. Runs in the caller's transaction.
 */
@ApplicationScoped
class ResultStore {
    private final AgroalDataSource dataSource;

    ResultStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    boolean runExists(UUID runId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select 1 from run where id = ?")) {
            s.setObject(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("reading a run", e);
        }
    }

    /**
     * Adds a chunk's counts to its run, unless they were added already; a final run keeps its counts.
     *
     * @return false when the chunk was reported before
     */
    boolean addChunk(UUID runId, long sequence, long read, long staged, long skipped, long failed) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into run_chunk_result (run_id, sequence, read, staged, skipped, failed) values (?, ?, ?, ?, ?, ?)
                    on conflict do nothing""")) {
                insert.setObject(1, runId);
                insert.setLong(2, sequence);
                insert.setLong(3, read);
                insert.setLong(4, staged);
                insert.setLong(5, skipped);
                insert.setLong(6, failed);
                if (insert.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement update = c.prepareStatement(
                    """
                    update run set rows_written = rows_written + ?, rows_skipped = rows_skipped + ?, rows_failed = rows_failed + ?,
                        chunks_reported = chunks_reported + 1, last_updated = now()
                    where id = ? and status not in ('%s', '%s', '%s', '%s')""".formatted(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.STOPPED, RunStatus.ABANDONED))) {
                update.setLong(1, staged);
                update.setLong(2, skipped);
                update.setLong(3, failed);
                update.setObject(4, runId);
                update.executeUpdate();
            }
            return true;
        } catch (SQLException e) {
            throw new DatabaseFailure("recording a chunk result", e);
        }
    }

    /** The activity's last successful run moves to {@code startedAt}, never back. */
    void advanceLastSuccessfulRun(long activityId, Instant startedAt) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                update activity set last_successful_run_at = greatest(coalesce(last_successful_run_at, ?), ?)
                where id = ?""")) {
            Timestamp at = Timestamp.from(startedAt);
            s.setTimestamp(1, at);
            s.setTimestamp(2, at);
            s.setLong(3, activityId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseFailure("recording the last successful run", e);
        }
    }

    /** Why mapping-service could not merge the run. */
    void addMappingError(UUID runId, String message) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "insert into run_error (run_id, source, message) values (?, 'MAPPING', ?)")) {
            s.setObject(1, runId);
            s.setString(2, message);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseFailure("recording a mapping error", e);
        }
    }

    /**
     * Records row errors once: a RunResult repeats the errors its ChunkResults brought already, so an
     * error the run has (same page, row, table, key and message) is not recorded again.
     */
    void addRowErrors(UUID runId, List<RowError> errors) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                insert into run_error (run_id, source, page, row_number, table_name, row_key, message)
                select e.run_id, 'MAPPING', e.page, e.row_number, e.table_name, e.row_key, e.message
                from (select cast(? as uuid) as run_id, cast(? as integer) as page, cast(? as bigint) as row_number,
                    cast(? as text) as table_name, cast(? as text) as row_key, cast(? as text) as message) e
                where not exists (select 1 from run_error r where r.run_id = e.run_id and r.source = 'MAPPING'
                    and r.page = e.page and r.row_number = e.row_number
                    and r.table_name is not distinct from e.table_name and r.row_key is not distinct from e.row_key
                    and r.message = e.message)""")) {
            for (RowError e : errors) {
                s.setObject(1, runId);
                s.setInt(2, e.page());
                s.setLong(3, e.row());
                s.setString(4, e.table());
                s.setString(5, e.key());
                s.setString(6, ResultHandler.truncate(e.message()));
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("recording row errors", e);
        }
    }
}
