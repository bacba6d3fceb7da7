package io.erplink.orderqueue.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

import io.erplink.kit.erp.ErpException;
import io.erplink.kit.logging.LogContext;
import io.erplink.kit.tracing.TraceContext;
import io.erplink.orderqueue.erp.ErpClient;
import io.erplink.orderqueue.orders.AttemptKind;
import io.erplink.orderqueue.orders.AttemptOutcome;

/**
 * Sends one claimed order, exactly once towards the ERP: when an earlier call may have created it
 * (timeout, 5xx, a replica died mid-send) it first asks the ERP whether it has the order, and
 * records the existing ERP order number instead of creating another.
 */
@ApplicationScoped
public class OrderSender {
    private static final Logger LOG = Logger.getLogger(OrderSender.class);

    private final ErpClient erp;
    private final SyncService sync;
    private final ErpAvailability availability;
    private final Tracer tracer;

    OrderSender(ErpClient erp, SyncService sync, ErpAvailability availability, Tracer tracer) {
        this.tracer = tracer;
        this.erp = erp;
        this.sync = sync;
        this.availability = availability;
    }

    /** What the sender needs from the drainer: a token of the ERP budget before each call. */
    public interface Budget {
        void take() throws InterruptedException;

        /** The ERP asked to slow down. */
        void pause(Duration duration);
    }

    /**
     * Talks to the ERP about a claimed order and records every call.
     *
     * @param budget   the ERP budget, taken before the create that follows an existence check
     */
    public AttemptResult send(SyncService.Claim claim, Budget budget) throws InterruptedException {
        if (claim.outcomeUnknown()) {
            AttemptResult check = lookup(claim);
            boolean stillOurs = record(claim, check, budget);
            if (!stillOurs || check.outcome() != AttemptOutcome.NOT_FOUND) {
                return check;
            }
            budget.take();
        }
        AttemptResult create = create(claim);
        record(claim, create, budget);
        return create;
    }

    /**
     * Sends what one claim got: a single order as {@link #send}, or several outcome-unknown orders
     * checked in the ERP with one call. Those the ERP has are recorded as synced; the others go
     * back to the queue with their outcome known, to be created by the next sender.
     */
    public void sendAll(List<SyncService.Claim> claims, Budget budget) throws InterruptedException {
        Span span = syncSpan(claims);
        try (Scope scope = span.makeCurrent();
                LogContext log = LogContext.put(
                        LogContext.ORDER_ID, claims.size() == 1 ? claims.get(0).shopOrderId() : null)) {
            sendClaims(claims, budget);
        } finally {
            span.end();
        }
    }

    /**
     * The span of one claim's ERP calls: a single order's continues the order's trace (stored when
     * it was queued), so the trace runs from the shop's POST through the ERP create to
     * {@code orders.synced}; one existence check of several orders links their traces.
     */
    private Span syncSpan(List<SyncService.Claim> claims) {
        if (claims.size() == 1) {
            SyncService.Claim claim = claims.get(0);
            return tracer.spanBuilder("sync order")
                    .setParent(TraceContext.parent(claim.traceParent()))
                    .setAttribute("erplink.order_id", claim.shopOrderId())
                    .startSpan();
        }
        SpanBuilder builder = tracer.spanBuilder("check orders").setNoParent();
        for (SyncService.Claim claim : claims) {
            SpanContext order =
                    Span.fromContext(TraceContext.parent(claim.traceParent())).getSpanContext();
            if (order.isValid()) {
                builder.addLink(order);
            }
        }
        return builder.setAttribute("erplink.orders", claims.size()).startSpan();
    }

    private void sendClaims(List<SyncService.Claim> claims, Budget budget) throws InterruptedException {
        if (claims.size() == 1) {
            send(claims.get(0), budget);
            return;
        }
        Instant started = Instant.now();
        List<String> ids = claims.stream().map(SyncService.Claim::shopOrderId).toList();
        String request = null;
        ErpClient.BatchAnswer answer;
        try {
            request = ErpClient.lookupRequest(ids);
            answer = erp.findOrders(ids);
        } catch (RuntimeException e) {
            // A failed check changes nothing: every order's outcome stays unknown.
            AttemptResult failed = failure(AttemptKind.LOOKUP, started, request, e);
            for (SyncService.Claim claim : claims) {
                record(claim, failed, budget);
            }
            return;
        }
        String summary = "one check of " + ids.size() + " OrderIds, answer of " + answer.bytes() + " bytes: ";
        for (SyncService.Claim claim : claims) {
            String number = answer.found().get(claim.shopOrderId());
            AttemptResult result = answer.found().containsKey(claim.shopOrderId())
                    ? new AttemptResult(
                            AttemptKind.LOOKUP,
                            started,
                            request,
                            summary + "found as " + number,
                            null,
                            AttemptOutcome.FOUND,
                            number,
                            false,
                            false,
                            null)
                    : new AttemptResult(
                            AttemptKind.LOOKUP,
                            started,
                            request,
                            summary + "not found",
                            null,
                            AttemptOutcome.NOT_FOUND,
                            null,
                            false,
                            false,
                            null);
            if (result.synced()) {
                LOG.infof(
                        "order %s: already in the ERP as %s, recorded instead of sending it again",
                        claim.shopOrderId(), number);
            }
            sync.recordCheck(claim, result);
        }
    }

