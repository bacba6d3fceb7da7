package io.erplink.e2e;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 14, "kill -9 of the worker mid-import resumed from the nextLink with exact counts": the replica
 * holding a slow OData import from the BC simulator is killed with SIGKILL; the other takes the run over
 * when the lease expires and continues from the @odata.nextLink its last committed page recorded.
 */
@ExtendWith(SuiteExtension.class)
class BcWorkerKillTest {

    @AfterEach
    void clearFaults() throws Exception {
        BcSimulator.reset(SuiteExtension.suite());
    }

    @Test
    void anODataImportResumesFromTheRecordedNextLinkOnAnotherWorkerAfterKill9() throws Exception {
        Suite suite = SuiteExtension.suite();
        WorkerKill.twoReplicas(suite);
        try (var db = suite.db();
                var s = db.createStatement()) {
            s.execute("delete from commerce.ecomproducts");
        }
        BcImportTest.copyActivity(suite, "bc-import-items", "e2e-bc-items-kill9");

        // a slow ERP: every page takes ~1 s, so the run is mid-way when its worker dies
        BcSimulator.faults(suite, "{\"entitySets\":[\"DynamicwebItemCard\"],\"latencyMs\":1000}");
        UUID run = Batch.runNow(suite.batch().url(), "e2e-bc-items-kill9");
        int pages = (Suite.BC_ITEMS + Suite.BC_PAGE_SIZE - 1) / Suite.BC_PAGE_SIZE;
        AppProcess killed = WorkerKill.killHolderMidRun(suite, run, 1, pages);
        BcSimulator.clearFaults(suite);

        JsonPath done = WorkerKill.awaitTakenOver(suite, run, killed, pages);
        assertEquals(Suite.BC_ITEMS, done.getLong("progress.rowsRead"), "rows read");
        assertEquals(Suite.BC_ITEMS, done.getLong("progress.rowsInserted"), "rows inserted into an empty table");
        try (var db = suite.db()) {
            assertEquals(Suite.BC_ITEMS, ProductImportTest.count(db, "select count(*) from commerce.ecomproducts"));
        }
    }
}
