package io.erplink.batch.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import io.erplink.batch.BatchConfig;
import io.erplink.batch.erp.ErpEndpoints;
import io.erplink.batch.publish.LeaseLost;
import io.erplink.batch.publish.PublishFailed;
import io.erplink.kit.erp.ErpCallTrace;
import io.erplink.kit.erp.ErpException;
import io.erplink.kit.logging.LogContext;
import io.erplink.kit.tracing.TraceContext;

/**
 * Waits out an unavailable ERP (or Kafka broker) for a run's page, up to the run's deadline, with
 * doubling pauses; each page is one trace. Failures that waiting cannot mend (a malformed answer, a
 * refused request) pass straight through to the executor, as Kafka Connect tells retriable from fatal.
 */
@ApplicationScoped
class ErpWait {
    private static final Logger LOG = Logger.getLogger(ErpWait.class);

    private final RunStore store;
    private final RunMetrics metrics;
    private final BatchConfig config;
    private final Tracer tracer = TraceContext.tracer();

    ErpWait(RunStore store, RunMetrics metrics, BatchConfig config) {
        this.store = store;
        this.metrics = metrics;
        this.config = config;
    }

    /**
     * Fetches a page, waiting while the ERP (or Kafka) is unavailable: the client's own retries came to
     * nothing, the circuit breaker is open, or the page timed out. The wait is bounded by the run's
     * deadline (the activity timeout); the lease is kept by the heartbeat meanwhile.
     */
    <T> T fetch(RunContext ctx, String endpoint, int page, Supplier<T> fetch) {
        // One trace per page: its ERP calls (with the page number) and its chunks, which carry the
        // page's context to mapping-service.
        ClaimedRun claimed = ctx.run();
        Span span = tracer.spanBuilder("batch page")
                .setNoParent()
                .setAttribute("erplink.run_id", claimed.id().toString())
                .setAttribute("erplink.activity", claimed.activityName())
                .setAttribute(ErpCallTrace.ENDPOINT, endpoint)
                .setAttribute(ErpCallTrace.PAGE, (long) page)
                .startSpan();
        try (Scope scope = Context.current()
                        .with(span)
                        .with(ErpCallTrace.PAGE_KEY, page)
                        .makeCurrent();
                LogContext log = LogContext.put(LogContext.ENDPOINT, endpoint)) {
            return fetchInSpan(ctx, endpoint, page, fetch);
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    private <T> T fetchInSpan(RunContext ctx, String endpoint, int page, Supplier<T> fetch) {
        ClaimedRun run = ctx.run();
        Duration delay = config.erpWait().initialDelay();
        Instant waitingSince = null;
        while (true) {
            ctx.checkpoint();
            try {
                T outcome = fetch.get();
                if (waitingSince != null) {
                    LOG.infof(
                            "run %s: the ERP answered again after %s",
                            run.id(), Duration.between(waitingSince, Instant.now()));
                }
                return outcome;
            } catch (ErpException | CircuitBreakerOpenException | TimeoutException | PublishFailed e) {
                String reason = e instanceof ErpException erp
                        ? erp.kind().name()
                        : e instanceof CircuitBreakerOpenException
                                ? "CIRCUIT_OPEN"
                                : e instanceof PublishFailed ? "KAFKA" : "TIMEOUT";
                metrics.erpWait(endpoint, reason);
                Instant now = Instant.now();
                if (!now.isBefore(run.deadline())) {
                    throw new RunFailure(
                            ExitCode.ERP_UNAVAILABLE,
                            page,
                            "page " + page + ": gave up at the activity timeout ("
                                    + run.deadline() + ")"
                                    + (waitingSince == null ? "" : ", waiting since " + waitingSince)
                                    + ": " + e.getMessage(),
                            e);
                }
                String message = "page " + page + ": waiting for the "
                        + (reason.equals("KAFKA")
                                ? "Kafka broker"
                                : ErpEndpoints.DEFAULT.equals(endpoint) ? "ERP" : "ERP endpoint " + endpoint)
                        + " (" + reason + "): " + e.getMessage();
                if (waitingSince == null) {
                    waitingSince = now;
                    store.addError(run.id(), "FETCH", page, null, null, null, message);
                    LOG.warnf("run %s: %s", run.id(), message);
                }
                store.waiting(run.id(), run.owner(), message);
                Duration left = Duration.between(now, run.deadline());
                sleep(ctx, delay.compareTo(left) < 0 ? delay : left);
                delay = delay.multipliedBy(2);
                if (delay.compareTo(config.erpWait().maxDelay()) > 0) {
                    delay = config.erpWait().maxDelay();
                }
            }
        }
    }

    private static void sleep(RunContext ctx, Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            ctx.checkpoint();
            try {
                Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LeaseLost("run " + ctx.run().id() + ": worker interrupted (shutting down)");
            }
        }
    }
}
