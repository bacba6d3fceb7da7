package io.erplink.batch.runs;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.erplink.batch.BatchConfig;
import io.erplink.batch.activities.Activity;
import io.erplink.batch.activities.ActivityRuns;
import io.erplink.batch.activities.ActivityType;
import io.erplink.batch.activities.ActivityView;
import io.erplink.kit.api.ResourceNotFound;
import io.erplink.protocol.requests.GetEcomData;
import io.erplink.protocol.requests.RequestAttributes;

/**
 * Creates runs (scheduled, "run now", "run last response"), stops them and shows them: the writes
 * through {@link RunRequests}, the reads through the Panache entities.
 */
@ApplicationScoped
public class RunService implements ActivityRuns {
    private final RunRequests requests;
    private final BatchConfig config;

    RunService(RunRequests requests, BatchConfig config) {
        this.requests = requests;
        this.config = config;
    }

    /** The request a run of the activity sends first, with the options applied as root attributes. */
    public static String requestFor(Activity a, boolean fullImport) {
        if (a.type == ActivityType.EXPORT || a.odataSource != null) {
            return null; // an OData run plans its requests when claimed (they need the service's $metadata)
        }
        GetEcomData request = RunExecutor.parse(a.requestXml);
        if (a.customModifier != null && !a.customModifier.isBlank()) {
            request = request.with(RequestAttributes.CUSTOM_MODIFIER, a.customModifier);
        }
        if (a.type == ActivityType.IMPORT_WITH_PAGING) {
            if (a.pageSize != null) {
                request = request.with(RequestAttributes.PAGE_SIZE, a.pageSize.toString());
            }
            if (fullImport) {
                request = request.with(RequestAttributes.REIMPORT, "true");
            } else {
                request = request.with(
                        RequestAttributes.LAST_SUCCESSFUL_RUN,
                        DateTimeFormatter.ISO_INSTANT.format(a.lastSuccessfulRunAt.truncatedTo(ChronoUnit.SECONDS)));
            }
        }
        return request.toXml();
    }

    /**
     * Whether a run carries the complete source: a reimport, or the first run of a delta activity
     * (nothing to be "changed since"). Only then may mapping-service remove rows not in the source.
     */
    public static boolean fullImport(Activity a) {
        if (a.type == ActivityType.EXPORT) {
            return false;
        }
        if (a.odataSource != null) {
            // delta from the watermark of the last successful run, if there is one
            return a.reimport || a.odataWatermark == null;
        }
        if (a.type == ActivityType.IMPORT_WITH_PAGING) {
            return a.reimport || a.lastSuccessfulRunAt == null;
        }
        return a.reimport;
    }

    /**
     * Creates a run of the activity. A scheduled run carries its due time; the unique
     * (activity, due time) key makes the schedule fire once per due time however many replicas try.
     *
     * @return the new run's id, or empty when the due time had fired already
     */
    @Transactional
    @Override
    public Optional<UUID> create(Activity a, String trigger, Instant dueTime) {
        boolean full = fullImport(a);
        UUID id = UUID.randomUUID();
        RunKind kind = a.type == ActivityType.EXPORT ? RunKind.EXPORT : RunKind.IMPORT;
        boolean inserted = requests.insert(new RunRequests.NewRun(
                id,
                a.id,
                a.name,
                kind,
                trigger,
                dueTime,
                requestFor(a, full),
                a.mappingJob,
                full,
                a.archiveResponses != null
                        ? a.archiveResponses
                        : config.archive().enabled(),
                a.odataSource,
                full ? null : a.odataWatermark,
                a.jobVersion));
        return inserted ? Optional.of(id) : Optional.empty();
    }

    /**
     * "Run last response": a new run that publishes the archived pages of an earlier run of the same
     * activity again, without calling the ERP.
     *
     * @throws RunConflict when the source run is an export or has no archived responses
     */
    @Transactional
    public UUID replay(UUID sourceRunId) {
        Run source = Run.findById(sourceRunId);
        if (source == null) {
            throw new ResourceNotFound("no run " + sourceRunId);
        }
        if (source.kind == RunKind.EXPORT) {
            throw new RunConflict("run " + sourceRunId + " is an export: there is no response to map again");
        }
        UUID origin = source.kind == RunKind.REPLAY ? source.replayOf : source.id;
        long archived = RunPage.count("runId = ?1 and archivePath is not null", origin);
        long pages = RunPage.count("runId = ?1", origin);
        if (pages == 0 || archived != pages) {
            throw new RunConflict("run " + origin + " has " + archived + " archived of " + pages
                    + " committed page(s): enable archive-responses on the activity (or erplink.batch.archive.enabled)"
                    + " to be able to run the last response again");
        }
        Run originRun = Run.findById(origin);
        UUID id = UUID.randomUUID();
        requests.insertReplay(id, originRun);
        return id;
    }

    /** The most recent due run of a replay's origin, for "run last response" by activity. */
    @Transactional
    public Optional<Run> lastArchivedRun(long activityId) {
        List<Run> runs = Run.find("""
                activityId = ?1 and kind = ?2 and status = ?3 and exists (select 1 from RunPage p where p.runId = id
                and p.archivePath is not null) order by createdAt desc""", activityId, RunKind.IMPORT, RunStatus.COMPLETED)
                .page(0, 1)
                .list();
        return runs.stream().findFirst();
    }

    /** Stops a run that is not final: STOPPED; its worker notices at its next heartbeat or page. */
    @Transactional
    public boolean stop(UUID id) {
        return requests.stop(id);
    }

    @Transactional
    @Override
    public ActivityView.LastRun lastRun(long activityId) {
        return Run.latestOfActivity(activityId)
                .map(r -> new ActivityView.LastRun(
                        r.id, r.status.name(), r.exitCode == null ? null : r.exitCode.name(), r.createdAt, r.endedAt))
                .orElse(null);
    }

    /** The latest due time a run was created for. */
    @Transactional
    @Override
    public Instant lastFired(long activityId) {
        return requests.lastDueTime(activityId);
    }
}
