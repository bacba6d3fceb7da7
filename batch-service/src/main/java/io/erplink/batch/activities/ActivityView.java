package io.erplink.batch.activities;

import java.time.Instant;
import java.util.UUID;

import io.erplink.batch.odata.ODataSource;
import io.erplink.batch.odata.ODataSources;
import io.erplink.batch.runs.Run;
import io.erplink.batch.runs.RunStatus;

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
        String odataWatermark,
        Instant lastSuccessfulRunAt,
        LastRun lastRun,
        Instant nextDueAt,
        Instant createdAt,
        Instant updatedAt) {

    /** The activity's newest run: its id, status and when it was created and ended. */
    public record LastRun(UUID id, RunStatus status, String exitCode, Instant createdAt, Instant endedAt) {
        public static LastRun of(Run run) {
            return run == null ? null : new LastRun(run.id, run.status, run.exitCode, run.createdAt, run.endedAt);
        }
    }

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
                a.odataWatermark,
                a.lastSuccessfulRunAt,
                lastRun,
                next,
                a.createdAt,
                a.updatedAt);
    }
}
