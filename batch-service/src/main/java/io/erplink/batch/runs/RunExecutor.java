package io.erplink.batch.runs;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.erplink.batch.BatchConfig;
import io.erplink.batch.erp.ErpCallFailed;
import io.erplink.batch.erp.ErpEndpoints;
import io.erplink.batch.fetch.ODataPageFetcher;
import io.erplink.batch.fetch.PageFetcher;
import io.erplink.batch.fetch.PageOutcome;
import io.erplink.batch.odata.DeltaValues;
import io.erplink.batch.odata.ODataQuery;
import io.erplink.batch.odata.ODataSource;
import io.erplink.batch.publish.LeaseLost;
import io.erplink.protocol.ProtocolException;
import io.erplink.protocol.requests.ConnectorRequest;
import io.erplink.protocol.requests.GetEcomData;
import io.erplink.protocol.requests.RequestAttributes;
import io.erplink.protocol.tables.TablesHeader;

/**
 * Plans and drives one claimed run: which page comes next, when the run is done. Moving the data is
 * {@link PageFetcher}'s job, waiting out an unavailable ERP {@link ErpWait}'s, export runs
 * {@link RunExports}'; the resume point lives in the run row.
 *
 * <p>Paging contract: the first request is the run's request; while the answer says
 * {@code ExportIsDone="false"} the identical request is sent again with {@code batchId} (from the
 * answer) and {@code pageNumber} (the answer's pageNumber + 1). Because the resume point is the
 * last committed page, a resumed run asks for exactly the page after it, under the same batchId.
 *
 * <p>One class on purpose: the three page loops (connector, OData, replay) share the commit, seal and
 * fail steps and the lease checks between pages; what happens within a page is delegated.
 */
@ApplicationScoped
public class RunExecutor {
    private static final Logger LOG = Logger.getLogger(RunExecutor.class);

    private final RunStore store;
    private final PageFetcher fetcher;
    private final RunSealer sealer;
    private final RunMetrics metrics;
    private final BatchConfig config;
    private final ErpEndpoints endpoints;
    private final ErpWait erpWait;
    private final RunExports exports;
    private final ODataRunPlanner odataPlanner;
    private final ODataPageFetcher odataFetcher;

    RunExecutor(
            RunStore store,
            PageFetcher fetcher,
            RunSealer sealer,
            RunMetrics metrics,
            BatchConfig config,
            ErpEndpoints endpoints,
            ErpWait erpWait,
            RunExports exports,
            ODataRunPlanner odataPlanner,
            ODataPageFetcher odataFetcher) {
        this.store = store;
        this.fetcher = fetcher;
        this.sealer = sealer;
        this.metrics = metrics;
        this.config = config;
        this.endpoints = endpoints;
        this.erpWait = erpWait;
        this.exports = exports;
        this.odataPlanner = odataPlanner;
        this.odataFetcher = odataFetcher;
    }

    /** Executes the run until it is sealed, failed, or no longer ours. Never throws. */
    public void execute(RunContext ctx) {
        ClaimedRun run = ctx.run();
        try {
            switch (run.kind()) {
                case IMPORT -> {
                    if (run.odata() != null) {
                        importODataPages(ctx);
                    } else {
                        importPages(ctx);
                    }
                }
                case REPLAY -> replayPages(ctx);
                case EXPORT -> {
                    String endpoint = endpoint(run);
                    if (endpoints.odata(endpoint).isPresent()) {
                        exports.exportOData(ctx, endpoint);
                    } else {
                        exports.exportOrders(ctx, endpoint);
                    }
                }
            }
            metrics.runEnded("done");
        } catch (LeaseLost e) {
            LOG.warnf("run %s: %s; stopping without further writes", run.id(), e.getMessage());
            metrics.runEnded("lease-lost");
        } catch (RunFailure e) {
            fail(run, e.exitCode(), e.page(), e.getMessage());
        } catch (ErpCallFailed e) {
            fail(run, ExitCode.erp(e.kind()), null, e.getMessage());
        } catch (ProtocolException e) {
            fail(run, ExitCode.ERP_MALFORMED_RESPONSE, null, e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "run %s failed", run.id());
            fail(run, ExitCode.FAILED, null, e.toString());
        }
    }

