package io.erplink.batch.runs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

import io.erplink.batch.BatchConfig;
import io.erplink.batch.odata.ODataSources;
import io.erplink.batch.publish.ChunkRule;
import io.erplink.kit.api.DatabaseFailure;

/**
 * The run table's state transitions, as conditional SQL. Every write a worker makes is guarded by
 * its lease ({@code lease_owner = ?}): a worker that lost its lease (it stalled, another worker took
 * the run over) can no longer change the run, so two workers never both commit a page.
 *
 * <p>One class on purpose: every transition here is guarded by the same lease, status and phase
 * conditions, and a new one is checked against the others by reading them together. The runs the
 * schedule and operators create or stop are {@link RunRequests}'.
 */
@ApplicationScoped
public class RunStore {
    private static final Logger LOG = Logger.getLogger(RunStore.class);

    private final AgroalDataSource dataSource;
    private final BatchConfig config;

    RunStore(AgroalDataSource dataSource, BatchConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * Claims the next claimable run for {@code owner}: a STARTING run that is due, or a STARTED run
     * whose lease expired (its worker died or stalled: it resumes from its last committed page). A run
     * whose lease expired on its last allowed attempt is ABANDONED instead. {@code FOR UPDATE SKIP
     * LOCKED} hands each run to exactly one of any number of concurrent claimers.
     */
    @Transactional
    public Optional<ClaimedRun> claimNext(String owner) {
        Duration lease = config.worker().lease();
        int maxAttempts = config.worker().maxAttempts();
        try (Connection c = dataSource.getConnection()) {
            for (int guard = 0; guard < 100; guard++) {
                UUID id;
                String status;
                int attempt;
                String previousOwner;
                Instant previousLease;
                int timeoutSeconds;
                int lastCommittedPage;
                try (PreparedStatement select =
                        c.prepareStatement("""
                        select r.id, r.status, r.attempt, r.lease_owner, r.lease_until, a.timeout_seconds, r.last_committed_page
                        from run r join activity a on a.id = r.activity_id
                        where (r.status = '%s' and r.not_before <= now())
                           or (r.status = '%s' and r.phase = '%s' and r.lease_until < now())
                        order by r.not_before, r.created_at
                        limit 1
                        for update of r skip locked""".formatted(RunStatus.STARTING, RunStatus.STARTED, RunPhase.FETCHING))) {
                    try (ResultSet rs = select.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                        id = rs.getObject(1, UUID.class);
                        status = rs.getString(2);
                        attempt = rs.getInt(3);
                        previousOwner = rs.getString(4);
                        Timestamp until = rs.getTimestamp(5);
                        previousLease = until == null ? null : until.toInstant();
                        timeoutSeconds = rs.getInt(6);
                        lastCommittedPage = rs.getInt(7);
                    }
                }
                boolean resumption = RunStatus.STARTED.name().equals(status);
                if (resumption) {
                    String message = "lease of worker " + previousOwner + " expired at " + previousLease + " after "
                            + lastCommittedPage + " committed page(s)";
                    if (attempt >= maxAttempts) {
                        finish(
                                c,
                                id,
                                RunStatus.ABANDONED,
                                ExitCode.ABANDONED,
                                message + "; attempt " + attempt + " of " + maxAttempts + ": abandoned");
                        error(c, id, "LEASE", lastCommittedPage + 1, null, message + "; run abandoned");
                        LOG.warnf("run %s abandoned: %s", id, message);
                        continue;
                    }
                    error(
                            c,
                            id,
                            "LEASE",
                            lastCommittedPage + 1,
                            null,
                            message + "; resumed from page " + (lastCommittedPage + 1) + " by " + owner);
                    LOG.warnf("run %s: %s; resuming from page %d", id, message, lastCommittedPage + 1);
                }
                try (PreparedStatement update =
                        c.prepareStatement("""
                        update run r set status = '%s', phase = '%s', attempt = r.attempt + 1,
                            lease_owner = ?, lease_until = now() + make_interval(secs => ?), heartbeat_at = now(),
                            started_at = coalesce(r.started_at, now()),
                            deadline_at = coalesce(r.deadline_at, now() + make_interval(secs => ?)),
                            chunk_rows = coalesce(r.chunk_rows, ?), chunk_bytes = coalesce(r.chunk_bytes, ?),
                            odata_source = case when r.odata_source is not null and r.next_link is null
                                and r.last_committed_page = 0 then coalesce(a.odata_source, r.odata_source)
                                else r.odata_source end,
                            job_version = case when r.odata_source is not null and r.next_link is null
                                and r.last_committed_page = 0 then a.job_version else r.job_version end,
                            last_updated = now()
                        from activity a
                        where r.id = ? and a.id = r.activity_id
                        returning r.id, r.activity_id, r.activity_name, r.kind, r.request_xml, r.mapping_job, r.full_import,
                            r.archive, r.batch_id, r.last_committed_page, r.next_erp_page, r.next_sequence, r.rows_read,
                            r.attempt, r.deadline_at, r.replay_of, a.endpoint, r.chunk_rows, r.chunk_bytes,
                            r.odata_source, r.odata_since, r.next_link, r.odata_max_delta, r.job_version""".formatted(RunStatus.STARTED, RunPhase.FETCHING))) {
                    update.setString(1, owner);
                    update.setDouble(2, lease.toMillis() / 1000.0);
                    update.setDouble(3, timeoutSeconds);
                    update.setInt(4, Math.max(1, config.chunkSize()));
                    update.setInt(5, ChunkRule.MAX_BYTES);
                    update.setObject(6, id);
                    try (ResultSet rs = update.executeQuery()) {
                        rs.next();
                        return Optional.of(new ClaimedRun(
                                rs.getObject(1, UUID.class),
                                rs.getLong(2),
                                rs.getString(3),
                                RunKind.valueOf(rs.getString(4)),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getBoolean(7),
                                rs.getBoolean(8),
                                rs.getString(9),
                                rs.getInt(10),
                                (Integer) rs.getObject(11),
                                rs.getLong(12),
                                rs.getLong(13),
                                rs.getInt(14),
                                owner,
                                rs.getTimestamp(15).toInstant(),
                                rs.getObject(16, UUID.class),
                                resumption ? previousOwner : null,
                                rs.getString(17),
                                new ChunkRule(rs.getInt(18), rs.getInt(19)),
                                rs.getString(20) == null
                                        ? null
                                        : new ClaimedRun.OData(
                                                ODataSources.read(rs.getString(20)),
                                                rs.getString(21),
                                                rs.getString(22),
                                                rs.getString(23),
                                                (Integer) rs.getObject(24))));
                    }
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new DatabaseFailure("claiming a run", e);
        }
    }

    /** Renews the lease; false when this owner lost it (another worker took over, or the run was stopped). */
    @Transactional
    public boolean heartbeat(UUID runId, String owner) {
        return update(
                        """
                update run set lease_until = now() + make_interval(secs => ?), heartbeat_at = now(), last_updated = now()
                where id = ? and lease_owner = ? and status = '%s' and phase = '%s'""".formatted(RunStatus.STARTED, RunPhase.FETCHING),
                        config.worker().lease().toMillis() / 1000.0,
                        runId,
                        owner)
                == 1;
    }

    /** What one page added. */
    public record PageCommit(
            int page,
            Integer erpPage,
            Integer nextErpPage,
            String batchId,
            Long totalCount,
            long sequenceFrom,
            int chunkCount,
            long rowCount,
            long bytes,
            String archivePath,
            long fetchMillis) {}

    /**
     * Records a page whose chunks Kafka acknowledged: the run's resume point moves past it. Guarded by
     * the lease and by the page order, so a page is committed once.
     *
     * @return false when this owner no longer holds the run
     */
    @Transactional
    public boolean commitPage(UUID runId, String owner, PageCommit p) {
        int updated = update(
                """
                update run set last_committed_page = ?, next_erp_page = ?, batch_id = coalesce(?, batch_id),
                    total_count = coalesce(?, total_count), next_sequence = ? , pages_fetched = pages_fetched + 1,
                    rows_read = rows_read + ?, bytes_read = bytes_read + ?, waiting_since = null,
                    lease_until = now() + make_interval(secs => ?), heartbeat_at = now(), last_updated = now()
                where id = ? and lease_owner = ? and status = '%s' and phase = '%s' and last_committed_page = ?""".formatted(RunStatus.STARTED, RunPhase.FETCHING),
                p.page(),
                p.nextErpPage(),
                p.batchId(),
                p.totalCount(),
                p.sequenceFrom() + p.chunkCount(),
                p.rowCount(),
                p.bytes(),
                config.worker().lease().toMillis() / 1000.0,
                runId,
                owner,
                p.page() - 1);
        if (updated != 1) {
            return false;
        }
        update(
                """
                insert into run_page (run_id, page_number, erp_page, sequence_from, chunk_count, row_count, bytes, archive_path, fetch_millis)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                runId,
                p.page(),
                p.erpPage(),
                p.sequenceFrom(),
                p.chunkCount(),
                p.rowCount(),
                p.bytes(),
                p.archivePath(),
                p.fetchMillis());
        return true;
    }

    /**
     * Records the first request of an OData run, planned at its first claim, as its resume point: a
     * resumption sends it again as it was (not a new plan from a changed {@code $metadata}).
     *
     * @return false when this owner no longer holds the run
     */
    @Transactional
    public boolean plannedOData(UUID runId, String owner, String firstUrl) {
        return update("""
                update run set next_link = ?, last_updated = now()
                where id = ? and lease_owner = ? and status = '%s' and phase = '%s'
                    and last_committed_page = 0 and next_link is null""".formatted(RunStatus.STARTED, RunPhase.FETCHING), firstUrl, runId, owner) == 1;
    }

    /**
     * Records an OData page whose chunks Kafka acknowledged: the run resumes with {@code nextLink} (null
     * after the last page), and keeps the largest delta value seen. Guarded like {@link #commitPage}.
     *
     * @return false when this owner no longer holds the run
     */
    @Transactional
    public boolean commitODataPage(UUID runId, String owner, PageCommit p, String nextLink, String maxDelta) {
        if (!commitPage(runId, owner, p)) {
            return false;
        }
        update(
                "update run set next_link = ?, odata_max_delta = ? where id = ? and lease_owner = ?",
                nextLink,
                maxDelta,
                runId,
                owner);
        update(
                "update run_page set next_link = ?, max_delta = ? where run_id = ? and page_number = ?",
                nextLink,
                maxDelta,
                runId,
                p.page());
        return true;
    }

    /** Notes that the run waits for the ERP (first failure of a wait) or that it no longer waits. */
    @Transactional
    public void waiting(UUID runId, String owner, String message) {
        if (message == null) {
            update(
                    "update run set waiting_since = null, last_updated = now() where id = ? and lease_owner = ?",
                    runId,
                    owner);
        } else {
            update("""
                    update run set waiting_since = coalesce(waiting_since, now()), exit_message = ?, last_updated = now()
                    where id = ? and lease_owner = ?""", message, runId, owner);
        }
    }

    /**
     * Seals a fetched run: it now waits for mapping-service's merge, no worker holds it. The caller
     * publishes RunSealed through the outbox in this same transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean seal(UUID runId, String owner) {
        return update(
                        """
                update run set phase = '%s', sealed_at = now(), lease_owner = null, lease_until = null,
                    waiting_since = null, exit_message = null,
                    deadline_at = now() + make_interval(secs => ?), last_updated = now()
                where id = ? and lease_owner = ? and status = '%s' and phase = '%s'""".formatted(RunPhase.AWAITING_MERGE, RunStatus.STARTED, RunPhase.FETCHING),
                        config.scheduling().mergeTimeout().toSeconds(),
                        runId,
                        owner)
                == 1;
    }

    /** Ends a run held by {@code owner} with a final status. */
    @Transactional
    public boolean finishOwned(UUID runId, String owner, RunStatus status, ExitCode exitCode, String message) {
        return update(
                        """
                update run set status = ?, phase = '%s', exit_code = ?, exit_message = ?, ended_at = now(),
                    lease_owner = null, lease_until = null, last_updated = now()
                where id = ? and lease_owner = ? and status = '%s'""".formatted(RunPhase.DONE, RunStatus.STARTED),
                        status.name(),
                        exitCode.name(),
                        truncate(message),
                        runId,
                        owner)
                == 1;
    }

    /** Adds an error row. */
    @Transactional
    public void addError(UUID runId, String source, Integer page, Long row, String table, String key, String message) {
        update(
                "insert into run_error (run_id, source, page, row_number, table_name, row_key, message) values (?, ?, ?, ?, ?, ?, ?)",
                runId,
                source,
                page,
                row,
                table,
                key,
                truncate(message));
    }

    /**
     * Fails runs that ran past their activity timeout or waited for mapping-service past the merge
     * timeout; nothing stays STARTED forever.
     *
     * @return runs failed
     */
    @Transactional
    public int failOverdue() {
        return update(
                """
                update run set status = ?, phase = '%s', ended_at = now(), lease_owner = null, lease_until = null,
                    last_updated = now(), exit_code = ?,
                    exit_message = case when phase = '%s'
                        then 'mapping-service did not report the merge of the sealed run before ' || deadline_at
                        else 'the run did not finish before its deadline ' || deadline_at || ' (activity timeout)' end
                where status = '%s' and deadline_at < now() - make_interval(secs => ?)""".formatted(RunPhase.DONE, RunPhase.AWAITING_MERGE, RunStatus.STARTED),
                RunStatus.FAILED.name(),
                ExitCode.TIMEOUT.name(),
                config.worker().lease().toMillis() / 1000.0);
    }

    private void finish(Connection c, UUID id, RunStatus status, ExitCode code, String message) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                update run set status = ?, phase = '%s', exit_code = ?, exit_message = ?, ended_at = now(),
                    lease_owner = null, lease_until = null, last_updated = now() where id = ?""".formatted(RunPhase.DONE))) {
            s.setString(1, status.name());
            s.setString(2, code.name());
            s.setString(3, truncate(message));
            s.setObject(4, id);
            s.executeUpdate();
        }
    }

    private void error(Connection c, UUID id, String source, Integer page, Long row, String message)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "insert into run_error (run_id, source, page, row_number, message) values (?, ?, ?, ?, ?)")) {
            s.setObject(1, id);
            s.setString(2, source);
            s.setObject(3, page, Types.INTEGER);
            s.setObject(4, row, Types.BIGINT);
            s.setString(5, truncate(message));
            s.executeUpdate();
        }
    }

    /** The activity's OData export (JSON), read when its run is claimed; null when it has none. */
    public String odataExport(long activityId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select odata_export from activity where id = ?")) {
            s.setLong(1, activityId);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("run store", e);
        }
    }

    /** A guarded single statement, for counters the run's owner keeps. */
    public int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object arg = args[i];
                if (arg instanceof Instant instant) {
                    s.setTimestamp(i + 1, Timestamp.from(instant));
                } else if (arg == null) {
                    s.setNull(i + 1, Types.NULL);
                } else {
                    s.setObject(i + 1, arg);
                }
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseFailure("run store", e);
        }
    }

    static String truncate(String message) {
        if (message == null) {
            return null;
        }
        return message.length() <= 4000 ? message : message.substring(0, 4000) + "...";
    }
}
