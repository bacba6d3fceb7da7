package io.erplink.batch.activities;

import java.time.Instant;

import io.erplink.batch.odata.ODataSource;
import io.erplink.batch.odata.ODataSources;

/** An activity as the API shows it, with its next due time. */
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
        String odataWatermark,
        Instant lastSuccessfulRunAt,
        Instant nextDueAt,
        Instant createdAt,
        Instant updatedAt) {

    static ActivityView of(Activity a, Instant lastFired) {
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
                a.odataWatermark,
                a.lastSuccessfulRunAt,
                next,
                a.createdAt,
                a.updatedAt);
    }
}