    private void importPages(RunContext ctx) {
        ClaimedRun run = ctx.run();
        String endpoint = endpoint(run);
        GetEcomData base = parse(run.requestXml());
        int page = run.lastCommittedPage() + 1;
        long sequence = run.nextSequence();
        Integer erpPage = run.nextErpPage();
        String batchId = run.batchId();
        String type = base.describe();
        while (true) {
            if (page > this.config.worker().maxPages()) {
                throw new RunFailure(
                        ExitCode.TOO_MANY_PAGES,
                        page,
                        "the ERP still says ExportIsDone=\"false\" after "
                                + this.config.worker().maxPages() + " pages (erplink.batch.worker.max-pages)",
                        null);
            }
            GetEcomData request = base;
            if (page > 1 || erpPage != null) {
                if (batchId != null) {
                    request = request.with(RequestAttributes.BATCH_ID, batchId);
                }
                request =
                        request.with(RequestAttributes.PAGE_NUMBER, Integer.toString(erpPage != null ? erpPage : page));
            }
            String xml = request.toXml();
            PageFetcher.Target target = new PageFetcher.Target(
                    run.id(), run.mappingJob(), page, sequence, run.chunks(), run.archive(), ctx::checkpoint);
            PageOutcome outcome =
                    erpWait.fetch(ctx, endpoint, page, () -> fetcher.fromErp(endpoint, type, xml, target));
            TablesHeader header = outcome.header();
            Integer answeredPage = intAttribute(header, TablesHeader.PAGE_NUMBER);
            int current = answeredPage != null ? answeredPage : (erpPage != null ? erpPage : page);
            if (header.batchId() != null) {
                batchId = header.batchId();
            }
            Long total = longAttribute(header, TablesHeader.TOTAL_COUNT);
            commit(ctx, page, current, current + 1, batchId, total, sequence, outcome);
            sequence += outcome.chunks();
            if (header.lastPage()) {
                break;
            }
            erpPage = current + 1;
            page++;
        }
        seal(ctx);
    }

    /**
     * An OData run: plan the first request once (it becomes the resume point), then follow each
     * {@code @odata.nextLink} until a page has none. Each committed page records the link to the next, so
     * a run resumed after a crash continues after its last committed page; a page fetched but not
     * committed is fetched again with the same chunk sequences.
     */
    private void importODataPages(RunContext ctx) {
        ClaimedRun run = ctx.run();
        String endpoint = endpoint(run);
        BatchConfig.Endpoint config = endpoints
                .odata(endpoint)
                .orElseThrow(() -> new RunFailure(
                        ExitCode.ENDPOINT,
                        null,
                        "activity " + run.activityName() + ": endpoint " + endpoint
                                + " is not an odata-v4 endpoint on this replica",
                        null));
        ClaimedRun.OData odata = run.odata();
        ODataSource source = odata.source();
        Duration timeout = endpoints.pageTimeout(endpoint);
        URI root = ODataRunPlanner.serviceRoot(config, source);
        int page = run.lastCommittedPage() + 1;
        long sequence = run.nextSequence();
        String maxDelta = odata.maxDelta();
        String next = odata.nextLink();
        if (next == null && run.lastCommittedPage() > 0) {
            seal(ctx); // every page was committed before the previous worker stopped
            return;
        }
        ODataRunPlanner.Entity entity =
                erpWait.fetch(ctx, endpoint, page, () -> odataPlanner.entity(endpoint, config, source, timeout));
        Set<String> enums = entity.enumProperties();
        if (next == null) {
            ODataQuery first = odataPlanner.first(
                    endpoint, config, entity, source, odata.since(), run.mappingJob(), odata.jobVersion());
            next = first.url().toString();
            ctx.checkpoint();
            if (!store.plannedOData(run.id(), run.owner(), next)) {
                throw new LeaseLost("run " + run.id()
                        + ": first OData request not recorded, the run is no longer held by " + run.owner());
            }
        }
        String type = "OData." + source.entitySet();
        while (true) {
            if (page > this.config.worker().maxPages()) {
                throw new RunFailure(
                        ExitCode.TOO_MANY_PAGES,
                        page,
                        "the OData service still sends @odata.nextLink after "
                                + this.config.worker().maxPages() + " pages (erplink.batch.worker.max-pages)",
                        null);
            }
            URI url = URI.create(next);
            PageFetcher.Target target = new PageFetcher.Target(
                    run.id(), run.mappingJob(), page, sequence, run.chunks(), false, ctx::checkpoint);
            ODataPageFetcher.Outcome outcome = erpWait.fetch(
                    ctx,
                    endpoint,
                    page,
                    () -> odataFetcher.fetch(
                            endpoint,
                            type,
                            url,
                            config.maxPageSize(),
                            timeout,
                            target,
                            source.tableName(),
                            source.delta(),
                            enums));
            maxDelta = DeltaValues.max(maxDelta, outcome.maxDelta());
            String following = outcome.nextLink() == null
                    ? null
                    : ODataRunPlanner.next(root, url, outcome.nextLink(), page).toString();
            ctx.checkpoint();
            RunStore.PageCommit commit = new RunStore.PageCommit(
                    page,
                    null,
                    null,
                    null,
                    null,
                    sequence,
                    outcome.chunks(),
                    outcome.rows(),
                    outcome.bytes(),
                    null,
                    outcome.millis());
            if (!store.commitODataPage(run.id(), run.owner(), commit, following, maxDelta)) {
                throw new LeaseLost("run " + run.id() + ": page " + page
                        + " not committed, the run is no longer held by " + run.owner());
            }
            metrics.page(outcome.rows(), outcome.bytes());
            sequence += outcome.chunks();
            if (following == null) {
                break;
            }
            next = following;
            page++;
        }
        seal(ctx);
    }

