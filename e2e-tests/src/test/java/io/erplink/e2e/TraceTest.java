package io.erplink.e2e;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17 across processes: the services export their spans over OTLP to the suite's receiver, as to a
 * collector on Kubernetes. A queued order is one trace from the storefront's POST through
 * {@code orders.queued}, order-queue-service's ERP create and {@code orders.synced} back into
 * live-service; each page of a batch run is one trace from batch-service's fetch into mapping-service.
 */
@ExtendWith(SuiteExtension.class)
class TraceTest {
    private static final Duration EXPORTED = Duration.ofSeconds(30);

    @AfterEach
    void erpHealthy() {
        Simulator.clearFaults(SuiteExtension.suite());
    }

    @Test
    void aQueuedOrderIsOneTraceFromTheStorefrontsPostToOrdersSyncedInLiveService() throws Exception {
        Suite suite = SuiteExtension.suite();
        suite.startOrderServices();
        String orderId = "E2E-TRACE-" + UUID.randomUUID();
        // the storefront's own trace: live-service continues it (W3C traceparent)
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        String traceId = HexFormat.of().formatHex(id);
        String storefrontSpan = "00f067aa0ba902b7";
        Simulator.faults(suite, "{\"outage\":true}");
        Storefront.placeOrder(
                        suite.live(),
                        Storefront.oneLineOrder(orderId, "10003"),
                        Map.of("traceparent", "00-" + traceId + "-" + storefrontSpan + "-01"))
                .statusCode(202);
        Simulator.clearFaults(suite);
        assertEquals(
                "synced",
                QueuedOrderTest.awaitOrder(suite, orderId, Duration.ofSeconds(90))
                        .getString("status"));

        OtlpReceiver traces = suite.traces();
        List<OtlpReceiver.Span> trace = awaitSpans(
                () -> traces.trace(traceId),
                spans -> spans.stream()
                        .anyMatch(s -> s.service().equals("live-service")
                                && s.kind().equals("CONSUMER")
                                && s.name().startsWith("orders.synced")));
        String shown = OtlpReceiver.describe(trace);

        OtlpReceiver.Span post = only(trace, "live-service", "SERVER", "POST /api/v1/orders");
        assertEquals(storefrontSpan, post.parentSpanId(), "live-service continued the storefront's trace:\n  " + shown);
        OtlpReceiver.Span failedCreate = only(trace, "live-service", "CLIENT", "ERP CalculateOrder");
        assertEquals("503", failedCreate.attributes().get("erplink.erp.outcome"), "the ERP was down:\n  " + shown);
        OtlpReceiver.Span queued = only(trace, "live-service", "PRODUCER", "orders.queued publish");
        OtlpReceiver.Span consumed = only(trace, "order-queue-service", "CONSUMER", "orders.queued");
        // The queue may try the order before the outage is lifted (503: not created, sending paused, the
        // order offered again): every attempt is a sync span of this trace, and exactly one create succeeded.
        List<OtlpReceiver.Span> syncs = all(trace, "order-queue-service", "INTERNAL", "sync order");
        assertTrue(!syncs.isEmpty(), "order-queue-service synced the order in its trace:\n  " + shown);
        Set<String> syncIds = new TreeSet<>();
        for (OtlpReceiver.Span attempt : syncs) {
            assertEquals(orderId, attempt.attributes().get("erplink.order_id"), shown);
            syncIds.add(attempt.spanId());
        }
        List<OtlpReceiver.Span> creates = all(trace, "order-queue-service", "CLIENT", "ERP CalculateOrder.CreateOrder");
        for (OtlpReceiver.Span attempt : creates) {
            assertTrue(
                    syncIds.contains(attempt.parentSpanId()),
                    "each ERP create is part of one of the order's syncs:\n  " + shown);
            assertTrue(
                    List.of("ok", "503").contains(attempt.attributes().get("erplink.erp.outcome")),
                    "a create either succeeded or met the outage:\n  " + shown);
        }
        List<OtlpReceiver.Span> created = creates.stream()
                .filter(c -> "ok".equals(c.attributes().get("erplink.erp.outcome")))
                .toList();
        assertEquals(1, created.size(), "the ERP created the order once:\n  " + shown);
        OtlpReceiver.Span sync = syncs.stream()
                .filter(a -> a.spanId().equals(created.get(0).parentSpanId()))
                .findFirst()
                .orElseThrow();
        OtlpReceiver.Span synced = only(trace, "order-queue-service", "PRODUCER", "orders.synced");
        assertEquals(sync.spanId(), synced.parentSpanId(), "the successful sync published orders.synced:\n  " + shown);
        OtlpReceiver.Span back = only(trace, "live-service", "CONSUMER", "orders.synced");
        assertEquals(synced.spanId(), back.parentSpanId(), "live-service consumed the synced record in its trace");
        // every span but the POST hangs off another span of this trace: one tree, no broken link
        Set<String> ids = trace.stream().map(OtlpReceiver.Span::spanId).collect(Collectors.toSet());
        List<String> orphans = trace.stream()
                .filter(s -> s != post && !ids.contains(s.parentSpanId()))
                .map(OtlpReceiver.Span::toString)
                .toList();
        assertEquals(List.of(), orphans, "spans whose parent is not in the trace:\n  " + shown);
        assertTrue(
                ancestors(trace, consumed).contains(queued.spanId()),
                "the queue's consume descends from the outbox relay's publish:\n  " + shown);
    }