    private boolean record(SyncService.Claim claim, AttemptResult result, Budget budget) {
        if (result.outcome() == AttemptOutcome.UNAVAILABLE) {
            availability.markDown(result.error());
        }
        if (result.outcome() == AttemptOutcome.THROTTLED && result.retryAfter() != null) {
            budget.pause(result.retryAfter());
        }
        return sync.record(claim, result);
    }

    private AttemptResult lookup(SyncService.Claim claim) {
        Instant started = Instant.now();
        String request = null;
        try {
            request = ErpClient.lookupRequest(claim.shopOrderId());
            ErpClient.LookupAnswer answer = erp.findOrder(claim.shopOrderId());
            if (answer.found()) {
                LOG.infof(
                        "order %s: already in the ERP as %s, recorded instead of sending it again",
                        claim.shopOrderId(), answer.erpOrderNumber());
                return new AttemptResult(
                        AttemptKind.LOOKUP,
                        started,
                        request,
                        answer.body(),
                        null,
                        AttemptOutcome.FOUND,
                        answer.erpOrderNumber(),
                        false,
                        false,
                        null);
            }
            return new AttemptResult(
                    AttemptKind.LOOKUP,
                    started,
                    request,
                    answer.body(),
                    null,
                    AttemptOutcome.NOT_FOUND,
                    null,
                    false,
                    false,
                    null);
        } catch (RuntimeException e) {
            // A failed check changes nothing: the outcome of the earlier create stays unknown.
            return failure(AttemptKind.LOOKUP, started, request, e);
        }
    }

    private AttemptResult create(SyncService.Claim claim) {
        Instant started = Instant.now();
        try {
            ErpClient.CreateAnswer answer = erp.createOrder(claim.requestXml());
            if (answer.created()) {
                return new AttemptResult(
                        AttemptKind.CREATE,
                        started,
                        claim.requestXml(),
                        answer.body(),
                        null,
                        AttemptOutcome.CREATED,
                        answer.erpOrderNumber(),
                        false,
                        false,
                        null);
            }
            return new AttemptResult(
                    AttemptKind.CREATE,
                    started,
                    claim.requestXml(),
                    answer.body(),
                    "the ERP answered OrderCreated=false",
                    AttemptOutcome.NOT_CREATED,
                    null,
                    true,
                    false,
                    null);
        } catch (RuntimeException e) {
            return failure(AttemptKind.CREATE, started, claim.requestXml(), e);
        }
    }

    /** Classifies a failed call: was the ERP reached, may it have acted, does it count as a failure. */
    static AttemptResult failure(AttemptKind kind, Instant started, String request, RuntimeException e) {
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (e instanceof CircuitBreakerOpenException || e instanceof BulkheadException) {
            return new AttemptResult(
                    kind, started, request, null, error, AttemptOutcome.UNAVAILABLE, null, false, false, null);
        }
        if (e instanceof TimeoutException) {
            return new AttemptResult(
                    kind, started, request, null, error, AttemptOutcome.UNKNOWN, null, true, true, null);
        }
        if (e instanceof ErpException erp) {
            return switch (erp.kind()) {
                case THROTTLED ->
                    new AttemptResult(
                            kind,
                            started,
                            request,
                            null,
                            error,
                            AttemptOutcome.THROTTLED,
                            null,
                            false,
                            false,
                            erp.retryAfter().orElse(Duration.ofSeconds(1)));
                case REJECTED ->
                    new AttemptResult(
                            kind, started, request, null, error, AttemptOutcome.REJECTED, null, true, false, null);
                case MALFORMED_RESPONSE ->
                    new AttemptResult(
                            kind, started, request, null, error, AttemptOutcome.MALFORMED, null, true, true, null);
                case UNAVAILABLE, FAILED ->
                    erp.outcomeUnknown()
                            ? new AttemptResult(
                                    kind, started, request, null, error, AttemptOutcome.UNKNOWN, null, true, true, null)
                            : new AttemptResult(
                                    kind,
                                    started,
                                    request,
                                    null,
                                    error,
                                    AttemptOutcome.UNAVAILABLE,
                                    null,
                                    false,
                                    false,
                                    null);
            };
        }
        // Anything else happened around a call that may have gone out: treat it as unknown.
        return new AttemptResult(kind, started, request, null, error, AttemptOutcome.UNKNOWN, null, true, true, null);
    }
}