    /**
     * The ERP endpoint the run's activity names. One that is not configured on this replica (removed
     * since, or only known to another replica) fails the run: falling back to the default endpoint
     * would send the request to the wrong ERP.
     */
    private String endpoint(ClaimedRun run) {
        return endpoints
                .resolve(run.endpoint())
                .orElseThrow(() -> new RunFailure(
                        ExitCode.ENDPOINT,
                        null,
                        "activity " + run.activityName() + ": " + endpoints.unknown(run.endpoint()),
                        null));
    }

    private void replayPages(RunContext ctx) {
        ClaimedRun run = ctx.run();
        List<RunPage> pages = RunPageQueries.archivedPages(run.replayOf());
        long sequence = run.nextSequence();
        for (RunPage source : pages) {
            int page = source.pageNumber;
            if (page <= run.lastCommittedPage()) {
                continue;
            }
            if (source.archivePath == null || !Files.isRegularFile(Path.of(source.archivePath))) {
                throw new RunFailure(
                        ExitCode.NO_ARCHIVE,
                        page,
                        "run " + run.replayOf() + " has no archived response for page " + page
                                + (source.archivePath == null ? "" : " (" + source.archivePath + " is missing)"),
                        null);
            }
            PageFetcher.Target target = new PageFetcher.Target(
                    run.id(), run.mappingJob(), page, sequence, run.chunks(), false, ctx::checkpoint);
            PageOutcome outcome;
            try {
                outcome = fetcher.fromArchive(Path.of(source.archivePath), target);
            } catch (IOException e) {
                throw new RunFailure(
                        ExitCode.NO_ARCHIVE, page, "cannot read " + source.archivePath + ": " + e.getMessage(), e);
            }
            commit(
                    ctx,
                    page,
                    source.erpPage,
                    null,
                    outcome.header().batchId(),
                    longAttribute(outcome.header(), TablesHeader.TOTAL_COUNT),
                    sequence,
                    outcome);
            sequence += outcome.chunks();
        }
        seal(ctx);
    }

    private void commit(
            RunContext ctx,
            int page,
            Integer erpPage,
            Integer nextErpPage,
            String batchId,
            Long total,
            long sequence,
            PageOutcome outcome) {
        ctx.checkpoint();
        ClaimedRun run = ctx.run();
        boolean committed = store.commitPage(
                run.id(),
                run.owner(),
                new RunStore.PageCommit(
                        page,
                        erpPage,
                        nextErpPage,
                        batchId,
                        total,
                        sequence,
                        outcome.chunks(),
                        outcome.rows(),
                        outcome.bytes(),
                        outcome.archivePath(),
                        outcome.millis()));
        if (!committed) {
            throw new LeaseLost("run " + run.id() + ": page " + page + " not committed, the run is no longer held by "
                    + run.owner());
        }
        metrics.page(outcome.rows(), outcome.bytes());
        LOG.debugf(
                "run %s: page %d committed (%d rows, %d chunks from sequence %d)",
                run.id(), page, outcome.rows(), outcome.chunks(), sequence);
    }

    private void seal(RunContext ctx) {
        ctx.checkpoint();
        if (sealer.seal(ctx.run()) == null) {
            throw new LeaseLost("run " + ctx.run().id() + ": not sealed, the run is no longer held by "
                    + ctx.run().owner());
        }
    }

    private void fail(ClaimedRun run, ExitCode code, Integer page, String message) {
        LOG.warnf("run %s failed (%s): %s", run.id(), code, message);
        store.addError(run.id(), "FETCH", page, null, null, null, message);
        if (store.finishOwned(run.id(), run.owner(), RunStatus.FAILED, code, message)) {
            metrics.finished(
                    run.activityName(),
                    RunStatus.FAILED,
                    Duration.between(RunPageQueries.startedAt(run.id()), Instant.now()));
        }
        metrics.runEnded("failed");
    }

    static GetEcomData parse(String xml) {
        ConnectorRequest request;
        try {
            request = ConnectorRequest.parse(xml);
        } catch (ProtocolException e) {
            throw new RunFailure(
                    ExitCode.BAD_REQUEST, null, "the activity's request is not valid: " + e.getMessage(), e);
        }
        if (!(request instanceof GetEcomData data)) {
            throw new RunFailure(
                    ExitCode.BAD_REQUEST,
                    null,
                    "an import sends a GetEcomData request, not " + request.describe(),
                    null);
        }
        return data;
    }

    private static Integer intAttribute(TablesHeader header, String name) {
        OptionalInt value = header.pageNumber();
        if (value.isEmpty() && header.attribute(name).filter(v -> !v.isBlank()).isPresent()) {
            throw new RunFailure(
                    ExitCode.ERP_MALFORMED_RESPONSE,
                    null,
                    "<tables " + name + "=\"" + header.attribute(name).get() + "\"> is not a page number",
                    null);
        }
        return value.isPresent() ? value.getAsInt() : null;
    }

    private static Long longAttribute(TablesHeader header, String name) {
        OptionalLong value = header.totalCount();
        return value.isPresent() ? value.getAsLong() : null;
    }
}
