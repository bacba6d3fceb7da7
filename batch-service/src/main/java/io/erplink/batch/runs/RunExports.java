package io.erplink.batch.runs;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.erplink.batch.BatchConfig;
import io.erplink.batch.erp.ErpEndpoints;
import io.erplink.batch.exports.OrderExporter;
import io.erplink.batch.exports.odata.ODataExport;
import io.erplink.batch.exports.odata.ODataExporter;

/**
 * The export runs: orders to a connector endpoint ({@link OrderExporter}) and table mappings to an
 * OData endpoint ({@link ODataExporter}). Row errors are recorded on the run; the run ends COMPLETED
 * or FAILED with its exit code here, since an export has no pages to seal.
 */
@ApplicationScoped
class RunExports {
    private static final Logger LOG = Logger.getLogger(RunExports.class);

    private final RunStore store;
    private final RunMetrics metrics;
    private final ErpEndpoints endpoints;
    private final OrderExporter orders;
    private final ODataExporter odata;

    RunExports(RunStore store, RunMetrics metrics, ErpEndpoints endpoints, OrderExporter orders, ODataExporter odata) {
        this.store = store;
        this.metrics = metrics;
        this.endpoints = endpoints;
        this.orders = orders;
        this.odata = odata;
    }

    /** Orders to a connector endpoint: COMPLETED when every selected order went in, else EXPORT_ERRORS. */
    void exportOrders(RunContext ctx, String endpoint) {
        ClaimedRun run = ctx.run();
        OrderExporter.Outcome outcome = orders.export(
                endpoint,
                ctx::checkpoint,
                (orderId, message) ->
                        store.addError(run.id(), "EXPORT", null, null, "EcomOrders", "OrderId=" + orderId, message));
        store.update(
                "update run set rows_read = ?, rows_written = ?, rows_failed = ?, last_updated = now() where id = ?",
                outcome.selected(),
                outcome.exported(),
                outcome.failed(),
                run.id());
        LOG.infof("run %s: %s", run.id(), outcome.message());
        finish(run, outcome.failed() == 0 ? ExitCode.COMPLETED : ExitCode.EXPORT_ERRORS, outcome.message());
    }

    /**
     * An export to an OData endpoint: the activity's table mappings, row by row ({@link ODataExporter}).
     * COMPLETED when every row went in or was skipped by its conditionals; FAILED with EXPORT_ERRORS when
     * some rows are row errors; FAILED with the ERP's exit code when the run had to stop early (the rows
     * not written go with the next run).
     */
    void exportOData(RunContext ctx, String endpoint) {
        ClaimedRun run = ctx.run();
        BatchConfig.Endpoint config = endpoints.odata(endpoint).orElseThrow();
        ODataExport spec = ODataExport.read(store.odataExport(run.activityId()));
        if (spec == null) {
            throw new RunFailure(
                    ExitCode.ODATA_CONFIG, null, "activity " + run.activityName() + " has no odataExport", null);
        }
        ODataExporter.Outcome outcome = odata.export(
                endpoint,
                config,
                spec,
                Duration.ofSeconds(60), // per call, as connector exports
                ctx::checkpoint,
                (table, key, message) -> store.addError(run.id(), "EXPORT", null, null, table, key, message));
        ODataExporter.Counts total = outcome.total();
        store.update(
                "update run set rows_read = ?, rows_written = ?, rows_inserted = ?, rows_updated = ?,"
                        + " rows_unchanged = 0, rows_skipped = ?, rows_failed = ?, last_updated = now() where id = ?",
                total.read(),
                total.inserted() + total.updated(),
                total.inserted(),
                total.updated(),
                total.skipped(),
                total.failed(),
                run.id());
        String message = outcome.message();
        LOG.infof("run %s: %s", run.id(), message);
        ExitCode code;
        if (outcome.stopped() != null) {
            code = outcome.stopped().kind() == null
                    ? ExitCode.ODATA_CONFIG
                    : ExitCode.erp(outcome.stopped().kind());
            store.addError(
                    run.id(),
                    "EXPORT",
                    null,
                    null,
                    null,
                    null,
                    outcome.stopped().getMessage());
        } else {
            code = total.failed() == 0 ? ExitCode.COMPLETED : ExitCode.EXPORT_ERRORS;
        }
        finish(run, code, message);
    }

    private void finish(ClaimedRun run, ExitCode code, String message) {
        RunStatus status = code == ExitCode.COMPLETED ? RunStatus.COMPLETED : RunStatus.FAILED;
        if (store.finishOwned(run.id(), run.owner(), status, code, message)) {
            metrics.finished(
                    run.activityName(), status, Duration.between(RunPageQueries.startedAt(run.id()), Instant.now()));
        }
    }
}
