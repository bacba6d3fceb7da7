package io.erplink.mapping.execution;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.erplink.mapping.jobs.JobCodec;
import io.erplink.mapping.jobs.JobRegistry;
import io.erplink.protocol.events.RecordChunk;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.mapping.execution.Events.chunk;
import static io.erplink.mapping.execution.Events.query;
import static io.erplink.mapping.execution.Events.row;
import static io.erplink.mapping.execution.Events.sealed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs end to end on real Kafka and PostgreSQL: chunks produced to batch.records are mapped, staged
 * and merged into the commerce tables; results are read from batch.results and catalog.changed.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
class RunExecutionTest {
    private static Events events;

    @Inject
    JobRegistry registry;

    @Inject
    MeterRegistry meters;

    @BeforeAll
    static void connect() {
        events = new Events();
    }

    @AfterAll
    static void disconnect() {
        events.close();
    }

    @BeforeEach
    void emptyTables() throws Exception {
        Events.execute("delete from commerce.EcomProducts");
    }

    /** A products job with explicit columns and the given options (YAML flow map body). */
    private String productsJob(String options) {
        String name = "test-products-" + UUID.randomUUID().toString().substring(0, 8);
        registry.save(JobCodec.read("""
                name: %s
                tableMappings:
                - sourceTable: Products
                  destinationTable: EcomProducts
                  columns:
                  - {source: Id, destination: ProductId}
                  - {source: Lang, destination: ProductLanguageId}
                  - {source: Name, destination: ProductName}
                  - {source: Price, destination: ProductPrice}
                  - {source: Active, destination: ProductActive}
                  options: {%s}
                """.formatted(name, options)));
        return name;
    }

    private static RecordChunk.Row product(long row, String id, String name, String price) {
        return row("Products", row, "Id", id, "Lang", "en", "Name", name, "Price", price, "Active", "true");
    }

    private static List<String> products() throws Exception {
        List<String> rows = new ArrayList<>();
        for (Map<String, String> row : query(
                "select ProductId, ProductLanguageId, ProductVariantId, ProductName,"
                        + " trim_scale(ProductPrice)::text as price, ProductActive from commerce.EcomProducts order by ProductId")) {
            rows.add(String.join("|", row.values().stream().map(String::valueOf).toList()));
        }
        return rows;
    }

    private static long number(Map<String, Object> event, String field) {
        return ((Number) event.get(field)).longValue();
    }

    /** The RunResult's counts of its i-th destination table. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> target(Map<String, Object> result, int i) {
        return ((List<Map<String, Object>>) result.get("targets")).get(i);
    }

    private String newRun() {
        return "run-" + UUID.randomUUID();
    }

    /** Sends rows as chunks of the given size, then RunSealed; returns the RunResult. */
    private Map<String, Object> run(
            String runId, String job, boolean fullImport, List<RecordChunk.Row> rows, int chunkSize) throws Exception {
        long chunks = 0;
        for (int from = 0; from < rows.size(); from += chunkSize) {
            events.send(
                    runId, chunk(runId, job, chunks++, rows.subList(from, Math.min(rows.size(), from + chunkSize))));
        }
        events.send(runId, sealed(runId, job, chunks, rows.size(), fullImport));
        return events.runResult(runId);
    }

    @Test
    void chunksAreStagedAndMergedIntoExactlyTheMappedRows() throws Exception {
        String job = productsJob("");
        String runId = newRun();
        Map<String, Object> result = run(
                runId,
                job,
                false,
                List.of(
                        product(1, "P1", "Chair", "10.50"),
                        product(2, "P2", "Table", "99"),
                        product(3, "P3", "Lamp", "5.25")),
                2);

        assertEquals("MERGED", result.get("status"), String.valueOf(result));
        assertEquals(3, number(result, "read"));
        assertEquals(3, number(result, "inserted"));
        assertEquals(0, number(result, "updated"));
        assertEquals(List.of("P1|en||Chair|10.5|t", "P2|en||Table|99|t", "P3|en||Lamp|5.25|t"), products());

        List<Map<String, Object>> chunkResults = events.all(Topics.BATCH_RESULTS, runId).stream()
                .filter(e -> e.containsKey("sequence"))
                .toList();
        assertEquals(2, chunkResults.size());
        assertEquals(
                List.of(2L, 1L),
                chunkResults.stream()
                        .map(e -> number(e, "staged"))
                        .sorted((a, b) -> Long.compare(b, a))
                        .toList());

        Map<String, Object> changed =
                events.await(Topics.CATALOG_CHANGED, e -> runId.equals(e.get("runId")), Duration.ofSeconds(30));
        assertEquals("EcomProducts", changed.get("table"));
        assertEquals(List.of("P1", "P2", "P3"), changed.get("productIds"));
        assertEquals(false, changed.get("allProducts"));
        assertTrue(
                query("select tablename from pg_tables where schemaname = 'mapping' and tablename like 'stage\\_%'")
                        .isEmpty(),
                "staging tables are dropped after the merge");
    }

