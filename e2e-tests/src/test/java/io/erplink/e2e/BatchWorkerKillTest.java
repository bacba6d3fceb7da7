package io.erplink.e2e;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 4, "a kill -9 of the worker mid-run resumes with exact counts": two batch-service replicas on one
 * database; the replica holding a slow paged import is killed with SIGKILL; the other takes the run over
 * when the lease expires and resumes from the last committed page.
 */
@ExtendWith(SuiteExtension.class)
class BatchWorkerKillTest {
    static final int PAGE_SIZE = 250;

    @AfterEach
    void clearFaults() {
        Simulator.clearFaults(SuiteExtension.suite());
    }

    @Test
    void batchRunResumesOnAnotherWorkerAfterKill9() throws Exception {
        Suite suite = SuiteExtension.suite();
        if (suite.batchInstances().size() < 2) {
            suite.startBatchInstance();
        }
        List<AppProcess> replicas = suite.batchInstances();
        assertTrue(replicas.size() >= 2, "two batch-service replicas");
        ProductImportTest.clearCommerceProducts(suite);

        Map<String, Object> activity = new LinkedHashMap<>();
        activity.put("name", "e2e-products-kill9");
        activity.put("type", "IMPORT_WITH_PAGING");
        activity.put("requestXml", "<GetEcomData><tables><Products type=\"all\"/></tables></GetEcomData>");
        activity.put("mappingJob", "ifv2-import-products");
        activity.put("pageSize", PAGE_SIZE);
        activity.put("reimport", true);
        activity.put("timeoutSeconds", 600);
        Batch.createActivity(suite.batch().url(), activity);

        // A slow ERP: every page takes ~0.8 s, so the run is mid-way when its worker dies.
        Simulator.faults(suite, "{\"latencyMs\":800}");
        UUID run = Batch.runNow(suite.batch().url(), "e2e-products-kill9");
        JsonPath midRun = Batch.await(
                () -> suite.batch().url(),
                run,
                Duration.ofSeconds(120),
                json -> json.getInt("progress.lastCommittedPage") >= 2 && json.getString("leaseOwner") != null);
        int pages = (Suite.PRODUCTS + PAGE_SIZE - 1) / PAGE_SIZE;
        assertTrue(midRun.getInt("progress.lastCommittedPage") < pages, "killed before the last page");
        String owner = midRun.getString("leaseOwner");
        AppProcess holder = replicas.stream()
                .filter(p -> owner.startsWith(p.name() + "#"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no replica holds lease " + owner));

        holder.kill9();
        assertFalse(holder.isAlive(), holder.name() + " killed");
        Simulator.clearFaults(suite);

        JsonPath done = Batch.awaitCompleted(() -> suite.batch().url(), run, Duration.ofSeconds(180));
        assertEquals(2, done.getInt("attempt"), "claimed twice: by the killed replica, then by the survivor");
        assertEquals(pages, done.getInt("progress.pagesFetched"), "every page committed exactly once");
        assertEquals(Suite.PRODUCTS, done.getLong("progress.totalCount"));
        assertEquals(
                ProductImportTest.ROWS_PER_PRODUCT * Suite.PRODUCTS, done.getLong("progress.rowsRead"), "rows read");
        assertEquals(
                ProductImportTest.ROWS_PER_PRODUCT * Suite.PRODUCTS,
                done.getLong("progress.rowsInserted"),
                "rows inserted into an empty commerce table");
        assertEquals(
                ProductImportTest.ROWS_PER_PRODUCT * Suite.PRODUCTS,
                done.getLong("progress.rowsWritten"),
                "rows written");
        assertEquals(0, done.getLong("progress.rowsFailed"), "rows failed");
        assertTrue(
                done.getList("errors.message", String.class).stream()
                        .anyMatch(m -> m.contains(holder.name()) && m.contains("resumed from page")),
                "lease takeover recorded: " + done.getList("errors.message"));

        try (var db = suite.db()) {
            assertEquals(Suite.PRODUCTS, ProductImportTest.count(db, "select count(*) from commerce.ecomproducts"));
            assertEquals(
                    2L * Suite.PRODUCTS,
                    ProductImportTest.count(db, "select count(*) from commerce.ecomproductcategoryfieldvalue"));
        }
    }
}
