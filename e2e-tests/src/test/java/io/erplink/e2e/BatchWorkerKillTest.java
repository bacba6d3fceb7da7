package io.erplink.e2e;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        WorkerKill.twoReplicas(suite);
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
        int pages = (Suite.PRODUCTS + PAGE_SIZE - 1) / PAGE_SIZE;
        AppProcess killed = WorkerKill.killHolderMidRun(suite, run, 2, pages);
        Simulator.clearFaults(suite);

        JsonPath done = WorkerKill.awaitTakenOver(suite, run, killed, pages);
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

        try (var db = suite.db()) {
            assertEquals(Suite.PRODUCTS, ProductImportTest.count(db, "select count(*) from commerce.ecomproducts"));
            assertEquals(
                    2L * Suite.PRODUCTS,
                    ProductImportTest.count(db, "select count(*) from commerce.ecomproductcategoryfieldvalue"));
        }
    }
}
