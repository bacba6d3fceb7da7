package io.erplink.mapping.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.erplink.kit.outbox.Outbox;
import io.erplink.mapping.engine.JobDefinition;
import io.erplink.protocol.events.JobSourcesChanged;
import io.erplink.protocol.events.Topics;

/**
 * Tells batch-service what a saved version of a job reads ({@link JobSourcesChanged} on
 * {@code jobs.changed}, through the outbox in the saving transaction), so the activities that feed an
 * import job ask the ERP for the columns and rows it now needs and the activities of an export job write
 * its table mappings. At start the current version of every job is published again: a version saved
 * before this event existed, or whose event never left (a restored database), still reaches the
 * activities; batch-service ignores a version it has already applied.
 */
@ApplicationScoped
class JobSourcesPublisher {
    private static final Logger LOG = Logger.getLogger(JobSourcesPublisher.class);

    private final Outbox outbox;

    JobSourcesPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A version was saved (in the caller's transaction). */
    void saved(JobDefinition job, int version, Instant savedAt) {
        outbox.publish(Topics.JOBS_CHANGED, job.name(), event(job, version, savedAt));
    }

    /**
     * Publishes the current version of each job once more, in one transaction.
     *
     * @param savedAt when each saved version was saved, by job name (none for a shipped job file)
     */
    @Transactional
    void republish(List<JobRegistry.Entry> jobs, Map<String, Instant> savedAt) {
        for (JobRegistry.Entry entry : jobs) {
            JobDefinition job = entry.definition();
            outbox.publish(Topics.JOBS_CHANGED, job.name(), event(job, entry.version(), savedAt.get(job.name())));
        }
        LOG.infof("the current version of %d jobs published again on %s", jobs.size(), Topics.JOBS_CHANGED);
    }

    /**
     * Per source table, in the order the table mappings name them: the mapped source columns and the
     * columns of the {@code anyOf} groups (mapping-service tests them on the row; none when a mapping
     * maps automatically, which needs every column), and each mapping's conditionals.
     */
    static JobSourcesChanged event(JobDefinition job, int version, Instant savedAt) {
        Map<String, Set<String>> columns = new LinkedHashMap<>();
        Map<String, List<List<JobSourcesChanged.Condition>>> conditions = new LinkedHashMap<>();
        Set<String> automatic = new LinkedHashSet<>();
        for (JobDefinition.TableMappingDefinition mapping : job.tableMappings()) {
            String table = mapping.sourceTable();
            Set<String> used = columns.computeIfAbsent(table, t -> new LinkedHashSet<>());
            if (mapping.autoMapping()) {
                automatic.add(table);
            }
            for (JobDefinition.ColumnMappingDefinition column : mapping.columns()) {
                if (column.source() != null) {
                    used.add(column.source());
                }
            }
            mapping.anyOf().forEach(group -> group.forEach(c -> used.add(c.column())));
            conditions
                    .computeIfAbsent(table, t -> new ArrayList<>())
                    .add(mapping.conditionals().stream()
                            .map(c -> new JobSourcesChanged.Condition(
                                    c.column(), c.operator(), c.value() == null ? "" : c.value()))
                            .toList());
        }
        List<JobSourcesChanged.Source> sources = new ArrayList<>();
        columns.forEach((table, used) -> sources.add(new JobSourcesChanged.Source(
                table, automatic.contains(table) ? List.of() : List.copyOf(used), conditions.get(table))));
        return new JobSourcesChanged(
                UUID.randomUUID().toString(),
                JobSourcesChanged.VERSION,
                job.name(),
                version,
                savedAt == null ? null : savedAt.toString(),
                sources,
                job.direction() == JobDefinition.Direction.EXPORT ? exports(job) : List.of());
    }

    /** An export job's table mappings as the job states them (batch-service decides what it can write). */
    private static List<JobSourcesChanged.ExportMapping> exports(JobDefinition job) {
        return job.tableMappings().stream()
                .map(m -> new JobSourcesChanged.ExportMapping(
                        m.name(),
                        m.sourceTable(),
                        m.destinationTable(),
                        m.conditionals().stream()
                                .map(c -> new JobSourcesChanged.Condition(
                                        c.column(), c.operator(), c.value() == null ? "" : c.value()))
                                .toList(),
                        m.columns().stream()
                                .map(c -> new JobSourcesChanged.Column(
                                        c.source(), c.destination(), c.script(), c.value(), c.separator(), c.onNull()))
                                .toList()))
                .toList();
    }
}
