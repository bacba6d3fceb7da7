package io.erplink.batch.runs;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An error of a run, tied to its page and row where there is one. */
@Entity
@Table(name = "run_error")
public class RunError extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "run_id")
    public UUID runId;
    /** FETCH, LEASE, MAPPING, EXPORT. */
    public String source;

    public Integer page;

    @Column(name = "row_number")
    public Long rowNumber;

    @Column(name = "table_name")
    public String tableName;

    @Column(name = "row_key")
    public String rowKey;

    public String message;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    public static List<RunError> ofRun(UUID runId, int limit) {
        // limit 0 (a stop answers with the run without errors) must not reach Panache: page size 0 throws
        return limit <= 0
                ? List.of()
                : find("runId = ?1 order by id", runId).page(0, limit).list();
    }
}
