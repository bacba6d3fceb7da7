package io.erplink.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * The collector of the e2e suite: an OTLP/HTTP (protobuf) trace receiver the services export to, as they
 * would to a collector on Kubernetes (the chart's {@code QUARKUS_OTEL_EXPORTER_OTLP_*} settings). It keeps
 * the last {@value #KEPT} spans, decoded with the official OTLP protobuf classes.
 */
final class OtlpReceiver implements AutoCloseable {
    static final int KEPT = 200_000;

    /** A finished span as a service exported it; ids in lower-case hex, {@code parentSpanId} "" for a root. */
    record Span(
            String service,
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            String kind,
            Map<String, String> attributes) {
        @Override
        public String toString() {
            return service + " " + kind + " '" + name + "' " + spanId + "<-" + parentSpanId;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final ConcurrentLinkedDeque<Span> spans = new ConcurrentLinkedDeque<>();
    private final AtomicInteger kept = new AtomicInteger();

    private OtlpReceiver(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "otlp-receiver");
            thread.setDaemon(true);
            return thread;
        });
        OtlpReceiver receiver = new OtlpReceiver(server, executor);
        // every path: OTLP/HTTP exporters post to {endpoint}/v1/traces
        server.createContext("/", receiver::handle);
        server.setExecutor(executor);
        server.start();
        return receiver;
    }

    /** The endpoint to configure as {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT} (protocol http/protobuf). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The spans received so far whose trace id is {@code traceId}. */
    List<Span> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    /** The spans received so far that match. */
    List<Span> spans(Predicate<Span> matching) {
        return spans.stream().filter(matching).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in =
                    "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                            ? new GZIPInputStream(exchange.getRequestBody())
                            : exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            ExportTraceServiceRequest request;
            try {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (InvalidProtocolBufferException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            request.getResourceSpansList().forEach(this::keep);
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private void keep(ResourceSpans resource) {
        String service = attributes(resource.getResource().getAttributesList()).getOrDefault("service.name", "?");
        HexFormat hex = HexFormat.of();
        for (ScopeSpans scope : resource.getScopeSpansList()) {
            for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
                spans.add(new Span(
                        service,
                        hex.formatHex(span.getTraceId().toByteArray()),
                        hex.formatHex(span.getSpanId().toByteArray()),
                        hex.formatHex(span.getParentSpanId().toByteArray()),
                        span.getName(),
                        span.getKind().name().replace("SPAN_KIND_", ""),
                        attributes(span.getAttributesList())));
                if (kept.incrementAndGet() > KEPT) {
                    spans.pollFirst();
                    kept.decrementAndGet();
                }
            }
        }
    }

    private static Map<String, String> attributes(List<KeyValue> values) {
        Map<String, String> attributes = new TreeMap<>();
        for (KeyValue value : values) {
            attributes.put(value.getKey(), text(value.getValue()));
        }
        return attributes;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> value.toString().strip();
        };
    }

    /** For failure messages: the spans of a trace, one per line. */
    static String describe(List<Span> trace) {
        List<String> lines = new ArrayList<>();
        trace.forEach(span -> lines.add(span.toString()));
        return String.join("\n  ", lines);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