    private double eagerMerges(String outcome) {
        Counter counter =
                meters.find(EagerMerges.METRIC).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void firstImportIsMergedAsItsChunksArriveAndStaysInvisibleUntilSealed() throws Exception {
        String job = productsJob("");
        String runId = newRun();
        double committed = eagerMerges("committed");
        events.send(
                runId,
                chunk(runId, job, 0, List.of(product(1, "P1", "Chair", "10.50"), product(2, "P2", "Table", "99"))));
        events.send(runId, chunk(runId, job, 1, List.of(product(1, "P3", "Lamp", "5.25"))));
        for (long sequence = 0; sequence < 2; sequence++) {
            long s = sequence;
            events.await(
                    Topics.BATCH_RESULTS,
                    e -> runId.equals(e.get("runId"))
                            && e.containsKey("sequence")
                            && ((Number) e.get("sequence")).longValue() == s,
                    Duration.ofSeconds(30));
        }
        assertTrue(products().isEmpty(), "nothing of an unsealed run is visible");
        // The eager merge holds the table against other writers until the run is merged.
        try (Connection db = PostgresKafkaTestResource.openConnection();
                Statement statement = db.createStatement()) {
            statement.execute("set lock_timeout = '200ms'");
            SQLException refused = assertThrows(
                    SQLException.class,
                    () -> statement.execute(
                            "insert into commerce.EcomProducts (ProductId, ProductLanguageId, ProductVariantId) values ('X', 'en', '')"));
            assertEquals("55P03", refused.getSQLState(), refused.getMessage());
        }

        events.send(runId, sealed(runId, job, 2, 3, false));
        Map<String, Object> result = events.runResult(runId);
        assertEquals("MERGED", result.get("status"), String.valueOf(result));
        assertEquals(3, number(result, "inserted"));
        assertEquals(List.of("P1|en||Chair|10.5|t", "P2|en||Table|99|t", "P3|en||Lamp|5.25|t"), products());
        assertEquals(committed + 1, eagerMerges("committed"), "the run was merged as its chunks arrived");
        Map<String, Object> changed =
                events.await(Topics.CATALOG_CHANGED, e -> runId.equals(e.get("runId")), Duration.ofSeconds(30));
        assertEquals(List.of("P1", "P2", "P3"), changed.get("productIds"));
    }

    @Test
    void firstImportWithARepeatedKeyIsMergedFromStagingAtTheEnd() throws Exception {
        String job = productsJob("");
        double fellBack = eagerMerges("fell-back");
        Map<String, Object> result = run(
                newRun(),
                job,
                false,
                List.of(product(1, "P1", "first", "1"), product(2, "P2", "only", "2"), product(1, "P1", "second", "3")),
                2);
        assertEquals("MERGED", result.get("status"), String.valueOf(result));
        assertEquals(
                List.of("P1|en||second|3|t", "P2|en||only|2|t"),
                products(),
                "the usual merge keeps the last row of a key");
        assertEquals(2, number(result, "inserted"));
        assertEquals(0, number(result, "skipped"), "every row read was written");
        assertEquals(1, number(target(result, 0), "skipped"), "the repeated key is the table's skipped duplicate");
        assertEquals(fellBack + 1, eagerMerges("fell-back"));
    }

    /** No eager merge holds the products table against writers (a writer's lock comes within the timeout). */
    private static void assertTableFreeForWriters(String lockTimeout) throws Exception {
        try (Connection db = PostgresKafkaTestResource.openConnection();
                Statement statement = db.createStatement()) {
            db.setAutoCommit(false);
            statement.execute("set local lock_timeout = '" + lockTimeout + "'");
            statement.execute("lock table commerce.EcomProducts in share row exclusive mode");
            db.rollback();
        }
    }

    @Test
    void firstImportHeldUpLongerThanTheIdleTimeoutIsMergedFromStagingAndReleasesTheTable() throws Exception {
        String job = productsJob("");
        String runId = newRun();
        double fellBack = eagerMerges("fell-back");
        events.send(runId, chunk(runId, job, 0, List.of(product(1, "P1", "Chair", "10"))));
        events.await(
                Topics.BATCH_RESULTS,
                e -> runId.equals(e.get("runId")) && e.containsKey("sequence"),
                Duration.ofSeconds(30));
        // Longer than the test profile's idle timeout (3 s): PostgreSQL ends the eager merge's transaction.
        Thread.sleep(5_000);
        assertTableFreeForWriters("2s");
        events.send(runId, chunk(runId, job, 1, List.of(product(1, "P2", "Table", "20"))));
        events.send(runId, sealed(runId, job, 2, 2, false));
        Map<String, Object> result = events.runResult(runId);
        assertEquals("MERGED", result.get("status"), String.valueOf(result));
        assertEquals(2, number(result, "inserted"));
        assertEquals(List.of("P1|en||Chair|10|t", "P2|en||Table|20|t"), products());
        assertEquals(fellBack + 1, eagerMerges("fell-back"));
    }

    @Test
    void firstImportWhoseChunksComeOutOfOrderReleasesTheTableAtOnceAndIsMergedFromStaging() throws Exception {
        String job = productsJob("");
        String runId = newRun();
        double fellBack = eagerMerges("fell-back");
        double committed = eagerMerges("committed");
        events.send(runId, chunk(runId, job, 0, List.of(product(1, "P1", "Chair", "10"))));
        events.send(runId, chunk(runId, job, 2, List.of(product(1, "P3", "Lamp", "30"))));
        for (long sequence : List.of(0L, 2L)) {
            events.await(
                    Topics.BATCH_RESULTS,
                    e -> runId.equals(e.get("runId"))
                            && e.containsKey("sequence")
                            && ((Number) e.get("sequence")).longValue() == sequence,
                    Duration.ofSeconds(30));
        }
        // Chunk 2 before chunk 1: the eager merge is rolled back now, well before its idle timeout (3 s here).
        assertTableFreeForWriters("1s");
        events.send(runId, chunk(runId, job, 1, List.of(product(1, "P2", "Table", "20"))));
        events.send(runId, sealed(runId, job, 3, 3, false));
        Map<String, Object> result = events.runResult(runId);
        assertEquals("MERGED", result.get("status"), String.valueOf(result));
        assertEquals(3, number(result, "inserted"));
        assertEquals(List.of("P1|en||Chair|10|t", "P2|en||Table|20|t", "P3|en||Lamp|30|t"), products());
        assertEquals(fellBack + 1, eagerMerges("fell-back"));
        assertEquals(committed, eagerMerges("committed"));
    }

    @Test
    void aMergeRedoneAfterItsEagerMergeCommittedReportsTheRowsAsInserted() throws Exception {
        String job = productsJob("");
        String runId = newRun();
        events.send(
                runId, chunk(runId, job, 0, List.of(product(1, "P1", "Chair", "10"), product(2, "P2", "Table", "20"))));
        events.await(
                Topics.BATCH_RESULTS,
                e -> runId.equals(e.get("runId")) && e.containsKey("sequence"),
                Duration.ofSeconds(30));
        // As if the eager merge had committed (rows and outcome in one transaction) and the process had died
        // before the merge's own transaction: this replica's eager merge is gone, the rows are in.
        Events.execute(
                "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'mapping-service eager merge'");
        Events.execute(
                "insert into commerce.EcomProducts (ProductId, ProductLanguageId, ProductVariantId, ProductName, ProductPrice,"
                        + " ProductActive) values ('P1', 'en', '', 'Chair', 10, true), ('P2', 'en', '', 'Table', 20, true)");
        Events.execute(
                "insert into mapping.run_eager_outcome (run_id, outcome) values ('" + runId + "', '{\"inserted\": 2,"
                        + " \"updated\": 0, \"unchanged\": 0, \"skipped\": 0, \"removed\": 0, \"tables\": [{\"table\": \"ecomproducts\","
                        + " \"inserted\": 2, \"productIds\": [\"P1\", \"P2\"], \"productTable\": true}]}')");

        events.send(runId, sealed(runId, job, 1, 2, false));
        Map<String, Object> result = events.runResult(runId);
        assertEquals("MERGED", result.get("status"), String.valueOf(result));
        assertEquals(
                2, number(result, "inserted"), "the recorded outcome, not 'unchanged' from merging again: " + result);
        assertEquals(List.of("P1|en||Chair|10|t", "P2|en||Table|20|t"), products());
        assertTrue(
                query("select 1 from mapping.run_eager_outcome where run_id = '" + runId + "'")
                        .isEmpty(),
                "the record goes once the run is MERGED");
    }

    @Test
    void jsonChunksOfVersionOneFromAnOlderBatchServiceMergeNextToBinaryOnes() throws Exception {
        String job = productsJob("");
        String runId = newRun();
        RecordChunk binary = chunk(runId, job, 0, List.of(product(1, "P1", "Chair", "10.50")));
        RecordChunk json = chunk(runId, job, 1, List.of(product(2, "P2", "Table", "99")));
        events.send(runId, binary);
        events.send(
                runId,
                new RecordChunk(json.eventId(), RecordChunk.JSON_VERSION, runId, job, 1, json.page(), json.rows()));
        events.send(runId, sealed(runId, job, 2, 2, false));
        Map<String, Object> result = events.runResult(runId);

        assertEquals("MERGED", result.get("status"), String.valueOf(result));
        assertEquals(2, number(result, "inserted"));
        assertEquals(List.of("P1|en||Chair|10.5|t", "P2|en||Table|99|t"), products());
    }

    @Test
    void redeliveredChunksChangeNothingAndSealBeforeLastChunkWaitsForIt() throws Exception {
        String job = productsJob("");
        String runId = newRun();
        RecordChunk first =
                chunk(runId, job, 0, List.of(product(1, "P1", "Chair", "10"), product(2, "P2", "Table", "20")));
        events.send(runId, first);
        events.send(runId, sealed(runId, job, 2, 3, false));
        events.send(runId, first); // same event again
        events.send(
                runId, chunk(runId, job, 0, List.of(product(1, "P1", "Other", "1"), product(2, "P9", "Other", "2"))));
        events.send(runId, chunk(runId, job, 1, List.of(product(1, "P3", "Lamp", "30"))));

        Map<String, Object> result = events.runResult(runId);
        assertEquals("MERGED", result.get("status"), String.valueOf(result));
        assertEquals(3, number(result, "read"));
        assertEquals(3, number(result, "inserted"));
        assertEquals(List.of("P1|en||Chair|10|t", "P2|en||Table|20|t", "P3|en||Lamp|30|t"), products());
        assertEquals(
                2,
                events.all(Topics.BATCH_RESULTS, runId).stream()
                        .filter(e -> e.containsKey("sequence"))
                        .count(),
                "one ChunkResult per chunk, none for redeliveries");
    }

    @Test
    void duplicateKeysKeepTheLastRowOrWithDiscardDuplicatesTheFirst() throws Exception {
        List<RecordChunk.Row> rows = List.of(
                product(1, "P1", "first", "1"),
                product(2, "P2", "only", "2"),
                product(1, "P1", "second", "3"),
                product(2, "P1", "third", "4"));
        Map<String, Object> last = run(newRun(), productsJob(""), false, rows, 3);
        assertEquals(List.of("P1|en||third|4|t", "P2|en||only|2|t"), products());
        assertEquals(2, number(last, "inserted"));
        assertEquals(4, number(last, "written"), "every row read went to the table");
        assertEquals(0, number(last, "skipped"));
        assertEquals(
                Map.of(
                        "table", "EcomProducts",
                        "received", 4,
                        "inserted", 2,
                        "updated", 0,
                        "unchanged", 0,
                        "skipped", 2,
                        "failed", 0,
                        "removed", 0),
                target(last, 0),
                "superseded duplicates are skipped by the table's merge");

        Events.execute("delete from commerce.EcomProducts");
        Map<String, Object> first = run(newRun(), productsJob("discardDuplicates: true"), false, rows, 3);
        assertEquals(List.of("P1|en||first|1|t", "P2|en||only|2|t"), products());
        assertEquals(2, number(target(first, 0), "skipped"));
    }

    @Test
    void secondRunUpdatesChangedRowsInsertsNewOnesAndLeavesUnchangedOnes() throws Exception {
        String job = productsJob("");
        run(newRun(), job, false, List.of(product(1, "P1", "Chair", "10"), product(2, "P2", "Table", "20")), 10);
        Map<String, Object> second = run(
                newRun(),
                job,
                false,
                List.of(
                        product(1, "P1", "Chair", "10"),
                        product(2, "P2", "Big table", "25"),
                        product(3, "P3", "Lamp", "5")),
                10);
        assertEquals("MERGED", second.get("status"));
        assertEquals(1, number(second, "inserted"));
        assertEquals(1, number(second, "updated"), "the unchanged P1 is not rewritten");
        assertEquals(List.of("P1|en||Chair|10|t", "P2|en||Big table|25|t", "P3|en||Lamp|5|t"), products());
    }

    @Test
    void insertOnlyNewLeavesExistingRowsAndUpdateOnlyExistingInsertsNothing() throws Exception {
        run(newRun(), productsJob(""), false, List.of(product(1, "P1", "Chair", "10")), 10);

        Map<String, Object> insertOnly = run(
                newRun(),
                productsJob("insertOnlyNew: true"),
                false,
                List.of(product(1, "P1", "Changed", "11"), product(2, "P2", "Table", "20")),
                10);
        assertEquals(List.of("P1|en||Chair|10|t", "P2|en||Table|20|t"), products());
        assertEquals(1, number(insertOnly, "inserted"));
        assertEquals(0, number(insertOnly, "updated"));
        assertEquals(0, number(insertOnly, "skipped"), "both rows were written to the table");
        assertEquals(1, number(target(insertOnly, 0), "skipped"), "the table's merge left the existing key alone");

        Map<String, Object> updateOnly = run(
                newRun(),
                productsJob("updateOnlyExisting: true"),
                false,
                List.of(product(1, "P1", "Changed", "11"), product(3, "P3", "Lamp", "30")),
                10);
        assertEquals(List.of("P1|en||Changed|11|t", "P2|en||Table|20|t"), products());
        assertEquals(0, number(updateOnly, "inserted"));
        assertEquals(1, number(updateOnly, "updated"));
        assertEquals(1, number(target(updateOnly, 0), "skipped"));
    }

    @Test
    void removeMissingDeletesRowsNotInAFullImportOnlyAndAbortsOverTheThreshold() throws Exception {
        String job = productsJob("removeMissing: true, removalThreshold: 40");
        run(
                newRun(),
                job,
                false,
                List.of(
                        product(1, "P1", "a", "1"),
                        product(2, "P2", "b", "2"),
                        product(3, "P3", "c", "3"),
                        product(4, "P4", "d", "4"),
                        product(5, "P5", "e", "5")),
                10);

        Map<String, Object> partial = run(newRun(), job, false, List.of(product(1, "P1", "a", "1")), 10);
        assertEquals(0, number(partial, "removed"), "not a full import: nothing removed");
        assertEquals(5, products().size());

        String aborted = newRun();
        Map<String, Object> over =
                run(aborted, job, true, List.of(product(1, "P1", "a2", "1"), product(2, "P2", "b", "2")), 10);
        assertEquals("FAILED", over.get("status"));
        assertTrue(
                String.valueOf(over.get("message"))
                        .contains("EcomProducts would delete 3 of its 5 rows (60.0%), more than the safety"
                                + " threshold of 40%"),
                String.valueOf(over.get("message")));
        assertEquals(5, products().size(), "nothing merged");
        assertEquals(
                "a",
                query("select ProductName from commerce.EcomProducts where ProductId = 'P1'")
                        .get(0)
                        .get("productname"));

        String ok = newRun();
        Map<String, Object> removed = run(
                ok,
                job,
                true,
                List.of(
                        product(1, "P1", "a", "1"),
                        product(2, "P2", "b", "2"),
                        product(3, "P3", "c", "3"),
                        product(4, "P4", "d", "4")),
                2);
        assertEquals("MERGED", removed.get("status"), String.valueOf(removed));
        assertEquals(1, number(removed, "removed"));
        assertEquals(
                List.of("P1", "P2", "P3", "P4"),
                products().stream().map(p -> p.split("\\|")[0]).toList());
        Map<String, Object> changed =
                events.await(Topics.CATALOG_CHANGED, e -> ok.equals(e.get("runId")), Duration.ofSeconds(30));
        assertEquals(List.of("P5"), changed.get("productIds"));
    }

    @Test
    void fullImportThatMissesNothingRemovesNothing() throws Exception {
        String job = productsJob("removeMissing: true, removalThreshold: 40");
        Map<String, Object> first =
                run(newRun(), job, true, List.of(product(1, "P1", "a", "1"), product(2, "P2", "b", "2")), 10);
        assertEquals("MERGED", first.get("status"), String.valueOf(first));
        assertEquals(0, number(first, "removed"), "into an empty table");
        Map<String, Object> again =
                run(newRun(), job, true, List.of(product(1, "P1", "a", "1"), product(2, "P2", "b", "2")), 10);
        assertEquals(0, number(again, "removed"), "the same rows again");
        assertEquals(2, products().size());
    }

    @Test
    void deactivateMissingProductsInAFullImport() throws Exception {
        String job = productsJob("deactivateMissing: true, removalThreshold: 50");
        run(
                newRun(),
                job,
                false,
                List.of(product(1, "P1", "a", "1"), product(2, "P2", "b", "2"), product(3, "P3", "c", "3")),
                10);
        Map<String, Object> result =
                run(newRun(), job, true, List.of(product(1, "P1", "a", "1"), product(2, "P2", "b", "2")), 10);
        assertEquals("MERGED", result.get("status"), String.valueOf(result));
        assertEquals(1, number(result, "removed"));
        assertEquals(List.of("P1|en||a|1|t", "P2|en||b|2|t", "P3|en||c|3|f"), products());
    }

    @Test
    void failingRowsAreSkippedAndReportedWhileGoodRowsAreWritten() throws Exception {
        String runId = newRun();
        Map<String, Object> result = run(
                runId,
                productsJob(""),
                true,
                List.of(
                        product(1, "P1", "Chair", "10"),
                        product(2, "P2", "Table", "abc"),
                        product(3, "P3", "Lamp", "1e30")),
                10);
        assertEquals("MERGED", result.get("status"), String.valueOf(result));
        assertEquals(1, number(result, "inserted"));
        assertEquals(2, number(result, "failed"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) result.get("errors");
        assertEquals(2, errors.size());
        assertTrue(
                String.valueOf(errors.get(0).get("message")).contains("Price: 'abc' is not a number"),
                String.valueOf(errors));
        assertEquals(2L, ((Number) errors.get(0).get("row")).longValue());
        assertTrue(
                String.valueOf(errors.get(1).get("message")).contains("numeric field overflow"),
                String.valueOf(errors));
        assertEquals(List.of("P1|en||Chair|10|t"), products());
    }

    @Test
    void aFailingRowFailsTheRunWhenTheMappingDoesNotSkipFailingRows() throws Exception {
        Map<String, Object> result = run(
                newRun(),
                productsJob("skipFailingRows: false"),
                false,
                List.of(product(1, "P1", "Chair", "10"), product(2, "P2", "Table", "abc")),
                1);
        assertEquals("FAILED", result.get("status"));
        assertTrue(
                String.valueOf(result.get("message")).contains("does not skip failing rows"), String.valueOf(result));
        assertEquals(List.of(), products());
    }

    @Test
    void aRunWhoseStagingLostRowsFailsAndMergesNothing() throws Exception {
        // Not a first import (no eager merge): the merge reads staging.
        Events.execute("insert into commerce.EcomProducts (ProductId, ProductLanguageId, ProductVariantId, ProductName)"
                + " values ('P9', 'en', '', 'Kept')");
        String job = productsJob("");
        String runId = newRun();
        events.send(
                runId, chunk(runId, job, 0, List.of(product(1, "P1", "Chair", "10"), product(2, "P2", "Table", "20"))));
        events.send(runId, chunk(runId, job, 1, List.of(product(3, "P3", "Lamp", "5"))));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"2"
                .equals(query("select count(*) as n from mapping.run_chunk where run_id = '" + runId + "'")
                        .get(0)
                        .get("n"))) {
            assertTrue(System.nanoTime() < deadline, "both chunks staged");
            Thread.sleep(100);
        }
        // What crash recovery does to an unlogged staging table, behind the executor's back.
        String stage = query("select stage_table from mapping.run_stage_table where run_id = '" + runId + "'")
                .get(0)
                .get("stage_table");
        Events.execute("truncate mapping.\"" + stage + "\"");
        events.send(runId, sealed(runId, job, 2, 3, false));
        Map<String, Object> result = events.runResult(runId);

        assertEquals("FAILED", result.get("status"), String.valueOf(result));
        assertEquals(
                "staging lost 3 of 3 rows (PostgreSQL crash recovery empties unlogged tables); nothing was merged,"
                        + " re-run the import",
                result.get("message"));
        assertEquals(
                List.of(Map.of("productid", "P9", "productname", "Kept")),
                query("select ProductId, ProductName from commerce.EcomProducts"),
                "the commerce table is untouched");
    }

    @Test
    void autoMappedColumnsAbsentFromARowKeepTheirValue() throws Exception {
        String job = "test-auto-" + UUID.randomUUID().toString().substring(0, 8);
        registry.save(JobCodec.read("""
                name: %s
                tableMappings:
                - {sourceTable: EcomProducts, destinationTable: EcomProducts, autoMap: true}
                """.formatted(job)));
        run(
                newRun(),
                job,
                false,
                List.of(
                        row("EcomProducts", 1, "ProductID", "A1", "ProductName", "Chair", "ProductPrice", "10"),
                        row("EcomProducts", 2, "ProductID", "A2", "ProductName", "Table", "ProductPrice", "20")),
                10);
        Map<String, Object> second = run(
                newRun(),
                job,
                false,
                List.of(
                        row("EcomProducts", 1, "ProductID", "A1", "ProductPrice", "11", "Colour", "red"),
                        row("EcomProducts", 2, "ProductID", "A2", "ProductName", "Desk")),
                10);
        assertEquals("MERGED", second.get("status"), String.valueOf(second));
        assertEquals(2, number(second, "updated"));
        assertEquals(
                List.of(
                        Map.of(
                                "productid",
                                "A1",
                                "productname",
                                "Chair",
                                "price",
                                "11",
                                "customfields",
                                "{\"Colour\": \"red\"}"),
                        Map.of("productid", "A2", "productname", "Desk", "price", "20", "customfields", "{}")),
                query(
                        "select ProductId, ProductName, trim_scale(ProductPrice)::text as price, CustomFields::text as customfields"
                                + " from commerce.EcomProducts order by ProductId"));
    }

    @Test
    void unknownJobFailsTheRunOnceWithAClearMessage() throws Exception {
        String runId = newRun();
        events.send(runId, chunk(runId, "test-products-nope", 0, List.of(product(1, "P1", "a", "1"))));
        events.send(runId, chunk(runId, "test-products-nope", 1, List.of(product(1, "P2", "b", "2"))));
        events.send(runId, sealed(runId, "test-products-nope", 2, 2, false));
        Map<String, Object> result = events.runResult(runId);
        assertEquals("FAILED", result.get("status"));
        assertTrue(
                String.valueOf(result.get("message")).startsWith("unknown job 'test-products-nope'"),
                String.valueOf(result));
        // a run that is processed after the failed one proves the partition moved on
        String next = newRun();
        run(next, productsJob(""), false, List.of(product(1, "P7", "x", "1")), 10);
        assertEquals(1, events.all(Topics.BATCH_RESULTS, runId).size(), "exactly one RunResult, no ChunkResults");
        assertEquals(
                "FAILED",
                query("select status from mapping.mapping_run where run_id = '" + runId + "'")
                        .get(0)
                        .get("status"));
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndThePartitionMovesOn() throws Exception {
        String runId = newRun();
        events.sendRaw(runId, "{not json");
        events.sendRaw(
                runId,
                "{\"eventId\":\"x\",\"version\":99,\"runId\":\"" + runId + "\",\"job\":\"j\",\"chunkCount\":1,"
                        + "\"rowCount\":0,\"fullImport\":false}");
        Map<String, Object> result = run(runId, productsJob(""), false, List.of(product(1, "P1", "a", "1")), 10);
        assertEquals("MERGED", result.get("status"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (events.raw(Events.DLQ).stream()
                                .filter(r -> runId.equals(r.key()))
                                .count()
                        < 2
                && System.nanoTime() < deadline) {
            events.poll();
        }
        List<String> dead = events.raw(Events.DLQ).stream()
                .filter(r -> runId.equals(r.key()))
                .map(r -> r.value())
                .toList();
        assertEquals(2, dead.size(), String.valueOf(dead));
        assertTrue(dead.contains("{not json"));
        assertFalse(products().isEmpty());
    }
}
