package io.erplink.batch.runs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import io.erplink.batch.RecordsTap;
import io.erplink.protocol.events.RecordChunk;
import io.erplink.protocol.events.RunResult;
import io.erplink.protocol.events.SkippedRows;
import io.erplink.protocol.events.SourceTableCounts;
import io.erplink.protocol.events.TargetTableCounts;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.testsupport.OperatorJwtTestResource.asAdmin;
import static io.erplink.testsupport.OperatorJwtTestResource.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Paged imports against the real erp-simulator (1000 products, 150 per page = 7 pages; each product
 * is one EcomProducts row and two EcomProductCategoryFieldValue rows) and the real Kafka broker.
 * mapping-service is a separate application: its RunResult is produced here by hand; the end-to-end
 * test through mapping-service into the commerce DB lives outside this module.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(
        value = ErpSimulatorTestResource.class,
        restrictToAnnotatedClass = true,
        initArgs = {
            @ResourceArg(name = "erplink.simulator.products", value = "1000"),
            @ResourceArg(name = "erplink.simulator.page-size", value = "150")
        })
@QuarkusTestResource(value = OperatorJwtTestResource.class, restrictToAnnotatedClass = true)
class PagedImportTest {
    static final int PRODUCTS = 1000;
    static final int PAGES = 7;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterEach
    void clearFaults() throws Exception {
        HTTP.send(
                HttpRequest.newBuilder(URI.create(ErpSimulatorTestResource.adminUrl() + "/admin/faults"))
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    static void activity(String name, boolean archive) {
        Map<String, Object> body = Runs.productsImport(name);
        body.put("archiveResponses", archive);
        Runs.createActivity(body);
    }

    /** Creates the activity, runs it now and waits until its pages are all fetched and it is sealed. */
    static SealedRun importSealed(String activity, boolean archive) {
        activity(activity, archive);
        UUID run = Runs.runNow(activity);
        return new SealedRun(run, Runs.awaitSealed(run, Duration.ofSeconds(90)));
    }

    record SealedRun(UUID id, JsonPath view) {}

    @Test
    void aPagedImportReadsEveryPageAndPublishesEveryRowOnceInSequencedChunks() throws Exception {
        SealedRun run = importSealed("products-paged", false);

        assertEquals(PAGES, run.view().getInt("progress.pagesFetched"));
        assertEquals(3 * PRODUCTS, run.view().getLong("progress.rowsRead"));
        assertEquals(PRODUCTS, run.view().getLong("progress.totalCount"));
        assertEquals(100.0, run.view().getDouble("progress.percent"));
        assertNotNull(run.view().getString("progress.batchId"));

        RecordsTap.Published published = RecordsTap.read(run.id(), Duration.ofSeconds(30));
        assertNotNull(published.sealed(), "RunSealed on batch.records");
        assertSequencedOnce(published, 3L * PRODUCTS);
        assertEquals(
                PRODUCTS,
                published.chunks().stream()
                        .flatMap(c -> c.rows().stream())
                        .filter(r -> r.table().equals("EcomProducts"))
                        .map(r -> r.columns().get("ProductId"))
                        .distinct()
                        .count());
        assertTrue(published.sealed().fullImport(), "first run of a delta activity carries the full source");
        assertEquals("ifv2-import-products", published.sealed().job());
        RecordsTap.Placed placed = RecordsTap.readPlaced(run.id(), Duration.ofSeconds(30));
        assertEquals(
                Set.of(placed.sealedPartition()),
                placed.chunks().stream().map(RecordsTap.PlacedChunk::partition).collect(Collectors.toSet()),
                "by default every chunk is on the run's partition, with its RunSealed");
        assertTrue(placed.chunks().stream().noneMatch(RecordsTap.PlacedChunk::spread), "no chunk marked spread");
    }

    @Test
    void eachCommittedPageRecordsWhereItsChunksStartAndItsArchivedResponse() {
        SealedRun run = importSealed("products-pages", true);

        List<Map<String, Object>> pages = asOperator()
                .get("/api/v1/runs/" + run.id() + "/pages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("");
        assertEquals(PAGES, pages.size());
        // each page's sequences start where the previous page's ended, and cover every chunk
        long expectedFrom = 0;
        for (Map<String, Object> page : pages) {
            assertEquals(expectedFrom, ((Number) page.get("sequenceFrom")).longValue());
            expectedFrom += ((Number) page.get("chunkCount")).longValue();
            assertNotNull(page.get("archivePath"), "archived raw response");
        }
        assertEquals(run.view().getLong("progress.chunksPublished"), expectedFrom);
    }

    @Test
    void aSealedRunCompletesWhenMappingServiceReportsTheMerge() throws Exception {
        SealedRun run = importSealed("products-merged", false);
        assertEquals("STARTED", run.view().getString("status"), "sealed, not yet merged");

        sendRunResult(run.id(), "MERGED", 3L * PRODUCTS);

        JsonPath done =
                Runs.await(run.id(), Duration.ofSeconds(30), json -> "COMPLETED".equals(json.getString("status")));
        assertEquals(3L * PRODUCTS, done.getLong("progress.rowsWritten"));
        assertNotNull(asOperator()
                .get("/api/v1/activities/products-merged")
                .then()
                .extract()
                .path("lastSuccessfulRunAt"));
    }

    @Test
    void aVersionThreeRunResultCountsEachRowReadOnceAndEachDestinationTableApart() throws Exception {
        SealedRun run = importSealed("products-accounted", false);
        long read = 3L * PRODUCTS;
        List<SourceTableCounts> sources = List.of(
                new SourceTableCounts("Products", PRODUCTS, PRODUCTS - 3, 2, 1),
                new SourceTableCounts("ProductCategoryFieldValues", 2L * PRODUCTS, 2L * PRODUCTS, 0, 0));
        // one product row goes to two tables: more destination rows than rows read
        List<TargetTableCounts> targets = List.of(
                new TargetTableCounts("EcomProducts", PRODUCTS - 3, 10, 20, PRODUCTS - 33, 0, 1, 0),
                new TargetTableCounts("EcomGroupProductRelation", PRODUCTS - 3, PRODUCTS - 4, 0, 0, 1, 0, 0),
                new TargetTableCounts("EcomProductCategoryFieldValue", 2L * PRODUCTS, 0, 0, 2L * PRODUCTS, 0, 0, 0));
        RunResult result = new RunResult(
                UUID.randomUUID().toString(),
                RunResult.VERSION,
                run.id().toString(),
                RunResult.Status.MERGED,
                read,
                PRODUCTS + 6,
                20,
                2,
                1,
                0,
                null,
                List.of(),
                3L * PRODUCTS - 33,
                null,
                List.of(new SkippedRows(
                        "Products", 2, "table mapping products: conditional", List.of("page 1, row 7"))),
                read - 3,
                sources,
                targets);
        sendRunResult(run.id(), new ObjectMapper().writeValueAsString(result));

        JsonPath done =
                Runs.await(run.id(), Duration.ofSeconds(30), json -> "COMPLETED".equals(json.getString("status")));
        assertEquals(
                Map.of("read", read, "written", read - 3, "skipped", 2L, "failed", 1L, "inserted", PRODUCTS + 6L),
                Map.of(
                        "read", done.getLong("progress.rowsRead"),
                        "written", done.getLong("progress.rowsWritten"),
                        "skipped", done.getLong("progress.rowsSkipped"),
                        "failed", done.getLong("progress.rowsFailed"),
                        "inserted", done.getLong("progress.rowsInserted")),
                "rowsRead = rowsWritten + rowsSkipped + rowsFailed");
        assertEquals(
                List.of(
                        Map.of(
                                "table",
                                "Products",
                                "read",
                                PRODUCTS,
                                "written",
                                PRODUCTS - 3,
                                "skipped",
                                2,
                                "failed",
                                1),
                        Map.of(
                                "table",
                                "ProductCategoryFieldValues",
                                "read",
                                2 * PRODUCTS,
                                "written",
                                2 * PRODUCTS,
                                "skipped",
                                0,
                                "failed",
                                0)),
                done.getList("sources"));
        assertEquals(3, done.getList("targets").size());
        assertEquals(PRODUCTS - 3, done.getInt("targets[1].received"));
        assertEquals(1, done.getInt("targets[1].skipped"));
        assertEquals(
                "merged: read 3000 = 2997 written + 2 skipped + 1 failed; from Products: read 1000 = 997 written"
                        + " + 2 skipped + 1 failed; from ProductCategoryFieldValues: read 2000 = 2000 written + 0 skipped"
                        + " + 0 failed; into EcomProducts: 997 received = 10 inserted + 20 updated + 967 unchanged + 0"
                        + " skipped, 1 failed, 0 removed; into EcomGroupProductRelation: 997 received = 996 inserted + 0"
                        + " updated + 0 unchanged + 1 skipped, 0 failed, 0 removed; into EcomProductCategoryFieldValue:"
                        + " 2000 received = 0 inserted"
                        + " + 0 updated + 2000 unchanged + 0 skipped, 0 failed, 0 removed; 2 skipped: table mapping"
                        + " products: conditional",
                done.getString("exitMessage"));
    }

    @Test
    void replayingARunPublishesItsArchivedPagesAgainWithoutTheErp() throws Exception {
        SealedRun run = importSealed("products-replayed", true);
        faults("{\"outage\":true}");

        String replayId = asAdmin()
                .post("/api/v1/runs/" + run.id() + "/replay")
                .then()
                .statusCode(202)
                .extract()
                .path("runId");

        UUID replay = UUID.fromString(replayId);
        JsonPath replayed = Runs.awaitSealed(replay, Duration.ofSeconds(60));
        assertEquals(3L * PRODUCTS, replayed.getLong("progress.rowsRead"));
        assertEquals(List.of(), replayed.getList("errors"), "the ERP's outage never reached the replay");
        assertSequencedOnce(RecordsTap.read(replay, Duration.ofSeconds(30)), 3L * PRODUCTS);
    }

    @Test
    void runWaitsThroughAnErpOutageAndCompletes() throws Exception {
        activity("products-outage", false);
        faults("{\"outage\":true}");
        UUID run = Runs.runNow("products-outage");
        // still STARTED after retrying for a while: it waits for the ERP rather than failing
        JsonPath waiting = Runs.await(
                run,
                Duration.ofSeconds(30),
                json -> json.getString("waitingSince") != null
                        && Duration.between(
                                                Instant.parse(json.getString("waitingSince")),
                                                Instant.parse(json.getString("lastUpdated")))
                                        .compareTo(Duration.ofSeconds(1))
                                >= 0);
        assertEquals("STARTED", waiting.getString("status"));
        assertTrue(waiting.getString("exitMessage").contains("waiting for the ERP"), waiting.getString("exitMessage"));
        clearFaults();
        JsonPath sealed = Runs.awaitSealed(run, Duration.ofSeconds(90));
        assertEquals(3L * PRODUCTS, sealed.getLong("progress.rowsRead"));
        assertTrue(sealed.getList("errors.message", String.class).stream()
                .anyMatch(m -> m.contains("waiting for the ERP")));
        assertSequencedOnce(RecordsTap.read(run, Duration.ofSeconds(30)), 3L * PRODUCTS);
    }

    @Test
    void workerLosingItsLeaseMidRunIsReplacedAndTheRunResumesWithExactCounts() throws Exception {
        activity("products-crash", false);
        faults("{\"latencyMs\":400}");
        UUID run = Runs.runNow("products-crash");
        Runs.await(run, Duration.ofSeconds(60), json -> json.getInt("progress.lastCommittedPage") >= 2);
        // the worker "dies": its lease is gone as if it had expired without heartbeats (kill -9)
        int committedBefore = (int) Runs.scalar("select last_committed_page from run where id = ?", run);
        assertEquals(
                1,
                Runs.execute(
                        "update run set lease_owner = 'dead-worker/1#x', lease_until = now() - interval '1 second'"
                                + " where id = ? and status = 'STARTED'",
                        run));
        clearFaults();
        JsonPath sealed = Runs.awaitSealed(run, Duration.ofSeconds(90));

        assertEquals(2, sealed.getInt("attempt"));
        assertEquals(PAGES, sealed.getInt("progress.pagesFetched"), "every page committed exactly once");
        assertEquals(3L * PRODUCTS, sealed.getLong("progress.rowsRead"));
        assertTrue(
                sealed.getList("errors.message", String.class).stream()
                        .anyMatch(m -> m.contains("dead-worker") && m.contains("resumed from page")),
                "lease takeover recorded");
        assertTrue(committedBefore >= 2);
        RecordsTap.Published published = RecordsTap.read(run, Duration.ofSeconds(30));
        assertSequencedOnce(published, 3L * PRODUCTS);
        assertEquals(3L * PRODUCTS, published.sealed().rowCount());
    }

    /**
     * Chunks deduplicated by sequence (as mapping-service does) cover 0..chunkCount-1 without a gap,
     * a re-sent sequence carries exactly the same rows, and the rows add up to {@code rows}.
     */
    static void assertSequencedOnce(RecordsTap.Published published, long rows) {
        assertNotNull(published.sealed(), "RunSealed");
        Map<Long, RecordChunk> bySequence = new HashMap<>();
        for (RecordChunk chunk : published.chunks()) {
            RecordChunk earlier = bySequence.putIfAbsent(chunk.sequence(), chunk);
            if (earlier != null) {
                assertEquals(earlier.rows(), chunk.rows(), "re-sent chunk " + chunk.sequence() + " has the same rows");
                assertEquals(earlier.eventId(), chunk.eventId());
            }
        }
        long count = published.sealed().chunkCount();
        assertEquals(count, bySequence.size(), "distinct sequences");
        Set<Long> expected = new HashSet<>();
        for (long s = 0; s < count; s++) {
            expected.add(s);
        }
        assertEquals(expected, bySequence.keySet());
        assertEquals(
                rows,
                bySequence.values().stream().mapToLong(c -> c.rows().size()).sum());
        assertEquals(rows, published.sealed().rowCount());
    }

    static void sendRunResult(UUID run, String status, long rows) throws Exception {
        String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"version\":1,\"runId\":\"" + run + "\",\"status\":\""
                + status + "\",\"read\":" + rows + ",\"inserted\":" + rows
                + ",\"updated\":0,\"skipped\":0,\"failed\":0,"
                + "\"removed\":0,\"message\":null,\"errors\":[]}";
        sendRunResult(run, json);
    }

    static void sendRunResult(UUID run, String json) throws Exception {
        try (KafkaProducer<String, String> producer = PostgresKafkaTestResource.stringProducer()) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.BATCH_RESULTS, run.toString(), json);
            record.headers().add("erplink-type", "RunResult".getBytes());
            producer.send(record).get();
        }
    }

    static void faults(String json) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(ErpSimulatorTestResource.adminUrl() + "/admin/faults"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
