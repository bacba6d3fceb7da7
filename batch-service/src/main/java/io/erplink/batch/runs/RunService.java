package io.erplink.batch.runs;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.erplink.batch.BatchConfig;
import io.erplink.batch.activities.Activity;
import io.erplink.batch.activities.ActivityRuns;
import io.erplink.batch.activities.ActivityType;
import io.erplink.batch.activities.ActivityView;
import io.erplink.kit.api.ResourceNotFound;
import io.erplink.protocol.requests.GetEcomData;
import io.erplink.protocol.requests.RequestAttributes;

/** Creates runs (scheduled, "run now", "run last response"), stops them and shows them. */
@ApplicationScoped
public class RunService implements ActivityRuns {
    private final EntityManager em;
    private final BatchConfig config;

    RunService(EntityManager em, BatchConfig config) {
        this.em = em;
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
        int inserted = em.createNativeQuery("""
                insert into run (id, activity_id, activity_name, kind, trigger, due_time, status, phase, request_xml,
                    mapping_job, full_import, archive, not_before, odata_source, odata_since, job_version)
                values (?1, ?2, ?3, ?4, ?5, ?6, '%s', '%s', ?7, ?8, ?9, ?10, now(), ?11, ?12, ?13)
                on conflict (activity_id, due_time) do nothing""".formatted(RunStatus.STARTING, RunPhase.QUEUED))
                .setParameter(1, id)
                .setParameter(2, a.id)
                .setParameter(3, a.name)
                .setParameter(4, kind.name())
                .setParameter(5, trigger)
                .setParameter(6, dueTime == null ? null : Timestamp.from(dueTime))
                .setParameter(7, requestFor(a, full))
                .setParameter(8, a.mappingJob)
                .setParameter(9, full)
                .setParameter(
                        10,
                        a.archiveResponses != null
                                ? a.archiveResponses
                                : config.archive().enabled())
                .setParameter(11, a.odataSource)
                .setParameter(12, full ? null : a.odataWatermark)
                .setParameter(13, a.jobVersion)
                .executeUpdate();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
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
        Long archived =
                (Long) em.createQuery("select count(p) from RunPage p where p.runId = ?1 and p.archivePath is not null")
                        .setParameter(1, origin)
                        .getSingleResult();
        Long pages = (Long) em.createQuery("select count(p) from RunPage p where p.runId = ?1")
                .setParameter(1, origin)
                .getSingleResult();
        if (pages == 0 || !archived.equals(pages)) {
            throw new RunConflict("run " + origin + " has " + archived + " archived of " + pages
                    + " committed page(s): enable archive-responses on the activity (or erplink.batch.archive.enabled)"
                    + " to be able to run the last response again");
        }
        Run originRun = Run.findById(origin);
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                insert into run (id, activity_id, activity_name, kind, trigger, replay_of, status, phase, request_xml,
                    mapping_job, full_import, archive, not_before)
                values (?1, ?2, ?3, '%s', 'REPLAY', ?4, '%s', '%s', ?5, ?6, ?7, false, now())""".formatted(RunKind.REPLAY, RunStatus.STARTING, RunPhase.QUEUED))
                .setParameter(1, id)
                .setParameter(2, originRun.activityId)
                .setParameter(3, originRun.activityName)
                .setParameter(4, origin)
                .setParameter(5, originRun.requestXml)
                .setParameter(6, originRun.mappingJob)
                .setParameter(7, originRun.fullImport)
                .executeUpdate();
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
        return em.createNativeQuery("""
                update run set status = ?2, phase = '%s', exit_code = ?3, exit_message = 'stopped by an operator',
                    ended_at = now(), lease_owner = null, lease_until = null, last_updated = now()
                where id = ?1 and status in ('%s', '%s')""".formatted(RunPhase.DONE, RunStatus.STARTING, RunStatus.STARTED))
                        .setParameter(1, id)
                        .setParameter(2, RunStatus.STOPPED.name())
                        .setParameter(3, ExitCode.STOPPED.name())
                        .executeUpdate()
                == 1;
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
        Object value = em.createNativeQuery("select max(due_time) from run where activity_id = ?1")
                .setParameter(1, activityId)
                .getSingleResult();
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return (Instant) value;
    }
}
