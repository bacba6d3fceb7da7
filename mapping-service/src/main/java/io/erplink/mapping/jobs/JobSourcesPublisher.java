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

import io.erplink.kit.outbox.Outbox;
import io.erplink.mapping.engine.JobDefinition;
import io.erplink.protocol.events.JobSourcesChanged;
import io.erplink.protocol.events.Topics;

/**
 * Tells batch-service what a saved version of an import job reads ({@link JobSourcesChanged} on
 * {@code jobs.changed}, through the outbox in the saving transaction), so the activities that feed the
 * job ask the ERP for the columns and rows it now needs. Export jobs publish nothing: their activities
 * hold their own table mappings (odataExport).
 */
@ApplicationScoped
class JobSourcesPublisher {
    private final Outbox outbox;

    JobSourcesPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    void saved(JobDefinition job, int version, Instant savedAt) {
        if (job.direction() == JobDefinition.Direction.IMPORT) {
            outbox.publish(Topics.JOBS_CHANGED, job.name(), event(job, version, savedAt));
        }
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
                savedAt.toString(),
                sources);
    }
}
