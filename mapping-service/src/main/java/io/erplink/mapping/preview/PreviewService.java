package io.erplink.mapping.preview;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.erplink.mapping.config.MappingConfig;
import io.erplink.mapping.engine.CompiledJob;
import io.erplink.mapping.engine.DryRun;
import io.erplink.mapping.engine.SourceRow;
import io.erplink.mapping.jobs.JobRegistry;

/** Runs a job on sample rows in memory (see {@link DryRun}); never touches the database. */
@ApplicationScoped
public class PreviewService {
    private final JobRegistry registry;
    private final MappingConfig config;

    PreviewService(JobRegistry registry, MappingConfig config) {
        this.registry = registry;
        this.config = config;
    }

    /**
     * @throws IllegalArgumentException for a request without a job, an unknown job name or too many rows
     * @throws io.erplink.mapping.engine.JobValidationException for an invalid inline job
     */
    public PreviewResult preview(PreviewRequest request) {
        CompiledJob job = resolve(request);
        List<PreviewRequest.Row> rows = request.rows() == null ? List.of() : request.rows();
        if (rows.size() > config.previewMaxRows()) {
            throw new IllegalArgumentException("a preview takes at most " + config.previewMaxRows() + " rows, got " + rows.size());
        }
        List<SourceRow> source = new ArrayList<>(rows.size());
        long position = 0;
        for (PreviewRequest.Row row : rows) {
            position++;
            if (row == null || row.table() == null || row.table().isBlank()) {
                throw new IllegalArgumentException("row " + position + " has no table");
            }
            source.add(new SourceRow(row.table(), row.page() == null ? 1 : row.page(),
                    row.row() == null ? position : row.row(),
                    row.columns() == null ? new LinkedHashMap<>() : row.columns()));
        }
        return run(job, source);
    }

    static PreviewResult run(CompiledJob job, List<SourceRow> rows) {
        DryRun run = DryRun.run(job, rows);
        return new PreviewResult(job.name(), run.read(), run.rows(), run.skipped(), run.failed());
    }

    private CompiledJob resolve(PreviewRequest request) {
        if (request.job() != null) {
            return registry.compile(request.job());
        }
        if (request.jobName() == null || request.jobName().isBlank()) {
            throw new IllegalArgumentException("give jobName or an inline job");
        }
        return registry.find(request.jobName())
                .orElseThrow(() -> new IllegalArgumentException("no job " + request.jobName())).compiled();
    }
}
