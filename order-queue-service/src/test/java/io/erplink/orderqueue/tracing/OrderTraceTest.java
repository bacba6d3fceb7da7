package io.erplink.orderqueue.tracing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.erplink.kit.erp.ErpCallTrace;
import io.erplink.kit.erp.ErpTransport;
import io.erplink.kit.tracing.TraceContext;
import io.erplink.orderqueue.QueueFixtures;
import io.erplink.orderqueue.QueueState;
import io.erplink.orderqueue.orders.OrderStatus;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;
import io.erplink.testsupport.tracing.TracingProfile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * order-queue-service's hop of an order's trace: an {@code orders.queued} record carrying a
 * {@code traceparent} (what live-service's outbox relay puts on it) is consumed in that trace, the
 * order's later ERP create continues it (the context is stored with the queued order), and the
 * {@code orders.synced} record carries it on to live-service.
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
@QuarkusTestResource(PostgresKafkaTestResource.class)
@QuarkusTestResource(ErpSimulatorTestResource.class)
@QuarkusTestResource(OperatorJwtTestResource.class)
class OrderTraceTest {
    /** live-service's relay span, as its record header names it. */
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static final String RELAY_SPAN_ID = "00f067aa0ba902b7";

    @Inject
    InMemorySpanExporter spans;

    @Inject
    QueueState state;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void queuedOrdersErpCreateAndSyncedEventContinueTheTraceTheQueuedRecordCarried() throws Exception {
        String orderId = QueueFixtures.orderId("traced");
        ProducerRecord<String, String> record = new ProducerRecord<>(
                Topics.ORDERS_QUEUED, orderId, QueueFixtures.json(QueueFixtures.queued(orderId, "SHOP1", "C1")));
        record.headers()
                .add(
                        TraceContext.TRACEPARENT,
                        ("00-" + TRACE_ID + "-" + RELAY_SPAN_ID + "-01").getBytes(StandardCharsets.UTF_8));
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrap);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> state.hasStatus(orderId, OrderStatus.SYNCED));
        String synced = syncedTraceparent(orderId);

        List<SpanData> trace = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> inTrace(),
                        found -> found.stream().anyMatch(s -> s.getName().startsWith("orders.synced")));
        SpanData consume = only(trace, SpanKind.CONSUMER, "orders.queued");
        assertEquals(RELAY_SPAN_ID, consume.getParentSpanId(), "consumed as a child of the relay's span");
        SpanData sync = only(trace, SpanKind.INTERNAL, "sync order");
        assertEquals(orderId, sync.getAttributes().get(AttributeKey.stringKey("erplink.order_id")));
        SpanData create = only(trace, SpanKind.CLIENT, "ERP CalculateOrder.CreateOrder");
        assertEquals(sync.getSpanId(), create.getParentSpanId(), "the ERP create is part of the order's sync");
        assertEquals("ok", create.getAttributes().get(ErpCallTrace.OUTCOME));
        assertEquals(ErpTransport.DEFAULT_ENDPOINT, create.getAttributes().get(ErpCallTrace.ENDPOINT));
        SpanData publish = only(trace, SpanKind.PRODUCER, "orders.synced");
        assertEquals(sync.getSpanId(), publish.getParentSpanId(), "orders.synced was written in the order's sync");
        assertEquals(
                "00-" + TRACE_ID + "-" + publish.getSpanId() + "-01",
                synced,
                "live-service receives orders.synced in the same trace");
    }

    private List<SpanData> inTrace() {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(TRACE_ID))
                .toList();
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

    private String syncedTraceparent(String orderId) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrap);
        properties.put("group.id", "trace-test-" + UUID.randomUUID());
        properties.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ORDERS_SYNCED));
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (orderId.equals(record.key())) {
                        String traceparent = TraceContext.from(record.headers());
                        assertNotNull(traceparent, "orders.synced carries a traceparent");
                        return traceparent;
                    }
                }
            }
        }
        throw new AssertionError("no orders.synced record for " + orderId);
    }
}
