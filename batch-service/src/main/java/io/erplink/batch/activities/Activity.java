package io.erplink.batch.activities;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A scheduled batch task: what it requests from the ERP, which mapping job it feeds, and when. */
@Entity
@Table(name = "activity")
public class Activity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;
    public String description;

    @Enumerated(EnumType.STRING)
    public ActivityType type;

    @Column(name = "request_xml")
    public String requestXml;

    /**
     * Name of the ERP endpoint ({@link io.erplink.batch.erp.ErpEndpoints}); null means {@code default}
     * ({@code erplink.erp.url}), and so does that URL itself in rows saved before endpoints had names.
     */
    public String endpoint;

    @Column(name = "mapping_job")
    public String mappingJob;

    @Enumerated(EnumType.STRING)
    @Column(name = "schedule_interval")
    public ScheduleInterval scheduleInterval = ScheduleInterval.ONCE;

    @Column(name = "schedule_every")
    public int scheduleEvery = 1;

    public String cron;

    @Column(name = "begin_at")
    public Instant beginAt;

    @Column(name = "end_at")
    public Instant endAt;

    public boolean enabled;

    public boolean reimport;

    @Column(name = "custom_modifier")
    public String customModifier;

    @Column(name = "page_size")
    public Integer pageSize;

    @Column(name = "timeout_seconds")
    public int timeoutSeconds = 3600;

    @Column(name = "archive_responses")
    public Boolean archiveResponses;

    /** JSON of the {@link io.erplink.batch.odata.ODataSource} of an activity on an OData endpoint, else null. */
    @Column(name = "odata_source")
    public String odataSource;

    /**
     * The version of the mapping job whose source columns and conditionals {@link #odataSource} holds
     * (applied from mapping-service's {@code jobs.changed}); null: as shipped or as set through the API.
     */
    @Column(name = "job_version")
    public Integer jobVersion;

    /** JSON of the {@link io.erplink.batch.exports.odata.ODataExport} of an export to an OData endpoint, else null. */
    @Column(name = "odata_export")
    public String odataExport;

    /**
     * The largest delta-field value (e.g. SystemModifiedAt) the ERP returned in the last successful run, as
     * it sent it: the next delta run reads from there (minus the overlap).
     */
    @Column(name = "odata_watermark")
    public String odataWatermark;

    /**
     * The group the activity is listed in (e.g. seed 004's imports and exports of the Business Central
     * blueprint), null for none.
     */
    @Column(name = "activity_group")
    public String activityGroup;

    /** Its place in the group's order (the blueprint's order: countries before items before prices). */
    @Column(name = "group_position")
    public Integer groupPosition;

    @Column(name = "last_successful_run_at")
    public Instant lastSuccessfulRunAt;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<Activity> byName(String name) {
        return find("name", name).firstResultOptional();
    }

    public static List<Activity> allByName() {
        // ungrouped first (by name, as always), then each group in its order
        return list("order by activityGroup nulls first, groupPosition nulls last, name");
    }

    public static List<Activity> enabledActivities() {
        return list("enabled = true order by id");
    }
}
