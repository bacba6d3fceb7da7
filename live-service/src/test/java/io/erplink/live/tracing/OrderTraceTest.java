package io.erplink.live.tracing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import io.erplink.kit.erp.ErpCallTrace;
import io.erplink.kit.tracing.TraceContext;
import io.erplink.live.Simulator;
import io.erplink.live.StorefrontAuthTestResource;
import io.erplink.live.erp.ErpClient;
import io.erplink.protocol.events.OrderSynced;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;
import io.erplink.testsupport.tracing.TracingProfile;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * live-service's hops of an order's trace: {@code POST /api/v1/orders} while the ERP is down is one
 * trace with the failed ERP create, and the {@code orders.queued} record the outbox relays carries
 * it on (order-queue-service's OrderTraceTest takes it from that header to {@code orders.synced});
 * an {@code orders.synced} record is consumed in the trace its header names.
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
@QuarkusTestResource(PostgresKafkaTestResource.class)
@QuarkusTestResource(ErpSimulatorTestResource.class)
@QuarkusTestResource(StorefrontAuthTestResource.class)
class OrderTraceTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @Inject
    InMemorySpanExporter spans;

    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void erpHealthy() {
        Simulator.clearFaults();
        breakers.reset(ErpClient.BREAKER);
    }

    @Test
    void queuedOrderLeavesOnOrdersQueuedInThePostsTrace() {
        String id = "WEB-" + UUID.randomUUID();
        String traceparent;
        try (KafkaConsumer<String, String> queue =
                PostgresKafkaTestResource.stringConsumer("trace-test-" + UUID.randomUUID())) {
            queue.subscribe(List.of(Topics.ORDERS_QUEUED));
            Simulator.faults("{\"outage\":true}");
            given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "orderId",
                            id,
                            "currency",
                            "EUR",
                            "lines",
                            List.of(Map.of("productId", "10001", "quantity", 1))))
                    .when()
                    .post("/api/v1/orders")
                    .then()
                    .statusCode(202);
            traceparent =
                    await().atMost(Duration.ofSeconds(30)).until(() -> headerOf(queue, id), value -> value != null);
        }

        String traceId = traceparent.substring(3, 35);
        List<SpanData> trace = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> spans.getFinishedSpanItems().stream()
                                .filter(span -> span.getTraceId().equals(traceId))
                                .toList(),
                        found -> found.stream().anyMatch(span -> span.getKind() == SpanKind.SERVER));
        SpanData post = only(trace, SpanKind.SERVER, "POST /api/v1/orders");
        SpanData create = only(trace, SpanKind.CLIENT, "ERP CalculateOrder");
        assertEquals("503", create.getAttributes().get(ErpCallTrace.OUTCOME), "the ERP was down");
        SpanData publish = only(trace, SpanKind.PRODUCER, Topics.ORDERS_QUEUED + " publish");
        assertEquals(post.getSpanId(), publish.getParentSpanId(), "the event was written while handling the POST");
        assertEquals(
                "00-" + traceId + "-" + publish.getSpanId() + "-01",
                traceparent,
                "order-queue-service consumes the record as a child of the relay's span");
    }

    @Test
    void ordersSyncedIsConsumedInTheTraceItsRecordNames() throws Exception {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String parent = "b7ad6b7169203331";
        String id = "WEB-" + UUID.randomUUID();
        OrderSynced synced = new OrderSynced(
                UUID.randomUUID().toString(),
                OrderSynced.VERSION,
                id,
                OrderSynced.Status.SYNCED,
                "SO-TRACED-1",
                null,
                1,
                Instant.now());
        ProducerRecord<String, String> record =
                new ProducerRecord<>(Topics.ORDERS_SYNCED, id, JSON.writeValueAsString(synced));
        record.headers()
                .add(
                        TraceContext.TRACEPARENT,
                        ("00-" + traceId + "-" + parent + "-01").getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, String> producer = PostgresKafkaTestResource.stringProducer()) {
            producer.send(record).get();
        }

        List<SpanData> trace = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> spans.getFinishedSpanItems().stream()
                                .filter(span -> span.getTraceId().equals(traceId))
                                .toList(),
                        found -> !found.isEmpty());
        SpanData consume = only(trace, SpanKind.CONSUMER, Topics.ORDERS_SYNCED);
        assertEquals(parent, consume.getParentSpanId());
    }

    private static String headerOf(KafkaConsumer<String, String> consumer, String key) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
            if (key.equals(record.key())) {
                String traceparent = TraceContext.from(record.headers());
                assertNotNull(traceparent, "the relayed orders.queued record carries a traceparent");
                return traceparent;
            }
        }
        return null;
    }

    private static SpanData only(List<SpanData> trace, SpanKind kind, String namePrefix) {
        List<SpanData> matching = trace.stream()
                .filter(span -> span.getKind() == kind && span.getName().startsWith(namePrefix))
                .toList();
        assertEquals(
                1,
                matching.size(),
                kind + " spans named " + namePrefix + "* in the trace: "
                        + trace.stream()
                                .map(s -> s.getKind() + " " + s.getName())
                                .toList());
        return matching.get(0);
    }
}
