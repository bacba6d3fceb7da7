package io.erplink.e2e;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 through a real import (simulator → batch-service → Kafka → mapping-service): a products
 * export of 2,500 EcomProducts and 5,000 EcomProductCategoryFieldValue rows into a job that maps
 * EcomProducts only, with one row whose ProductPrice is not a number (10001) and one whose key column
 * has no value (10002). Every row read is written, skipped or failed once (read = written + skipped +
 * failed, per source table too) in batch-service's run view, its exit message and mapping-service's
 * run, and the destination table reports its merge apart (received = inserted + updated + unchanged +
 * skipped); a keyless row is never written; one bad row, one error; the unmapped table's rows are
 * listed as skipped with the reason and sample keys.
 */
@ExtendWith(SuiteExtension.class)
class RowAccountingTest {
    private static final String JOB = "e2e-row-accounting";
    private static final long PRODUCTS = Suite.PRODUCTS;
    private static final long FIELD_VALUES = 2L * Suite.PRODUCTS;
    private static final String UNMAPPED_REASON =
            "no table mapping for source table EcomProductCategoryFieldValue in job " + JOB;

    @Test
    void everyRowReadIsWrittenSkippedOrFailedOnceAndEachTableCountsItsMergeAndKeylessRowsAreNeverWritten()
            throws Exception {
        Suite suite = SuiteExtension.suite();
        ProductImportTest.clearCommerceProducts(suite);
        saveJob(suite);
        String activity = "e2e-accounting-" + UUID.randomUUID().toString().substring(0, 8);
        Batch.createActivity(
                suite.batch().url(),
                Map.of(
                        "name",
                        activity,
                        "type",
                        "IMPORT",
                        "requestXml",
                        "<GetEcomData><tables><Products type=\"all\"/></tables></GetEcomData>",
                        "mappingJob",
                        JOB));

        // First run: into an empty table.
        UUID first = Batch.runNow(suite.batch().url(), activity);
        JsonPath run = Batch.awaitCompleted(() -> suite.batch().url(), first, Duration.ofSeconds(180));
        assertAccount(run, PRODUCTS - 2, 0);
        assertEquals(
                "merged: read 7500 = 2498 written + 5000 skipped + 2 failed;"
                        + " from EcomProducts: read 2500 = 2498 written + 0 skipped + 2 failed;"
                        + " from EcomProductCategoryFieldValue: read 5000 = 0 written + 5000 skipped + 0 failed;"
                        + " into EcomProducts: 2498 received = 2498 inserted + 0 updated + 0 unchanged + 0 skipped,"
                        + " 2 failed, 0 removed; 5000 skipped: " + UNMAPPED_REASON,
                run.getString("exitMessage"));
        assertOneErrorPerBadRow(run);
        assertMappingRun(suite, first, PRODUCTS - 2, 0);
        try (Connection db = suite.db()) {
            assertEquals(PRODUCTS - 2, ProductImportTest.count(db, "select count(*) from commerce.ecomproducts"));
            assertEquals(
                    0,
                    ProductImportTest.count(db, "select count(*) from commerce.ecomproducts where productid = ''"),
                    "a row without its key is never written");
            assertEquals(
                    0,
                    ProductImportTest.count(
                            db, "select count(*) from commerce.ecomproducts where productid in ('10001', '10002')"));
        }

        // Second run, the same rows: written again, and the table counts them unchanged.
        UUID second = Batch.runNow(suite.batch().url(), activity);
        JsonPath again = Batch.awaitCompleted(() -> suite.batch().url(), second, Duration.ofSeconds(180));
        assertAccount(again, 0, PRODUCTS - 2);
        assertTrue(
                again.getString("exitMessage")
                        .contains("into EcomProducts: 2498 received = 0 inserted + 0 updated + 2498 unchanged"
                                + " + 0 skipped, 2 failed, 0 removed"),
                again.getString("exitMessage"));
        assertOneErrorPerBadRow(again);
        assertMappingRun(suite, second, 0, PRODUCTS - 2);
    }

    private static void assertAccount(JsonPath run, long inserted, long unchanged) {
        assertEquals(
                Map.of("read", PRODUCTS + FIELD_VALUES, "written", PRODUCTS - 2, "skipped", FIELD_VALUES, "failed", 2L),
                Map.of(
                        "read", run.getLong("progress.rowsRead"),
                        "written", run.getLong("progress.rowsWritten"),
                        "skipped", run.getLong("progress.rowsSkipped"),
                        "failed", run.getLong("progress.rowsFailed")),
                "rowsRead = rowsWritten + rowsSkipped + rowsFailed");
        assertEquals(inserted, run.getLong("progress.rowsInserted"), "inserted");
        assertEquals(0, run.getLong("progress.rowsUpdated"), "updated");
        assertEquals(unchanged, run.getLong("progress.rowsUnchanged"), "unchanged");
        assertEquals(SOURCES, run.getList("sources"), "per source table: read = written + skipped + failed");
        assertEquals(
                List.of(target(inserted, unchanged)),
                run.getList("targets"),
                "per destination table: received = inserted + updated + unchanged + skipped");
        assertSkippedRows(run.getList("skippedRows", Map.class));
    }

