package io.erplink.batch.runs;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A committed page: its chunks were acknowledged by Kafka before this row was written. */
@Entity
@Table(name = "run_page")
@IdClass(RunPage.Key.class)
public class RunPage extends PanacheEntityBase {
    @Id
    @Column(name = "run_id")
    public UUID runId;

    @Id
    @Column(name = "page_number")
    public int pageNumber;

    @Column(name = "erp_page")
    public Integer erpPage;

    @Column(name = "sequence_from")
    public long sequenceFrom;

    @Column(name = "chunk_count")
    public int chunkCount;

    @Column(name = "row_count")
    public long rowCount;

    public long bytes;

    @Column(name = "archive_path")
    public String archivePath;

    @Column(name = "fetch_millis")
    public long fetchMillis;

    @Column(name = "committed_at", insertable = false, updatable = false)
    public Instant committedAt;

    public static List<RunPage> ofRun(UUID runId) {
        return find("runId = ?1 order by pageNumber", runId).list();
    }

    /** Composite key (run, page). */
    public static class Key implements Serializable {
        public UUID runId;
        public int pageNumber;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(runId, k.runId) && pageNumber == k.pageNumber;
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, pageNumber);
        }
    }
}
