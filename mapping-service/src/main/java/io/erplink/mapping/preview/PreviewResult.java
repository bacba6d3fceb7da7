package io.erplink.mapping.preview;

import java.util.List;
import java.util.Map;

import io.erplink.mapping.engine.DryRun;

/**
 * What a job would do with sample rows, without touching the database.
 *
 * @param job     the job's name
 * @param read    rows read
 * @param tables  destination table to the rows it would receive (after duplicate-key resolution)
 * @param skipped rows left out on purpose, and why
 * @param errors  rows that could not be mapped
 */
public record PreviewResult(
        String job,
        int read,
        Map<String, List<DryRun.OutputRow>> tables,
        List<DryRun.SkippedRow> skipped,
        List<DryRun.FailedRow> errors) {}
