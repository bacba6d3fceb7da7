package io.erplink.batch.activities;

import java.time.Instant;
import java.util.UUID;

import io.erplink.batch.exports.odata.ODataExport;
import io.erplink.batch.odata.ODataSource;
import io.erplink.batch.odata.ODataSources;

/** An activity as the API shows it, with its last run and its next due time. */
public record ActivityView(
        String name,
        String description,
        ActivityType type,
        String requestXml,
        String endpoint,
        String mappingJob,
        ScheduleInterval interval,
        int every,
        String cron,
        Instant beginAt,
        Instant endAt,
        boolean enabled,
        boolean reimport,
        String customModifier,
        Integer pageSize,
        int timeoutSeconds,
        Boolean archiveResponses,
        ODataSource odata,
        Integer jobVersion,
        ODataExport odataExport,
        String odataWatermark,
        String group,
        Integer position,
        Instant lastSuccessfulRunAt,
        LastRun lastRun,
        Instant nextDueAt,
        Instant createdAt,
        Instant updatedAt) {

    /** The activity's newest run: its id, status and when it was created and ended. */
    /** The activity's newest run (status and exit code by name: activities do not depend on runs). */
    public record LastRun(UUID id, String status, String exitCode, Instant createdAt, Instant endedAt) {}

    static ActivityView of(Activity a, Instant lastFired) {
        return of(a, lastFired, null);
    }

    static ActivityView of(Activity a, Instant lastFired, LastRun lastRun) {
        Instant next = null;
        if (a.enabled) {
            try {
                next = Schedules.nextAfter(
                                a.scheduleInterval,
                                a.scheduleEvery,
                                a.cron,
                                a.beginAt,
                                a.endAt,
                                a.createdAt,
                                lastFired,
                                Instant.now())
                        .orElse(null);
            } catch (IllegalArgumentException e) {
                next = null;
            }
        }
        return new ActivityView(
                a.name,
                a.description,
                a.type,
                a.requestXml,
                a.endpoint,
                a.mappingJob,
                a.scheduleInterval,
                a.scheduleEvery,
                a.cron,
                a.beginAt,
                a.endAt,
                a.enabled,
                a.reimport,
                a.customModifier,
                a.pageSize,
                a.timeoutSeconds,
                a.archiveResponses,
                ODataSources.read(a.odataSource),
                a.jobVersion,
                ODataExport.read(a.odataExport),
                a.odataWatermark,
                a.activityGroup,
                a.groupPosition,
                a.lastSuccessfulRunAt,
                lastRun,
                next,
                a.createdAt,
                a.updatedAt);
    }
}
