package io.erplink.e2e;

import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A paged product import of the suite's {@value Suite#PRODUCTS} products into empty commerce tables, slowed
 * down so a fault lands mid-run, and its exact accounting: every page once, every row read, inserted and
 * written once, none failed, and exactly the source rows in the commerce tables.
 */
final class ImportRun {
    static final int PAGE_SIZE = 250;
    static final int PAGES = (Suite.PRODUCTS + PAGE_SIZE - 1) / PAGE_SIZE;
    static final long ROWS = ProductImportTest.ROWS_PER_PRODUCT * Suite.PRODUCTS;

    private ImportRun() {}

    /** Empties the commerce tables, creates a new import activity and starts it with every page {@code pageLatency} slow. */
    static UUID start(Suite suite, String name, Duration pageLatency) throws Exception {
        ProductImportTest.clearCommerceProducts(suite);
        Simulator.faults(suite, "{\"latencyMs\":" + pageLatency.toMillis() + "}");
        return reimport(suite, name);
    }

    /** Creates a new import activity over the commerce tables as they are and starts it; the run's id. */
    static UUID reimport(Suite suite, String name) {
        Map<String, Object> activity = new LinkedHashMap<>();
        activity.put("name", name);
        activity.put("type", "IMPORT_WITH_PAGING");
        activity.put("requestXml", "<GetEcomData><tables><Products type=\"all\"/></tables></GetEcomData>");
        activity.put("mappingJob", "ifv2-import-products");
        activity.put("pageSize", PAGE_SIZE);
        activity.put("reimport", true);
        activity.put("timeoutSeconds", 600);
        Batch.createActivity(suite.batch().url(), activity);
        return Batch.runNow(suite.batch().url(), name);
    }

    /** Waits until {@code pages} pages are committed and the run is still fetching. */
    static JsonPath awaitPages(Suite suite, UUID run, int pages) throws InterruptedException {
        JsonPath mid = Batch.await(
                () -> suite.batch().url(),
                run,
                Duration.ofSeconds(120),
                json -> json.getInt("progress.lastCommittedPage") >= pages);
        assertTrue(mid.getInt("progress.lastCommittedPage") < PAGES, "the fault lands before the last page");
        return mid;
    }

    /** Waits for COMPLETED and checks every count exactly (all reported together); the completed run. */
    static JsonPath assertCompletedExactly(Suite suite, UUID run, Duration timeout) throws Exception {
        JsonPath done = Batch.awaitCompleted(() -> suite.batch().url(), run, timeout);
        Map<String, Long> expected = new LinkedHashMap<>();
        Map<String, Long> actual = new LinkedHashMap<>();
        expected.put("pages fetched", (long) PAGES);
        actual.put("pages fetched", done.getLong("progress.pagesFetched"));
        expected.put("total count", (long) Suite.PRODUCTS);
        actual.put("total count", done.getLong("progress.totalCount"));
        for (String count : List.of("rowsRead", "rowsInserted", "rowsWritten")) {
            expected.put(count, ROWS);
            actual.put(count, done.getLong("progress." + count));
        }
        for (String count : List.of("rowsUpdated", "rowsUnchanged", "rowsFailed", "rowsSkipped")) {
            expected.put(count, 0L);
            actual.put(count, done.getLong("progress." + count));
        }
        try (Connection db = suite.db()) {
            expected.put("commerce products", (long) Suite.PRODUCTS);
            actual.put("commerce products", ProductImportTest.count(db, "select count(*) from commerce.ecomproducts"));
            expected.put("distinct products", (long) Suite.PRODUCTS);
            actual.put(
                    "distinct products",
                    ProductImportTest.count(db, "select count(distinct productid) from commerce.ecomproducts"));
            expected.put("commerce field values", 2L * Suite.PRODUCTS);
            actual.put(
                    "commerce field values",
                    ProductImportTest.count(db, "select count(*) from commerce.ecomproductcategoryfieldvalue"));
        }
        assertEquals(expected, actual, "run " + run + " (errors " + done.getList("errors.message") + ")");
        return done;
    }

    /** A fresh activity name. */
    static String name(String scenario) {
        return scenario + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
