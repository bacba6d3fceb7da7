package io.erplink.batch.activities;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.erplink.batch.exports.odata.ExportJobMappings;
import io.erplink.batch.exports.odata.ODataExport;
import io.erplink.batch.odata.Condition;
import io.erplink.batch.odata.ODataSource;
import io.erplink.batch.odata.ODataSources;
import io.erplink.kit.inbox.ProcessedEvents;
import io.erplink.protocol.events.JobSourcesChanged;

/**
 * Keeps the OData activities of a mapping job at the job's current version: a saved job version's columns
 * and conditionals ({@link JobSourcesChanged}) become the {@code $select} and {@code $filter} of the
 * activities that feed an import job, and the conditionals and columns of the table mappings of an export
 * job's activities ({@link ExportJobMappings}; keys, response mappings and lines stay the activity's).
 * Idempotent: each event once (processed_event), and an activity only moves to a higher job version, so a
 * redelivered, republished or overtaken older version changes nothing. The entity set, delta field, overlap
 * and pushdown stay the activity's own. Runs keep the request they planned; a run not yet planned takes the
 * new source at its first claim. The highest version of each job is kept ({@code job_source}), so an
 * activity created or pointed at the job later takes it at once ({@link #adopt}).
 */
@ApplicationScoped
public class ActivityJobSync {
    static final String CONSUMER = "jobs-changed";
    private static final Logger LOG = Logger.getLogger(ActivityJobSync.class);

    private final ProcessedEvents processed;
    private final ObjectMapper mapper;

    ActivityJobSync(ProcessedEvents processed, ObjectMapper mapper) {
        this.processed = processed;
        this.mapper = mapper;
    }

    /** @return the names of the activities that now follow this version */
    @Transactional
    public List<String> apply(JobSourcesChanged event) {
        if (!processed.firstDelivery(CONSUMER, event.eventId())) {
            return List.of();
        }
        remember(event);
        List<Activity> activities = Activity.<Activity>find(
                        "mappingJob = ?1 and (odataSource is not null or odataExport is not null) order by id",
                        event.job())
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
        List<String> changed = new ArrayList<>();
        for (Activity a : activities) {
            if (a.jobVersion != null && a.jobVersion >= event.jobVersion()) {
                LOG.infof(
                        "activity %s: job %s version %d ignored, it follows version %d already",
                        a.name, event.job(), event.jobVersion(), a.jobVersion);
                continue;
            }
            if (follow(a, event)) {
                changed.add(a.name);
            }
        }
        return changed;
    }

    /**
     * An activity created or given another mapping job through the API takes the job's current version (the
     * highest received), so it does not keep the columns it was given until the job is saved again. In the
     * caller's transaction; nothing when no version of the job was received or the activity is not OData.
     *
     * @return the job version the activity now follows, if any
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Integer> adopt(Activity a) {
        if (a.mappingJob == null || (a.odataSource == null && a.odataExport == null)) {
            return Optional.empty();
        }
        JobSource stored = JobSource.findById(a.mappingJob);
        if (stored == null) {
            return Optional.empty();
        }
        JobSourcesChanged event;
        try {
            event = mapper.readValue(stored.event, JobSourcesChanged.class);
        } catch (JsonProcessingException e) {
            LOG.warnf("job %s version %d as stored is unreadable: %s", stored.job, stored.jobVersion, e.getMessage());
            return Optional.empty();
        }
        return follow(a, event) ? Optional.of(event.jobVersion()) : Optional.empty();
    }

    /** Keeps the event as the job's current version when it is newer than the one kept. */
    private void remember(JobSourcesChanged event) {
        JobSource stored = JobSource.findById(event.job(), LockModeType.PESSIMISTIC_WRITE);
        if (stored != null && stored.jobVersion >= event.jobVersion()) {
            return;
        }
        String json;
        try {
            json = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write job " + event.job() + "'s event: " + e.getMessage(), e);
        }
        if (stored == null) {
            stored = new JobSource();
            stored.job = event.job();
            stored.jobVersion = event.jobVersion();
            stored.event = json;
            stored.receivedAt = Instant.now();
            stored.persist();
        } else {
            stored.jobVersion = event.jobVersion();
            stored.event = json;
            stored.receivedAt = Instant.now();
        }
    }

    /** Puts the version into the activity; false (and a warning) when it cannot follow it. */
    private static boolean follow(Activity a, JobSourcesChanged event) {
        if (a.odataExport != null) {
            return followExport(a, event);
        }
        ODataSource current = ODataSources.read(a.odataSource);
        JobSourcesChanged.Source source = event.source(current.tableName());
        if (source == null) {
            LOG.warnf(
                    "activity %s: job %s version %d no longer reads source table %s; the activity keeps its"
                            + " $select and $filter (change its odata or its mapping job)",
                    a.name, event.job(), event.jobVersion(), current.tableName());
            return false;
        }
        ODataSource updated = current.withJob(source.columns(), conditions(source));
        String problem = updated.problem();
        if (problem != null) {
            LOG.warnf(
                    "activity %s: job %s version %d cannot be requested as it is (%s); the activity keeps its"
                            + " $select and $filter",
                    a.name, event.job(), event.jobVersion(), problem);
            return false;
        }
        a.odataSource = ODataSources.write(updated);
        a.jobVersion = event.jobVersion();
        a.updatedAt = Instant.now();
        LOG.infof(
                "activity %s follows job %s version %d (saved %s): columns %s, conditionals %s",
                a.name,
                event.job(),
                event.jobVersion(),
                event.savedAt(),
                updated.columns().isEmpty() ? "all" : updated.columns(),
                updated.conditions());
        return true;
    }

    private static boolean followExport(Activity a, JobSourcesChanged event) {
        if (event.exports().isEmpty()) {
            LOG.warnf(
                    "activity %s: job %s version %d has no export table mappings (an import job, or published by"
                            + " a mapping-service before exports were); the activity keeps its odataExport",
                    a.name, event.job(), event.jobVersion());
            return false;
        }
        ExportJobMappings.Followed followed =
                ExportJobMappings.follow(ODataExport.read(a.odataExport), event.exports());
        if (followed.export() == null) {
            LOG.warnf(
                    "activity %s: job %s version %d is not derivable into its odataExport (%s); the activity"
                            + " keeps its odataExport",
                    a.name, event.job(), event.jobVersion(), followed.problem());
            return false;
        }
        a.odataExport = ODataExport.write(followed.export());
        a.jobVersion = event.jobVersion();
        a.updatedAt = Instant.now();
        LOG.infof(
                "activity %s follows job %s version %d (saved %s): %d table mappings",
                a.name,
                event.job(),
                event.jobVersion(),
                event.savedAt(),
                event.exports().size());
        return true;
    }

    private static List<List<Condition>> conditions(JobSourcesChanged.Source source) {
        return source.conditions().stream()
                .map(and -> and.stream()
                        .map(c -> new Condition(c.column(), c.operator(), c.value()))
                        .toList())
                .toList();
    }
}