    @Test
    void eachPageOfARunIsOneTraceFromBatchServicesFetchIntoMappingService() throws Exception {
        Suite suite = SuiteExtension.suite();
        UUID run = ImportRun.start(suite, ImportRun.name("trace"), Duration.ZERO);
        ImportRun.assertCompletedExactly(suite, run, Duration.ofSeconds(180));

        OtlpReceiver traces = suite.traces();
        Predicate<OtlpReceiver.Span> pageOfRun = s -> s.service().equals("batch-service")
                && s.name().equals("batch page")
                && run.toString().equals(s.attributes().get("erplink.run_id"));
        List<OtlpReceiver.Span> pages =
                awaitSpans(() -> traces.spans(pageOfRun), found -> found.size() >= ImportRun.PAGES);
        Map<String, String> pageTraces = new TreeMap<>();
        pages.forEach(page -> pageTraces.put(page.attributes().get("erplink.page"), page.traceId()));
        assertEquals(ImportRun.PAGES, pages.size(), "one page span per page: " + pageTraces);
        assertEquals(ImportRun.PAGES, new TreeSet<>(pageTraces.values()).size(), "a trace per page: " + pageTraces);

        for (OtlpReceiver.Span page : pages) {
            List<OtlpReceiver.Span> trace = awaitSpans(
                    () -> traces.trace(page.traceId()),
                    spans -> spans.stream().anyMatch(s -> s.service().equals("mapping-service")));
            String shown = OtlpReceiver.describe(trace);
            assertEquals("", page.parentSpanId(), "a page starts its own trace:\n  " + shown);
            OtlpReceiver.Span call = only(trace, "batch-service", "CLIENT", "ERP ");
            assertEquals(page.spanId(), call.parentSpanId(), shown);
            assertEquals(
                    page.attributes().get("erplink.page"), call.attributes().get("erplink.page"), shown);
            List<OtlpReceiver.Span> published = trace.stream()
                    .filter(s -> s.service().equals("batch-service")
                            && s.kind().equals("PRODUCER")
                            && s.name().startsWith("batch.records"))
                    .toList();
            assertTrue(!published.isEmpty(), "the page's chunks were published in its trace:\n  " + shown);
            Set<String> publishedIds =
                    published.stream().map(OtlpReceiver.Span::spanId).collect(Collectors.toSet());
            List<OtlpReceiver.Span> consumed = trace.stream()
                    .filter(s ->
                            s.service().equals("mapping-service") && s.kind().equals("CONSUMER"))
                    .toList();
            assertTrue(
                    !consumed.isEmpty() && consumed.stream().allMatch(s -> publishedIds.contains(s.parentSpanId())),
                    "mapping-service consumed the page's chunks as children of their publish:\n  " + shown);
        }
    }

    private static List<OtlpReceiver.Span> all(
            List<OtlpReceiver.Span> trace, String service, String kind, String name) {
        return trace.stream()
                .filter(s -> s.service().equals(service)
                        && s.kind().equals(kind)
                        && s.name().startsWith(name))
                .toList();
    }

    private static OtlpReceiver.Span only(List<OtlpReceiver.Span> trace, String service, String kind, String name) {
        List<OtlpReceiver.Span> matching = all(trace, service, kind, name);
        assertEquals(
                1,
                matching.size(),
                service + " " + kind + " spans named " + name + "* in the trace:\n  " + OtlpReceiver.describe(trace));
        return matching.get(0);
    }

    private static Set<String> ancestors(List<OtlpReceiver.Span> trace, OtlpReceiver.Span span) {
        Map<String, OtlpReceiver.Span> byId =
                trace.stream().collect(Collectors.toMap(OtlpReceiver.Span::spanId, s -> s, (a, b) -> a));
        Set<String> up = new TreeSet<>();
        for (OtlpReceiver.Span at = byId.get(span.parentSpanId()); at != null; at = byId.get(at.parentSpanId())) {
            if (!up.add(at.spanId())) {
                break;
            }
        }
        return up;
    }

    /** The spans once {@code done} holds (exporters batch: a span arrives up to a few seconds after it ends). */
    private static List<OtlpReceiver.Span> awaitSpans(
            Supplier<List<OtlpReceiver.Span>> spans, Predicate<List<OtlpReceiver.Span>> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + EXPORTED.toNanos();
        List<OtlpReceiver.Span> found = spans.get();
        while (!done.test(found) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            found = spans.get();
        }
        // a moment more for the spans of the same trace still in the exporters' batches
        Thread.sleep(1000);
        return spans.get();
    }
}