    private static final List<Map<String, Object>> SOURCES = List.of(
            Map.of(
                    "table",
                    "EcomProducts",
                    "read",
                    (int) PRODUCTS,
                    "written",
                    (int) PRODUCTS - 2,
                    "skipped",
                    0,
                    "failed",
                    2),
            Map.of(
                    "table",
                    "EcomProductCategoryFieldValue",
                    "read",
                    (int) FIELD_VALUES,
                    "written",
                    0,
                    "skipped",
                    (int) FIELD_VALUES,
                    "failed",
                    0));

    /** EcomProducts: 2498 received; 2 failed (one in "bad price", one in "no key"). */
    private static Map<String, Object> target(long inserted, long unchanged) {
        return Map.of(
                "table",
                "EcomProducts",
                "received",
                (int) PRODUCTS - 2,
                "inserted",
                (int) inserted,
                "updated",
                0,
                "unchanged",
                (int) unchanged,
                "skipped",
                0,
                "failed",
                2,
                "removed",
                0);
    }

    private static void assertSkippedRows(List<Map> skipped) {
        assertEquals(1, skipped.size(), "skipped rows: " + skipped);
        assertEquals("EcomProductCategoryFieldValue", skipped.get(0).get("table"));
        assertEquals((int) FIELD_VALUES, skipped.get(0).get("rows"));
        assertEquals(UNMAPPED_REASON, skipped.get(0).get("reason"));
        List<?> keys = (List<?>) skipped.get(0).get("sampleKeys");
        assertEquals(5, keys.size(), "a bounded sample of keys: " + keys);
        assertTrue(keys.get(0).toString().startsWith("page 1, row "), keys.toString());
    }

    /** One error per bad row, each once, naming what is wrong. */
    private static void assertOneErrorPerBadRow(JsonPath run) {
        List<Map<String, Object>> errors = run.getList("errors");
        assertEquals(2, errors.size(), "errors: " + errors);
        Map<String, Object> badPrice = errors.stream()
                .filter(e -> e.get("message").toString().startsWith("bad price: "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no error of 10001: " + errors));
        assertTrue(badPrice.get("key").toString().contains("ProductId=10001"), badPrice.toString());
        assertTrue(badPrice.get("message").toString().contains("ProductPrice"), badPrice.toString());
        Map<String, Object> noKey = errors.stream()
                .filter(e -> e.get("message").toString().startsWith("no key: "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no error of 10002: " + errors));
        assertEquals(
                "no key: ProductId: key column is missing, null or empty; the row is not written",
                noKey.get("message"));
        assertEquals("EcomProducts", noKey.get("table"));
    }

    private static void assertMappingRun(Suite suite, UUID runId, long inserted, long unchanged) {
        JsonPath mapping = given().baseUri(suite.mapping().url())
                .get("/api/v1/mapping-runs/" + runId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("MERGED", mapping.getString("status"));
        assertEquals(
                Map.of(
                        "read",
                        (int) (PRODUCTS + FIELD_VALUES),
                        "written",
                        (int) PRODUCTS - 2,
                        "skipped",
                        (int) FIELD_VALUES,
                        "failed",
                        2,
                        "inserted",
                        (int) inserted,
                        "updated",
                        0,
                        "unchanged",
                        (int) unchanged,
                        "removed",
                        0),
                mapping.getMap("counts"));
        assertEquals(SOURCES, mapping.getList("sources"));
        assertEquals(List.of(target(inserted, unchanged)), mapping.getList("targets"));
        assertSkippedRows(mapping.getList("skippedRows", Map.class));
    }

    private static void saveJob(Suite suite) {
        String productColumns = "{\"source\": \"ProductId\", \"destination\": \"ProductId\"},"
                + " {\"source\": \"ProductLanguageId\", \"destination\": \"ProductLanguageId\"}";
        String job = "{\"name\": \"" + JOB + "\", \"direction\": \"import\", \"tableMappings\": ["
                + "{\"name\": \"products\", \"sourceTable\": \"EcomProducts\", \"destinationTable\": \"EcomProducts\","
                + " \"conditionals\": [{\"column\": \"ProductId\", \"operator\": \"NotIn\", \"value\": \"10001,10002\"}],"
                + " \"columns\": [" + productColumns + ","
                + " {\"source\": \"ProductName\", \"destination\": \"ProductName\"},"
                + " {\"source\": \"ProductPrice\", \"destination\": \"ProductPrice\"}]},"
                // 10001: a name where a number belongs
                + "{\"name\": \"bad price\", \"sourceTable\": \"EcomProducts\", \"destinationTable\": \"EcomProducts\","
                + " \"conditionals\": [{\"column\": \"ProductId\", \"operator\": \"EqualTo\", \"value\": \"10001\"}],"
                + " \"columns\": [" + productColumns
                + ", {\"source\": \"ProductName\", \"destination\": \"ProductPrice\"}]},"
                // 10002: ProductId from a column the rows do not have
                + "{\"name\": \"no key\", \"sourceTable\": \"EcomProducts\", \"destinationTable\": \"EcomProducts\","
                + " \"conditionals\": [{\"column\": \"ProductId\", \"operator\": \"EqualTo\", \"value\": \"10002\"}],"
                + " \"columns\": [{\"source\": \"NoSuchColumn\", \"destination\": \"ProductId\"},"
                + " {\"source\": \"ProductName\", \"destination\": \"ProductName\"}]}]}";
        given().baseUri(suite.mapping().url())
                .contentType(ContentType.JSON)
                .body(job)
                .put("/api/v1/jobs/" + JOB)
                .then()
                .statusCode(org.hamcrest.Matchers.lessThan(300));
    }
}
