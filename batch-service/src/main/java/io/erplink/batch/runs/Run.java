package io.erplink.batch.runs;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;

import io.erplink.protocol.events.SkippedRows;
import io.erplink.protocol.events.SourceTableCounts;
import io.erplink.protocol.events.TableCounts;
import io.erplink.protocol.events.TargetTableCounts;

/**
 * One execution of an activity. Workers change it with conditional SQL ({@link RunStore}), the API
 * reads it through this entity.
 */
@Entity
@Table(name = "run")
public class Run extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "activity_id")
    public Long activityId;

    @Column(name = "activity_name")
    public String activityName;

    @Enumerated(EnumType.STRING)
    public RunKind kind;

    public String trigger;

    @Column(name = "due_time")
    public Instant dueTime;

    @Column(name = "replay_of")
    public UUID replayOf;

    @Enumerated(EnumType.STRING)
    public RunStatus status;

    @Enumerated(EnumType.STRING)
    public RunPhase phase;

    @Column(name = "request_xml")
    public String requestXml;

    @Column(name = "mapping_job")
    public String mappingJob;

    @Column(name = "full_import")
    public boolean fullImport;

    public boolean archive;

    @Column(name = "batch_id")
    public String batchId;

    @Column(name = "last_committed_page")
    public int lastCommittedPage;

    @Column(name = "next_erp_page")
    public Integer nextErpPage;

    @Column(name = "next_sequence")
    public long nextSequence;

    @Column(name = "pages_fetched")
    public int pagesFetched;

    @Column(name = "rows_read")
    public long rowsRead;

    @Column(name = "bytes_read")
    public long bytesRead;

    @Column(name = "total_count")
    public Long totalCount;

    @Column(name = "rows_written")
    public long rowsWritten;

    @Column(name = "rows_skipped")
    public long rowsSkipped;

    @Column(name = "rows_failed")
    public long rowsFailed;

    @Column(name = "rows_inserted")
    public Long rowsInserted;

    @Column(name = "rows_updated")
    public Long rowsUpdated;

    @Column(name = "rows_removed")
    public Long rowsRemoved;

    @Column(name = "rows_unchanged")
    public Long rowsUnchanged;

    /**
     * Runs merged before RunResult version 3 only: per source table with the merge's figures (which add
     * up to the rows read only for a job writing one destination row per source row).
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "table_counts")
    public List<TableCounts> tableCounts;

    /** Per source table: read = written + skipped + failed (RunResult version 3). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "source_counts")
    public List<SourceTableCounts> sourceCounts;

    /** Per destination table: received = inserted + updated + unchanged + skipped (RunResult version 3). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "target_counts")
    public List<TargetTableCounts> targetCounts;

    /** Skipped rows by source table and reason, with sample keys (from the RunResult). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "skipped_rows")
    public List<SkippedRows> skippedRows;

    @Column(name = "chunks_reported")
    public long chunksReported;

    public int attempt;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;

    @Column(name = "not_before")
    public Instant notBefore;

    @Column(name = "deadline_at")
    public Instant deadlineAt;

    @Column(name = "waiting_since")
    public Instant waitingSince;

    /** OData runs: the largest delta-field value over the committed pages (the next watermark once merged). */
    @Column(name = "odata_max_delta")
    public String odataMaxDelta;

    /**
     * OData runs: the mapping job version whose columns and conditionals the first request was planned
     * from (null: the activity's as shipped or as set through the API).
     */
    @Column(name = "job_version")
    public Integer jobVersion;

    /** OData runs: the request after the last committed page (null before the first plan and after the last page). */
    @Column(name = "next_link")
    public String nextLink;

    @Column(name = "exit_code")
    @Enumerated(EnumType.STRING)
    public ExitCode exitCode;

    @Column(name = "exit_message")
    public String exitMessage;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "sealed_at")
    public Instant sealedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "last_updated")
    public Instant lastUpdated;

    /** Runs across activities, newest first; each filter applies when given ({@code from}/{@code to} on createdAt). */
    public static PanacheQuery<Run> search(RunStatus status, String activity, Instant from, Instant to) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        if (activity != null) {
            where.append(" and activityName = :activity");
            params.put("activity", activity);
        }
        if (from != null) {
            where.append(" and createdAt >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.append(" and createdAt < :to");
            params.put("to", to);
        }
        return find(where + " order by createdAt desc", params);
    }

    /** The activity's newest run. */
    public static Optional<Run> latestOfActivity(long activityId) {
        return find("activityId = ?1 order by createdAt desc", activityId)
                .page(0, 1)
                .firstResultOptional();
    }
}
