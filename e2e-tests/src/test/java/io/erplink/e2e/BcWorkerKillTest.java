package io.erplink.e2e;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        if (suite.batchInstances().size() < 2) {
            suite.startBatchInstance();
        }
        List<AppProcess> replicas = suite.batchInstances();
        assertTrue(replicas.size() >= 2, "two batch-service replicas");
        try (var db = suite.db();
                var s = db.createStatement()) {
            s.execute("delete from commerce.ecomproducts");
        }
        BcImportTest.copyActivity(suite, "bc-import-items", "e2e-bc-items-kill9");

        // a slow ERP: every page takes ~1 s, so the run is mid-way when its worker dies
        BcSimulator.faults(suite, "{\"entitySets\":[\"DynamicwebItemCard\"],\"latencyMs\":1000}");
        UUID run = Batch.runNow(suite.batch().url(), "e2e-bc-items-kill9");
        JsonPath midRun = Batch.await(
                () -> suite.batch().url(),
                run,
                Duration.ofSeconds(120),
                json -> json.getInt("progress.lastCommittedPage") >= 1 && json.getString("leaseOwner") != null);
        int pages = (Suite.BC_ITEMS + Suite.BC_PAGE_SIZE - 1) / Suite.BC_PAGE_SIZE;
        int committed = midRun.getInt("progress.lastCommittedPage");
        assertTrue(committed < pages, "killed before the last page");
        String owner = midRun.getString("leaseOwner");
        AppProcess holder = replicas.stream()
                .filter(p -> owner.startsWith(p.name() + "#"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no replica holds lease " + owner));

        holder.kill9();
        assertFalse(holder.isAlive(), holder.name() + " killed");
        BcSimulator.clearFaults(suite);

        JsonPath done = Batch.awaitCompleted(() -> suite.batch().url(), run, Duration.ofSeconds(180));
        assertEquals(2, done.getInt("attempt"), "claimed twice: by the killed replica, then by the survivor");
        assertEquals(pages, done.getInt("progress.pagesFetched"), "every page committed exactly once");
        assertEquals(Suite.BC_ITEMS, done.getLong("progress.rowsRead"), "rows read");
        assertEquals(Suite.BC_ITEMS, done.getLong("progress.rowsInserted"), "rows inserted into an empty table");
        assertEquals(0, done.getLong("progress.rowsFailed"), "rows failed");
        assertTrue(
                done.getList("errors.message", String.class).stream()
                        .anyMatch(m -> m.contains(holder.name()) && m.contains("resumed from page")),
                "lease takeover recorded: " + done.getList("errors.message"));
        try (var db = suite.db()) {
            assertEquals(Suite.BC_ITEMS, ProductImportTest.count(db, "select count(*) from commerce.ecomproducts"));
        }
    }
}
