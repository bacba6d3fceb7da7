package io.erplink.mapping.execution;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

import io.erplink.kit.outbox.Outbox;
import io.erplink.mapping.engine.CompiledJob;
import io.erplink.mapping.engine.CompiledTableMapping;
import io.erplink.mapping.runs.MappingRunStatus;
import io.erplink.protocol.events.CatalogChanged;
import io.erplink.protocol.events.ChunkResult;
import io.erplink.protocol.events.RunResult;
import io.erplink.protocol.events.Topics;

/**
 * What the execution tells the others, through the outbox (in the caller's transaction): a
 * {@link ChunkResult} per staged chunk, one {@link RunResult} per finished run and, for a merged run, a
 * {@link CatalogChanged} per changed product table. Counts the rows and runs in the metrics too.
 */
@ApplicationScoped
class OutcomePublisher {
    private final Outbox outbox;
    private final MeterRegistry metrics;

    OutcomePublisher(Outbox outbox, MeterRegistry metrics) {
        this.outbox = outbox;
        this.metrics = metrics;
    }

    void chunkStaged(String runId, long sequence, MappedChunk mapped) {
        metrics.counter("erplink.mapping.rows.staged").increment(mapped.staged());
        metrics.counter("erplink.mapping.rows.failed").increment(mapped.failed());
        outbox.publish(
                Topics.BATCH_RESULTS,
                runId,
                new ChunkResult(
                        UUID.randomUUID().toString(),
                        ChunkResult.VERSION,
                        runId,
                        sequence,
                        mapped.read(),
                        mapped.staged(),
                        mapped.skipped(),
                        mapped.failed(),
                        List.copyOf(mapped.errors())));
    }

    /**
     * The RunResult MERGED (returned, for the run's row and the log) and the CatalogChanged events of a
     * merged run. Source rows are written, skipped or failed; the merge's figures are the destination
     * tables' (duplicate keys the merge left out are skipped there, not among the rows read).
     */
    RunResult completed(MappingRun run, CompiledJob job, MappingRunRepository.Totals totals, Merge.Outcome outcome) {
        String runId = run.runId();
        RunResult result = new RunResult(
                UUID.randomUUID().toString(),
                RunResult.VERSION,
                runId,
                RunResult.Status.MERGED,
                totals.read(),
                outcome.inserted(),
                outcome.updated(),
                totals.skipped(),
                totals.failed(),
                outcome.removed(),
                null,
                totals.errors(),
                outcome.unchanged(),
                null,
                totals.accounting().skippedRows(),
                totals.staged(),
                totals.accounting().sources(true),
                totals.accounting().targets(job, outcome));
        outbox.publish(Topics.BATCH_RESULTS, runId, result);
        for (Merge.TableOutcome table : outcome.tables()) {
            if (table.productTable() && table.changed()) {
                List<String> ids = table.allProducts()
                        ? List.of()
                        : table.productIds().stream().sorted().toList();
                outbox.publish(
                        Topics.CATALOG_CHANGED,
                        table.table(),
                        new CatalogChanged(
                                UUID.randomUUID().toString(),
                                CatalogChanged.VERSION,
                                runId,
                                displayName(job, table.table()),
                                ids,
                                table.allProducts()));
            }
        }
        count(MappingRunStatus.COMPLETED);
        return result;
    }

    /**
     * The RunResult FAILED (returned, for the run's row): nothing was written, so written and the merge's
     * figures are 0 and the destination tables show only their mappings' row errors.
     *
     * @param job the compiled job, or null when it could not be had (unknown or no longer compiling)
     */
    RunResult failed(String runId, CompiledJob job, String message, MappingRunRepository.Totals totals) {
        RunResult result = new RunResult(
                UUID.randomUUID().toString(),
                RunResult.VERSION,
                runId,
                RunResult.Status.FAILED,
                totals.read(),
                0,
                0,
                totals.skipped(),
                totals.failed(),
                0,
                message,
                totals.errors(),
                0,
                null,
                totals.accounting().skippedRows(),
                0,
                totals.accounting().sources(false),
                job == null ? List.of() : totals.accounting().targets(job, null));
        outbox.publish(Topics.BATCH_RESULTS, runId, result);
        count(MappingRunStatus.FAILED);
        return result;
    }

    /** {@code erplink.mapping.runs{status}}, tagged with the stored names (MERGED, FAILED) dashboards know. */
    private void count(MappingRunStatus status) {
        metrics.counter("erplink.mapping.runs", "status", status.stored()).increment();
    }

    /** The table name as the job spells it (EcomProducts), not as PostgreSQL folded it (ecomproducts). */
    private static String displayName(CompiledJob job, String table) {
        for (CompiledTableMapping mapping : job.mappings()) {
            if (mapping.isImport() && mapping.destination().name().equals(table)) {
                return mapping.destinationName();
            }
        }
        return table;
    }
}
