package io.erplink.e2e;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, R3 (short): mapping-service killed with SIGKILL in the middle of a run's merge. The commerce
 * tables hold a complete older import (every product name marked {@code OLD}); a reimport is merged while
 * the test holds a SHARE lock on the products table, so the merge is caught mid-transaction (its backend
 * waits for the lock) when mapping-service is killed. A reader polls the commerce tables throughout: it
 * must only ever see the old import complete or the new one complete. The run then completes after
 * mapping-service's restart with exactly the source rows.
 */
@ExtendWith(SuiteExtension.class)
class MappingKillDuringMergeTest {

    @AfterEach
    void clearFaults() {
        Simulator.clearFaults(SuiteExtension.suite());
    }

    @Test
    void mergeKilledMidTransactionLeavesTheOldImportCompleteAndTheRunCompletesExactlyAfterRestart() throws Exception {
        Suite suite = SuiteExtension.suite();
        // the older import: complete, then marked so the reader can tell old rows from new ones
        UUID first = ImportRun.start(suite, ImportRun.name("r3-first"), Duration.ZERO);
        ImportRun.assertCompletedExactly(suite, first, Duration.ofSeconds(240));
        CommerceReader.markOld(suite);
        String oldState = CommerceReader.state(Suite.PRODUCTS, Suite.PRODUCTS);
        String newState = CommerceReader.state(Suite.PRODUCTS, 0);

        CommerceReader reader = CommerceReader.start(suite);
        try (Connection lock = suite.db()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                // readers go on; the merge's first write to the table waits until this transaction ends
                s.execute("lock table commerce.ecomproducts in share mode");
            }
            Simulator.clearFaults(suite);
            UUID run = ImportRun.reimport(suite, ImportRun.name("r3-merge"));
            JsonPath merging = Batch.await(
                    () -> suite.batch().url(),
                    run,
                    Duration.ofSeconds(180),
                    json -> "AWAITING_MERGE".equals(json.getString("phase")));
            assertEquals(ImportRun.ROWS, merging.getLong("progress.rowsRead"), "every row read before the merge");
            CommerceReader.awaitMergeWaitingForLock(suite, Duration.ofSeconds(60));

            suite.mapping().kill9();
            assertFalse(suite.mapping().isAlive(), "mapping-service killed mid-merge");
            lock.commit();
            Thread.sleep(1000);
            assertEquals(Set.of(oldState), reader.seen(), "before the restart: the old import, complete");

            long restarted = System.nanoTime();
            suite.mapping().restart().awaitReady(Suite.READY_TIMEOUT);
            JsonPath done = Batch.awaitCompleted(() -> suite.batch().url(), run, Duration.ofSeconds(240));
            long recoveryMs = (System.nanoTime() - restarted) / 1_000_000;
            Thread.sleep(500);
            reader.close();

            // every row read written once; the tables updated only the OLD names, the rest unchanged
            assertEquals(
                    java.util.Map.of(
                            "read",
                            ImportRun.ROWS,
                            "inserted",
                            0L,
                            "updated",
                            (long) Suite.PRODUCTS,
                            "unchanged",
                            ImportRun.ROWS - Suite.PRODUCTS,
                            "written",
                            ImportRun.ROWS,
                            "failed",
                            0L),
                    java.util.Map.of(
                            "read", done.getLong("progress.rowsRead"),
                            "inserted", done.getLong("progress.rowsInserted"),
                            "updated", done.getLong("progress.rowsUpdated"),
                            "unchanged", done.getLong("progress.rowsUnchanged"),
                            "written", done.getLong("progress.rowsWritten"),
                            "failed", done.getLong("progress.rowsFailed")),
                    "the run's counts");
            try (Connection db = suite.db()) {
                assertEquals(newState, CommerceReader.read(db), "the new import, complete");
            }
            System.out.printf(
                    "[R3] mapping-service kill -9 mid-merge: reader saw %s in %d reads; run COMPLETED %d ms after"
                            + " the restart began%n",
                    reader.seen(), reader.reads(), recoveryMs);
            assertTrue(reader.reads() > 10, "the reader kept reading: " + reader.reads());
            assertEquals(0, reader.failures(), "reads that failed");
            assertEquals(Set.of(oldState, newState), reader.seen(), "only complete states were visible");
        } finally {
            reader.close();
            if (!suite.mapping().isAlive()) {
                suite.mapping().restart().awaitReady(Suite.READY_TIMEOUT);
            }
        }
    }
}
