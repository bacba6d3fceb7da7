package io.erplink.kit.erp;

import java.net.http.HttpRequest;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;

import io.erplink.kit.logging.LogContext;
import io.erplink.kit.tracing.TraceContext;

/**
 * One ERP call as a CLIENT span (the JDK HTTP client is not instrumented by the OpenTelemetry
 * extension) with the endpoint, request type, outcome and, inside a batch page, the page number; its
 * {@code traceparent} goes to the connector (or OData service) with the request. The {@code endpoint} MDC field is set
 * for the call's log lines.
 */
public final class ErpCallTrace {
    public static final AttributeKey<String> ENDPOINT = AttributeKey.stringKey("erplink.erp.endpoint");
    public static final AttributeKey<String> REQUEST_TYPE = AttributeKey.stringKey("erplink.erp.request_type");
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("erplink.erp.outcome");
    public static final AttributeKey<Long> PAGE = AttributeKey.longKey("erplink.page");
    /** The batch page a call belongs to, set by the caller around the page's calls. */
    public static final ContextKey<Integer> PAGE_KEY = ContextKey.named("erplink.page");

    private final Span span;
    private final Scope scope;
    private final LogContext log;

    // The scope is closed by end(), which the transport calls in its finally block.
    @SuppressWarnings("MustBeClosedChecker")
    private ErpCallTrace(Tracer tracer, String endpoint, String requestType) {
        Context parent = Context.current();
        var builder = tracer.spanBuilder("ERP " + requestType)
                .setSpanKind(SpanKind.CLIENT)
                .setParent(parent)
                .setAttribute(ENDPOINT, endpoint)
                .setAttribute(REQUEST_TYPE, requestType);
        Integer page = parent.get(PAGE_KEY);
        if (page != null) {
            builder.setAttribute(PAGE, page.longValue());
        }
        this.span = builder.startSpan();
        this.scope = span.makeCurrent();
        this.log = LogContext.put(LogContext.ENDPOINT, endpoint);
    }

    /** Starts the call's span as a child of the current context and makes it current. */
    public static ErpCallTrace start(Tracer tracer, String endpoint, String requestType) {
        return new ErpCallTrace(tracer, endpoint, requestType);
    }

    /** Adds the call's {@code traceparent} header (nothing when tracing is off). */
    public HttpRequest.Builder propagate(HttpRequest.Builder request) {
        String traceparent = TraceContext.of(Context.current().with(span));
        return traceparent == null ? request : request.header(TraceContext.TRACEPARENT, traceparent);
    }

    /** Ends the call's span with its outcome ({@code ok}, an HTTP status, {@code stalled}, ...). */
    public void end(String outcome) {
        span.setAttribute(OUTCOME, outcome);
        if (!"ok".equals(outcome)) {
            span.setStatus(StatusCode.ERROR, outcome);
        }
        log.close();
        scope.close();
        span.end();
    }
}
