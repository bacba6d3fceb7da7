package io.erplink.batch.runs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.erplink.kit.erp.ErpCallTrace;
import io.erplink.kit.tracing.TraceContext;
import io.erplink.protocol.events.RecordChunk;
import io.erplink.protocol.events.RecordChunkCodec;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;
import io.erplink.testsupport.tracing.TracingProfile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A batch run is one trace per page: the page's span, its ERP call (with the page number) and the
 * PRODUCER spans of its chunks, whose {@code traceparent} each chunk carries to mapping-service
 * (where the extension continues it in the consumer span that stages and merges the chunk).
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
@QuarkusTestResource(value = PostgresKafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(
        value = ErpSimulatorTestResource.class,
        restrictToAnnotatedClass = true,
        initArgs = {
            @ResourceArg(name = "erplink.simulator.products", value = "300"),
            @ResourceArg(name = "erplink.simulator.page-size", value = "100")
        })
@QuarkusTestResource(value = OperatorJwtTestResource.class, restrictToAnnotatedClass = true)
class PageTraceTest {
    private static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("erplink.run_id");

    @Inject
    InMemorySpanExporter spans;

    @Test
    void eachPageIsOneTraceFromItsErpCallToTheChunksItPublished() throws Exception {
        Runs.createActivity(Runs.productsImport("products-traced"));
        UUID run = Runs.runNow("products-traced");
        Runs.awaitSealed(run, Duration.ofSeconds(90));

        List<SpanData> pages = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> spans.getFinishedSpanItems().stream()
                                .filter(span -> span.getName().equals("batch page"))
                                .filter(span -> run.toString()
                                        .equals(span.getAttributes().get(RUN_ID)))
                                .toList(),
                        found -> found.size() >= 3);
        Map<Long, SpanData> byPage = new TreeMap<>();
        pages.forEach(page -> byPage.put(page.getAttributes().get(ErpCallTrace.PAGE), page));
        assertEquals(List.of(1L, 2L, 3L), List.copyOf(byPage.keySet()), "one span per page, 3 pages");
        assertEquals(3, pages.size());
        assertEquals(3, pages.stream().map(SpanData::getTraceId).distinct().count(), "each page is a trace of its own");
        for (SpanData page : pages) {
            assertEquals(SpanId.getInvalid(), page.getParentSpanId(), "a page starts a trace of its own");
            List<SpanData> calls = spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getTraceId().equals(page.getTraceId()) && span.getKind() == SpanKind.CLIENT)
                    .toList();
            assertEquals(1, calls.size(), "one ERP call in the trace of page " + page.getAttributes());
            SpanData call = calls.get(0);
            assertEquals(page.getSpanId(), call.getParentSpanId());
            assertEquals(
                    page.getAttributes().get(ErpCallTrace.PAGE),
                    call.getAttributes().get(ErpCallTrace.PAGE));
            assertEquals("ok", call.getAttributes().get(ErpCallTrace.OUTCOME));
        }

        Map<Integer, Set<String>> chunkTraces = chunkTraces(run);
        assertEquals(Set.of(1, 2, 3), chunkTraces.keySet(), "chunks of every page");
        chunkTraces.forEach((page, traces) -> assertEquals(
                Set.of(byPage.get((long) page).getTraceId()),
                traces,
                "the chunks of page " + page + " carry the page's trace"));
    }

    /** Page -> trace ids of the traceparents its chunks carry on batch.records. */
    private static Map<Integer, Set<String>> chunkTraces(UUID run) {
        List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        PostgresKafkaTestResource.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "trace-tap-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.BATCH_RECORDS));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (run.toString().equals(record.key())) {
                        mine.add(record);
                    }
                }
                if (mine.stream().anyMatch(PageTraceTest::isSealed)) {
                    break;
                }
            }
        }
        Map<Integer, Set<String>> traces = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : mine) {
            if (isSealed(record)) {
                continue;
            }
            RecordChunk chunk = RecordChunkCodec.decode(record.value());
            String traceparent = TraceContext.from(record.headers());
            assertNotNull(traceparent, "chunk " + chunk.sequence() + " carries a traceparent");
            traces.computeIfAbsent(chunk.page(), page -> new TreeSet<>()).add(traceparent.substring(3, 35));
        }
        return traces;
    }

    private static boolean isSealed(ConsumerRecord<String, byte[]> record) {
        var type = record.headers().lastHeader("erplink-type");
        return type != null && new String(type.value(), StandardCharsets.UTF_8).equals("RunSealed");
    }
}
