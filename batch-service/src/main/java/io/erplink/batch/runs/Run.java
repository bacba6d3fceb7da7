package io.erplink.batch.runs;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

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

    public static List<Run> ofActivity(long activityId, int limit) {
        return find("activityId = ?1 order by createdAt desc", activityId)
                .page(0, limit)
                .list();
    }
}
