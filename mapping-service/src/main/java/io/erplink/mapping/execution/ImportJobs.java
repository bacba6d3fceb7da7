package io.erplink.mapping.execution;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.erplink.mapping.engine.CompiledJob;
import io.erplink.mapping.jobs.JobRegistry;
import io.erplink.mapping.schema.NameSuggestions;

/** The import job a run names, or a {@link MappingRunFailure} saying why there is none. */
@ApplicationScoped
class ImportJobs {
    private final JobRegistry jobs;

    ImportJobs(JobRegistry jobs) {
        this.jobs = jobs;
    }

    CompiledJob get(String name) {
        JobRegistry.Entry entry = jobs.find(name).orElseThrow(() -> {
            List<String> close = NameSuggestions.closest(
                    name, jobs.list().stream().map(e -> e.definition().name()).toList());
            return new MappingRunFailure("unknown job '" + name + "'"
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?"));
        });
        if (!entry.compiled().isImport()) {
            throw new MappingRunFailure(
                    "job '" + name + "' is an export job; runs on batch.records need an import job");
        }
        return entry.compiled();
    }

    /** The compiled import job, or null when there is none of that name (for a failing run's account). */
    CompiledJob find(String name) {
        return jobs.find(name)
                .map(JobRegistry.Entry::compiled)
                .filter(CompiledJob::isImport)
                .orElse(null);
    }
}
