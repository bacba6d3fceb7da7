package io.erplink.kit.tracing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.erplink.kit.erp.ErpBudget;
import io.erplink.kit.erp.ErpCallTrace;
import io.erplink.kit.erp.ErpConfig;
import io.erplink.kit.erp.ErpException;
import io.erplink.kit.erp.ErpTransport;
import io.erplink.kit.outbox.Outbox;
import io.erplink.kit.outbox.OutboxRelay;
import io.erplink.protocol.events.ErpStatusChanged;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The trace context crosses what the OpenTelemetry extension does not see: an event written to the
 * outbox inside a span reaches Kafka with a {@code traceparent} of that trace (through the relay's
 * PRODUCER span), and an ERP call is a CLIENT span whose {@code traceparent} the connector receives.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
class TracingTest {
    private static final String SECRET = "a-test-secret-of-32-bytes-length";

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    Tracer tracer;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    ErpConfig erpConfig;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private HttpServer connector;
    private final List<String> receivedTraceparents = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startConnector() throws IOException {
        spans.reset();
        connector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        connector.createContext("/ok", exchange -> answer(exchange, 200));
        connector.createContext("/down", exchange -> answer(exchange, 503));
        connector.start();
    }

    private void answer(com.sun.net.httpserver.HttpExchange exchange, int status) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String traceparent = exchange.getRequestHeaders().getFirst(TraceContext.TRACEPARENT);
        receivedTraceparents.add(traceparent == null ? "none" : traceparent);
        byte[] body = "<tables/>".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @AfterEach
    void stopConnector() {
        connector.stop(0);
    }

    @Test
    void eventWrittenInASpanReachesKafkaWithThatTracesContext() throws Exception {
        String source = "traced-" + UUID.randomUUID();
        Span order = tracer.spanBuilder("place order").startSpan();
        try (Scope scope = order.makeCurrent()) {
            QuarkusTransaction.requiringNew()
                    .run(() -> outbox.publish(
                            Topics.ERP_STATUS,
                            source,
                            new ErpStatusChanged(
                                    UUID.randomUUID().toString(),
                                    ErpStatusChanged.VERSION,
                                    source,
                                    ErpStatusChanged.Status.DOWN,
                                    "breaker opened",
                                    Instant.parse("2026-11-22T10:00:00Z"))));
        } finally {
            order.end();
        }

        relay.relayAll();

        ConsumerRecord<String, String> record = consumeOne(Topics.ERP_STATUS, source);
        String traceparent = TraceContext.from(record.headers());
        assertNotNull(traceparent, "the relayed record carries a traceparent");
        SpanData publish = awaitSpan(Topics.ERP_STATUS + " publish");
        assertEquals(SpanKind.PRODUCER, publish.getKind());
        assertEquals(
                order.getSpanContext().getTraceId(), publish.getTraceId(), "the relay continues the writer's trace");
        assertEquals(order.getSpanContext().getSpanId(), publish.getParentSpanId());
        assertEquals(
                "00-" + publish.getTraceId() + "-" + publish.getSpanId() + "-01",
                traceparent,
                "the consumer's parent is the relay's PRODUCER span");
    }

    @Test
    void erpCallIsAClientSpanWithEndpointTypeOutcomeAndPageWhoseContextTheConnectorReceives() {
        ErpTransport transport = ErpTransport.forEndpoint(
                "company-b", url("/ok"), SECRET, erpConfig, registry, ErpBudget.unlimited("company-b"));
        Span page = tracer.spanBuilder("page").startSpan();
        try (Scope scope =
                Context.current().with(page).with(ErpCallTrace.PAGE_KEY, 3).makeCurrent()) {
            transport.exchange("GetEcomData.Products", "<x/>", Duration.ofSeconds(5), in -> in.readAllBytes());
        } finally {
            page.end();
        }

        SpanData call = awaitSpan("ERP GetEcomData.Products");
        assertEquals(SpanKind.CLIENT, call.getKind());
        assertEquals(page.getSpanContext().getSpanId(), call.getParentSpanId());
        assertEquals("company-b", call.getAttributes().get(ErpCallTrace.ENDPOINT));
        assertEquals("GetEcomData.Products", call.getAttributes().get(ErpCallTrace.REQUEST_TYPE));
        assertEquals("ok", call.getAttributes().get(ErpCallTrace.OUTCOME));
        assertEquals(3L, call.getAttributes().get(ErpCallTrace.PAGE));
        assertEquals(StatusCode.UNSET, call.getStatus().getStatusCode());
        assertEquals(
                List.of("00-" + call.getTraceId() + "-" + call.getSpanId() + "-01"),
                receivedTraceparents,
                "the connector received the call's context");
    }

    @Test
    void failedErpCallEndsItsSpanAsAnErrorWithTheStatusAsOutcome() {
        ErpTransport transport = ErpTransport.forEndpoint(
                "company-b", url("/down"), SECRET, erpConfig, registry, ErpBudget.unlimited("company-b"));

        assertThrows(
                ErpException.class,
                () -> transport.exchange("CalculateOrder", "<x/>", Duration.ofSeconds(5), in -> in.readAllBytes()));

        SpanData call = awaitSpan("ERP CalculateOrder");
        assertEquals("503", call.getAttributes().get(ErpCallTrace.OUTCOME));
        assertEquals(StatusCode.ERROR, call.getStatus().getStatusCode());
        assertEquals(null, call.getAttributes().get(ErpCallTrace.PAGE), "outside a batch page, no page number");
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + connector.getAddress().getPort() + path);
    }

    private SpanData awaitSpan(String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (SpanData span : spans.getFinishedSpanItems()) {
                if (span.getName().equals(name)) {
                    return span;
                }
            }
            sleep(50);
        }
        throw new AssertionError("no span " + name + " among "
                + spans.getFinishedSpanItems().stream().map(SpanData::getName).toList());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private ConsumerRecord<String, String> consumeOne(String topic, String key) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "tracing-test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no record with key " + key + " on " + topic);
    }
}
