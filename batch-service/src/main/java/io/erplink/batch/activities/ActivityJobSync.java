package io.erplink.batch.activities;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.erplink.batch.odata.Condition;
import io.erplink.batch.odata.ODataSource;
import io.erplink.batch.odata.ODataSources;
import io.erplink.kit.inbox.ProcessedEvents;
import io.erplink.protocol.events.JobSourcesChanged;

/**
 * Keeps the OData source of every activity of a mapping job at the job's current version: a saved job
 * version's columns and conditionals ({@link JobSourcesChanged}) become the {@code $select} and
 * {@code $filter} of the activities that feed the job. Idempotent: each event once (processed_event),
 * and an activity only moves to a higher job version, so a redelivered or overtaken older version
 * changes nothing. The entity set, delta field, overlap and pushdown stay the activity's own. Runs keep
 * the request they planned; a run not yet planned takes the new source at its first claim.
 */
@ApplicationScoped
public class ActivityJobSync {
    static final String CONSUMER = "jobs-changed";
    private static final Logger LOG = Logger.getLogger(ActivityJobSync.class);

    private final ProcessedEvents processed;

    ActivityJobSync(ProcessedEvents processed) {
        this.processed = processed;
    }

    /** @return the names of the activities that now follow this version */
    @Transactional
    public List<String> apply(JobSourcesChanged event) {
        if (!processed.firstDelivery(CONSUMER, event.eventId())) {
            return List.of();
        }
        List<Activity> activities = Activity.<Activity>find(
                        "mappingJob = ?1 and odataSource is not null order by id", event.job())
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
            ODataSource current = ODataSources.read(a.odataSource);
            JobSourcesChanged.Source source = event.source(current.tableName());
            if (source == null) {
                LOG.warnf(
                        "activity %s: job %s version %d no longer reads source table %s; the activity keeps its"
                                + " $select and $filter (change its odata or its mapping job)",
                        a.name, event.job(), event.jobVersion(), current.tableName());
                continue;
            }
            ODataSource updated = current.withJob(source.columns(), conditions(source));
            String problem = updated.problem();
            if (problem != null) {
                LOG.warnf(
                        "activity %s: job %s version %d cannot be requested as it is (%s); the activity keeps its"
                                + " $select and $filter",
                        a.name, event.job(), event.jobVersion(), problem);
                continue;
            }
            a.odataSource = ODataSources.write(updated);
            a.jobVersion = event.jobVersion();
            a.updatedAt = Instant.now();
            changed.add(a.name);
            LOG.infof(
                    "activity %s follows job %s version %d (saved %s): columns %s, conditionals %s",
                    a.name,
                    event.job(),
                    event.jobVersion(),
                    event.savedAt(),
                    updated.columns().isEmpty() ? "all" : updated.columns(),
                    updated.conditions());
        }
        return changed;
    }

    private static List<List<Condition>> conditions(JobSourcesChanged.Source source) {
        return source.conditions().stream()
                .map(and -> and.stream()
                        .map(c -> new Condition(c.column(), c.operator(), c.value()))
                        .toList())
                .toList();
    }
}
