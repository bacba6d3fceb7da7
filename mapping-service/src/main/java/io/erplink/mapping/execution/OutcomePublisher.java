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

    /** The RunResult MERGED (returned, for the log) and the CatalogChanged events of a merged run. */
    RunResult completed(
            MappingRun run, CompiledJob job, MappingRunRepository.Totals totals, long skipped, Merge.Outcome outcome) {
        String runId = run.runId();
        RunResult result = new RunResult(
                UUID.randomUUID().toString(),
                RunResult.VERSION,
                runId,
                RunResult.Status.MERGED,
                totals.read(),
                outcome.inserted(),
                outcome.updated(),
                skipped,
                totals.failed(),
                outcome.removed(),
                null,
                totals.errors(),
                outcome.unchanged(),
                totals.accounting().tables(),
                totals.accounting().skippedRows(run.job()));
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

    void failed(String runId, String job, String message, MappingRunRepository.Totals totals) {
        outbox.publish(
                Topics.BATCH_RESULTS,
                runId,
                new RunResult(
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
                        totals.accounting().tables(),
                        totals.accounting().skippedRows(job)));
        count(MappingRunStatus.FAILED);
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
