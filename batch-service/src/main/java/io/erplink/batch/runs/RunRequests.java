package io.erplink.batch.runs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import io.erplink.kit.api.DatabaseFailure;

/**
 * The run table's writes that do not come from a worker: runs the schedule, "run now" and "run last
 * response" ask for, and an operator's stop. Conditional SQL like {@link RunStore}'s: the unique
 * (activity, due time) key makes a due time fire once, a stop changes only a run that is not final.
 * Runs in the caller's transaction.
 */
@ApplicationScoped
class RunRequests {
    private final AgroalDataSource dataSource;

    RunRequests(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What a new run of an activity starts from. */
    record NewRun(
            UUID id,
            long activityId,
            String activityName,
            RunKind kind,
            String trigger,
            Instant dueTime,
            String requestXml,
            String mappingJob,
            boolean fullImport,
            boolean archive,
            String odataSource,
            String odataSince,
            Integer jobVersion) {}

    /** @return false when a run of the activity was created for this due time already */
    boolean insert(NewRun run) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                insert into run (id, activity_id, activity_name, kind, trigger, due_time, status, phase, request_xml,
                    mapping_job, full_import, archive, not_before, odata_source, odata_since, job_version)
                values (?, ?, ?, ?, ?, ?, '%s', '%s', ?, ?, ?, ?, now(), ?, ?, ?)
                on conflict (activity_id, due_time) do nothing""".formatted(RunStatus.STARTING, RunPhase.QUEUED))) {
            s.setObject(1, run.id());
            s.setLong(2, run.activityId());
            s.setString(3, run.activityName());
            s.setString(4, run.kind().name());
            s.setString(5, run.trigger());
            s.setTimestamp(6, run.dueTime() == null ? null : Timestamp.from(run.dueTime()));
            s.setString(7, run.requestXml());
            s.setString(8, run.mappingJob());
            s.setBoolean(9, run.fullImport());
            s.setBoolean(10, run.archive());
            s.setString(11, run.odataSource());
            s.setString(12, run.odataSince());
            s.setObject(13, run.jobVersion(), Types.INTEGER);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DatabaseFailure("creating a run", e);
        }
    }

    /** A run that publishes the archived pages of {@code origin} again. */
    void insertReplay(UUID id, Run origin) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("""
                insert into run (id, activity_id, activity_name, kind, trigger, replay_of, status, phase, request_xml,
                    mapping_job, full_import, archive, not_before)
                values (?, ?, ?, '%s', 'REPLAY', ?, '%s', '%s', ?, ?, ?, false, now())""".formatted(RunKind.REPLAY, RunStatus.STARTING, RunPhase.QUEUED))) {
            s.setObject(1, id);
            s.setObject(2, origin.activityId, Types.BIGINT);
            s.setString(3, origin.activityName);
            s.setObject(4, origin.id);
            s.setString(5, origin.requestXml);
            s.setString(6, origin.mappingJob);
            s.setBoolean(7, origin.fullImport);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseFailure("creating a replay run", e);
        }
    }

    /** STOPPED, unless the run is final already. */
    boolean stop(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("""
                update run set status = ?, phase = '%s', exit_code = ?, exit_message = 'stopped by an operator',
                    ended_at = now(), lease_owner = null, lease_until = null, last_updated = now()
                where id = ? and status in ('%s', '%s')""".formatted(RunPhase.DONE, RunStatus.STARTING, RunStatus.STARTED))) {
            s.setString(1, RunStatus.STOPPED.name());
            s.setString(2, ExitCode.STOPPED.name());
            s.setObject(3, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DatabaseFailure("stopping a run", e);
        }
    }

    /** The latest due time a run of the activity was created for; null when none was. */
    Instant lastDueTime(long activityId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select max(due_time) from run where activity_id = ?")) {
            s.setLong(1, activityId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                Timestamp last = rs.getTimestamp(1);
                return last == null ? null : last.toInstant();
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("reading the last due time", e);
        }
    }
}
