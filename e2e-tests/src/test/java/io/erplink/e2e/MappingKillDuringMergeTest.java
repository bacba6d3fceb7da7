package io.erplink.e2e;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
        try (Connection db = suite.db();
                Statement s = db.createStatement()) {
            assertEquals(Suite.PRODUCTS, s.executeUpdate("update commerce.ecomproducts set productname = 'OLD'"));
        }
        String oldState = state(Suite.PRODUCTS, Suite.PRODUCTS);
        String newState = state(Suite.PRODUCTS, 0);

        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicLong reads = new AtomicLong();
        Reader reader = new Reader(suite, seen, reads);
        reader.start();
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
            awaitMergeWaitingForLock(suite, Duration.ofSeconds(60));

            suite.mapping().kill9();
            assertFalse(suite.mapping().isAlive(), "mapping-service killed mid-merge");
            lock.commit();
            Thread.sleep(1000);
            assertEquals(Set.of(oldState), Set.copyOf(seen), "before the restart: the old import, complete");

            long restarted = System.nanoTime();
            suite.mapping().restart().awaitReady(Suite.READY_TIMEOUT);
            JsonPath done = Batch.awaitCompleted(() -> suite.batch().url(), run, Duration.ofSeconds(240));
            long recoveryMs = (System.nanoTime() - restarted) / 1_000_000;
            Thread.sleep(500);
            reader.stop();

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
                assertEquals(newState, read(db), "the new import, complete");
            }
            System.out.printf(
                    "[R3] mapping-service kill -9 mid-merge: reader saw %s in %d reads; run COMPLETED %d ms after"
                            + " the restart began%n",
                    seen, reads.get(), recoveryMs);
            assertTrue(reads.get() > 10, "the reader kept reading: " + reads.get());
            assertEquals(Set.of(oldState, newState), Set.copyOf(seen), "only complete states were visible");
        } finally {
            reader.stop();
            if (!suite.mapping().isAlive()) {
                suite.mapping().restart().awaitReady(Suite.READY_TIMEOUT);
            }
        }
    }

    /** Waits until a backend of the database waits for a lock on the products table: the merge, caught. */
    private static void awaitMergeWaitingForLock(Suite suite, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection db = suite.db();
                Statement s = db.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery("select count(*) from pg_locks l join pg_class c on c.oid ="
                        + " l.relation join pg_namespace n on n.oid = c.relnamespace where not l.granted"
                        + " and n.nspname = 'commerce' and c.relname = 'ecomproducts'")) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("no merge waited for the products table within " + timeout.toSeconds() + " s");
    }

    private static String state(long products, long old) {
        return products + " products (" + old + " OLD), " + 2 * products + " field values";
    }

    private static String read(Connection db) throws Exception {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("select (select count(*) from commerce.ecomproducts),"
                        + " (select count(*) from commerce.ecomproducts where productname = 'OLD'),"
                        + " (select count(*) from commerce.ecomproductcategoryfieldvalue)")) {
            rs.next();
            return rs.getLong(1) + " products (" + rs.getLong(2) + " OLD), " + rs.getLong(3) + " field values";
        }
    }

    /** Reads the commerce tables in one statement (one snapshot) every 20 ms, recording each state seen. */
    private static final class Reader {
        private final Suite suite;
        private final Set<String> seen;
        private final AtomicLong reads;
        private final Thread thread;
        private volatile boolean running = true;

        Reader(Suite suite, Set<String> seen, AtomicLong reads) {
            this.suite = suite;
            this.seen = seen;
            this.reads = reads;
            this.thread = new Thread(this::loop, "commerce-reader");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(5000);
        }

        private void loop() {
            try (Connection db = suite.db()) {
                while (running) {
                    seen.add(read(db));
                    reads.incrementAndGet();
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                seen.add("reader failed: " + e);
            }
        }
    }
}
