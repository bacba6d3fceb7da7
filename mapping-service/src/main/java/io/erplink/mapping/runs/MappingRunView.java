package io.erplink.mapping.runs;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.erplink.protocol.api.PageOf;
import io.erplink.protocol.events.RowError;
import io.erplink.protocol.events.SkippedRows;
import io.erplink.protocol.events.SourceTableCounts;
import io.erplink.protocol.events.TableCounts;
import io.erplink.protocol.events.TargetTableCounts;

/**
 * A mapping run as mapping-service executes it (schema {@code mapping}). In a listing {@code chunks}
 * is left out; {@code GET /api/v1/mapping-runs/{runId}} carries them.
 */
@Schema(description = "A mapping run: its status, counts and chunk progress")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MappingRunView(
        String runId,
        String job,

        @Schema(
                enumeration = {"STAGING", "MERGED", "FAILED"},
                description =
                        "STAGING: chunks are being staged (or wait for RunSealed); MERGED: written to the commerce tables; FAILED: nothing was written, see message")
        String status,

        @Schema(description = "RunSealed arrived (chunkCount and rowCount are known)")
        boolean sealed,

        @Schema(description = "A full import: removeMissing / deactivateMissing may apply")
        boolean fullImport,

        @Schema(description = "Chunks the run has (from RunSealed), null before it is sealed")
        Long chunkCount,

        @Schema(description = "Rows the run has (from RunSealed), null before it is sealed")
        Long rowCount,

        @Schema(description = "Chunks staged so far") long chunksStaged,

        @Schema(description = "Rows staged so far (summed over the staged chunks)")
        long rowsStaged,

        Counts counts,
        @Schema(description = "Why the run failed") String message,
        Instant createdAt,
        Instant finishedAt,

        @Schema(
                description =
                        "Runs finished before the per source row accounting only: per source table with the merge's figures")
        List<TableCounts> tables,

        @Schema(description = "Once finished: per source table, read = written + skipped + failed")
        List<SourceTableCounts> sources,

        @Schema(
                description =
                        "Once finished: per destination table, received = inserted + updated + unchanged + skipped, with the table mappings' row errors (failed) and removed rows")
        List<TargetTableCounts> targets,

        @Schema(
                description =
                        "Once finished: skipped rows by source table and reason (no table mapping for the table, a conditional, null handling), with sample keys")
        List<SkippedRows> skippedRows,

        @Schema(description = "The staged chunks in sequence order (one page of them), only on a single run")
        PageOf<ChunkView> chunks) {

    /**
     * The run's figures, as Spring Batch counts a step: every source row read is written, skipped or
     * failed once ({@code read = written + skipped + failed} once the run is MERGED). read, skipped and
     * failed grow with every staged chunk; written is null until the run is finished (0 for a FAILED
     * run: nothing was merged). inserted, updated, unchanged and removed are the merge's, summed over
     * the destination tables ({@code targets}): destination rows, which for a job writing several tables
     * from one row add up to more than read; null until the run is finished.
     */
    @Schema(
            description =
                    "Row counts: read = written + skipped + failed per source row once merged; inserted, updated, unchanged, removed are destination rows summed over the tables")
    public record Counts(
            long read,
            Long written,
            long skipped,
            long failed,
            Long inserted,
            Long updated,
            Long unchanged,
            Long removed) {}

    /** One staged chunk. */
    @Schema(description = "A staged chunk: its counts and row errors (at most erplink.mapping.max-reported-errors)")
    public record ChunkView(
            long sequence,
            long read,
            long staged,
            long skipped,
            long failed,

            @Schema(
                    description =
                            "A row failed in a table mapping that does not skip failing rows: the run fails at the merge")
            boolean fatal,

            String fatalMessage,
            List<RowError> errors,
            Instant stagedAt) {}
}
