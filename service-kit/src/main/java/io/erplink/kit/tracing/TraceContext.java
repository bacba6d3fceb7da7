package io.erplink.kit.tracing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;

/**
 * The W3C trace context ({@code traceparent}) where the OpenTelemetry extension does not carry it by
 * itself: outbox rows, the Kafka records the services produce with their own producers, queued
 * orders and ERP calls made with the JDK HTTP client. With tracing off (the SDK disabled) every
 * method here is a no-op: no context, no header.
 */
public final class TraceContext {
    /** The W3C header (and Kafka record header) name. */
    public static final String TRACEPARENT = "traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<String> SINGLE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return java.util.List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private TraceContext() {}

    /** The tracer of the running application; a no-op one outside a Quarkus application (plain unit tests). */
    public static Tracer tracer() {
        ArcContainer container = Arc.container();
        if (container != null && container.isRunning()) {
            InstanceHandle<Tracer> tracer = container.instance(Tracer.class);
            if (tracer.isAvailable()) {
                return tracer.get();
            }
        }
        return OpenTelemetry.noop().getTracer("erplink");
    }

    /** The current span's {@code traceparent}, or null when there is no sampled span (tracing off). */
    public static String current() {
        return of(Context.current());
    }

    /** The {@code traceparent} of a context, or null when it holds no valid span. */
    public static String of(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** A context whose parent is the given {@code traceparent}; the root context when it is null or invalid. */
    public static Context parent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3C.extract(Context.root(), traceparent, SINGLE);
    }

    /** The {@code traceparent} a Kafka record carries, or null. */
    public static String from(Headers headers) {
        Header header = headers.lastHeader(TRACEPARENT);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Puts the context's {@code traceparent} on a Kafka record (replacing one it had); nothing when tracing is off. */
    public static void inject(Context context, Headers headers) {
        String traceparent = of(context);
        if (traceparent != null) {
            headers.remove(TRACEPARENT);
            headers.add(TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
    }
}
