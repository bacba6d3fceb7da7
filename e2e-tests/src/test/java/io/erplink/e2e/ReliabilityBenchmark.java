package io.erplink.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.restassured.path.json.JsonPath;

import io.erplink.infra.PostgresServer;

/**
 * Issue 16's reliability table: the fault scenarios at full size on one suite, each with its exact
 * accounting, printed as scenario | load | faults injected | lost | doubled | recovery | ratio to the
 * fault-free run of the same load measured in the same run.
 *
 * <ul>
 *   <li>R1: {@code orders} (10,000) orders from 16 shop clients, every 10th sent twice, the ERP flapping and
 *       the two order-queue-service replicas killed with -9 and restarted 3 times; baseline: the same
 *       orders without faults. Lost: orders without exactly one ERP order or not created/synced in
 *       live-service; doubled: ERP orders beyond the first per OrderID plus CreateOrder requests beyond one.
 *   <li>R4 orders: {@code orders / 10} orders queued (ERP down) across a PostgreSQL fast shutdown and a
 *       Kafka broker kill -9, each 10 s down; recovery: until live-service and order-queue-service are ready.
 *   <li>R3 reimport: over a complete older import, mapping-service killed with -9 during staging and again
 *       during the merge while a reader polls the tables (only old-complete or new-complete may be seen); R3
 *       import: the batch-service replica holding the run killed with -9 at 50 %, taken over by a second one.
 *   <li>R4 import, R3: the suite's {@value Suite#PRODUCTS} products ({@link ImportRun#ROWS} rows) imported
 *       (pages slowed to 300 ms, as a real ERP) across a PostgreSQL immediate shutdown, a broker kill -9 and a
 *       mapping-service kill -9, each at 50 %; baseline: the same import without faults. Lost / doubled: source rows missing from / beyond the commerce tables and the run's
 *       written count.
 * </ul>
 *
 * <p>Not part of the test suite. Run: {@code ./mvnw -B verify -pl e2e-tests -am -Dtest=ReliabilityBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dorders=10000} (see docs/reliability.md). The table is also written
 * to {@code e2e-tests/target/reliability.md}.
 */
public final class ReliabilityBenchmark {

    /** For surefire: fails when a row lost or doubled anything, or a scenario failed. */
    @org.junit.jupiter.api.Test
    void reliabilityTable() throws Exception {
        org.junit.jupiter.api.Assertions.assertEquals(0, measure(), "a scenario lost, doubled or failed");
    }

    public static void main(String[] args) throws Exception {
        System.exit(measure());
    }

    record Row(
            String scenario, String load, String faults, String lost, String doubled, String recovery, String ratio) {
        boolean clean() {
            return "0".equals(lost) && "0".equals(doubled);
        }
    }

    static int measure() throws Exception {
        int orders = Integer.getInteger("orders", 10_000);
        List<Row> rows = new ArrayList<>();
        String loadBefore = loadAverage();
        long started = System.nanoTime();
        try (Suite suite = Suite.forBenchmarks().start()) {
            suite.startOrderServices();
            FaultScenarios.Outcome baseline =
                    FaultScenarios.ordersThroughFlapsAndQueueKills(suite, orders, 16, false, 0, true);
            rows.add(orderRow("R1 baseline", orders + " orders, 16 clients", baseline, baseline, orders, orders));
            FaultScenarios.Outcome r1 =
                    FaultScenarios.ordersThroughFlapsAndQueueKills(suite, orders, 16, true, 3, true);
            rows.add(orderRow("R1 orders", orders + " orders, 16 clients", r1, baseline, orders, orders));

            int queued = Math.max(100, orders / 10);
            for (FaultScenarios.Infra fault : FaultScenarios.Infra.values()) {
                FaultScenarios.Outcome r4 =
                        FaultScenarios.ordersAcrossInfraOutage(suite, fault, queued, Duration.ofSeconds(10));
                rows.add(orderRow("R4 orders", queued + " queued orders", r4, baseline, queued, orders));
            }

            Duration importBaseline = timedImport(suite);
            rows.add(new Row(
                    "R3/R4 import baseline",
                    ImportRun.ROWS + " rows",
                    "none",
                    "0",
                    "0",
                    "-",
                    ratio(importBaseline, importBaseline)));
            rows.add(importRow(suite, "R4 import", "PostgreSQL immediate shutdown, 10 s down", importBaseline, () -> {
                suite.infra().postgres().shutdown(PostgresServer.ShutdownMode.IMMEDIATE);
                Thread.sleep(10_000);
                suite.infra().postgres().restart();
            }));
            rows.add(importRow(suite, "R4 import", "Kafka broker kill -9, 10 s down", importBaseline, () -> {
                suite.infra().kafka().kill9();
                Thread.sleep(10_000);
                suite.infra().kafka().restart();
            }));
            rows.add(importRow(suite, "R3 import", "mapping-service kill -9 mid-run, restart", importBaseline, () -> {
                suite.mapping().kill9();
                Thread.sleep(3000);
                suite.mapping().restart().awaitReady(Suite.READY_TIMEOUT);
            }));
            rows.add(reimportKillingMappingTwice(suite, importBaseline));
            rows.add(importKillingTheBatchWorker(suite, importBaseline));
        } catch (Exception | AssertionError e) {
            rows.add(new Row("(aborted)", "", e.toString().replace('|', '/'), "?", "?", "?", "?"));
        }
        String table = table(rows, loadBefore, loadAverage(), Duration.ofNanos(System.nanoTime() - started));
        System.out.println(table);
        Path out = Path.of("target", "reliability.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        return rows.stream().allMatch(Row::clean) ? 0 : 1;
    }

    private static Row orderRow(
            String scenario,
            String load,
            FaultScenarios.Outcome outcome,
            FaultScenarios.Outcome baseline,
            int n,
            int baseN) {
        OrderAccounting books = outcome.books();
        double perOrder = outcome.elapsed().toNanos() / (double) n;
        double basePerOrder = baseline.elapsed().toNanos() / (double) baseN;
        return new Row(
                scenario,
                load,
                outcome.faults(),
                Integer.toString(books.lost()),
                Integer.toString(books.doubled() + books.extraCreates()),
                outcome.recovery().isZero() ? "-" : seconds(outcome.recovery()),
                String.format(
                        Locale.ROOT,
                        "%.2f (%.1f s)",
                        perOrder / basePerOrder,
                        outcome.elapsed().toMillis() / 1000.0));
    }

    interface Fault {
        void inject() throws Exception;
    }

    /** A fault-free import into empty tables; its time from run now to COMPLETED. */
    private static Duration timedImport(Suite suite) throws Exception {
        long started = System.nanoTime();
        UUID run = ImportRun.start(suite, ImportRun.name("bench-baseline"), Duration.ofMillis(300));
        ImportRun.assertCompletedExactly(suite, run, Duration.ofMinutes(10));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static Row importRow(Suite suite, String scenario, String faults, Duration baseline, Fault fault) {
        long started = System.nanoTime();
        try {
            UUID run = ImportRun.start(suite, ImportRun.name("bench"), Duration.ofMillis(300));
            ImportRun.awaitPages(suite, run, ImportRun.PAGES / 2);
            long faultStart = System.nanoTime();
            fault.inject();
            long healed = System.nanoTime();
            Readiness.await(suite.batch(), 200, Duration.ofMinutes(2));
            Readiness.await(suite.mapping(), 200, Duration.ofMinutes(2));
            Duration recovery = Duration.ofNanos(System.nanoTime() - healed);
            JsonPath done;
            String lost;
            String doubled;
            try {
                done = ImportRun.assertCompletedExactly(suite, run, Duration.ofMinutes(10));
                lost = "0";
                doubled = "0";
            } catch (AssertionError e) {
                done = Batch.run(suite.batch().url(), run);
                long[] tables = tables(suite);
                long expected = Suite.PRODUCTS + 2L * Suite.PRODUCTS;
                lost = Long.toString(Math.max(0, expected - tables[0] - tables[1])) + " (" + e.getMessage() + ")";
                doubled = Long.toString(Math.max(0, done.getLong("progress.rowsWritten") - ImportRun.ROWS));
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            return new Row(
                    scenario,
                    ImportRun.ROWS + " rows",
                    faults + " (" + (healed - faultStart) / 1_000_000 + " ms)",
                    lost,
                    doubled,
                    seconds(recovery),
                    ratio(elapsed, baseline));
        } catch (Exception | AssertionError e) {
            return new Row(scenario, ImportRun.ROWS + " rows", faults, "? " + e.getMessage(), "?", "?", "?");
        } finally {
            Simulator.clearFaults(suite);
        }
    }

    /**
     * R3 with a reader: a reimport over a complete older import (every product named OLD), mapping-service
     * killed with -9 during staging (at 50 % of the pages) and again during the merge (caught by a lock the
     * benchmark holds on the products table), each time restarted; a reader polls the tables throughout.
     * Lost: the run's or the tables' counts off, or a state other than old-complete / new-complete seen.
     */
    private static Row reimportKillingMappingTwice(Suite suite, Duration baseline) {
        String scenario = "R3 reimport, reader polling";
        String faults = "mapping-service kill -9 during staging (50 %) and during the merge, restarted each time";
        long started = System.nanoTime();
        try {
            UUID first = ImportRun.start(suite, ImportRun.name("bench-r3-old"), Duration.ZERO);
            ImportRun.assertCompletedExactly(suite, first, Duration.ofMinutes(10));
            CommerceReader.markOld(suite);
            String oldState = CommerceReader.state(Suite.PRODUCTS, Suite.PRODUCTS);
            String newState = CommerceReader.state(Suite.PRODUCTS, 0);
            Duration recovery;
            JsonPath done;
            try (CommerceReader reader = CommerceReader.start(suite);
                    Connection lock = suite.db()) {
                Simulator.faults(suite, "{\"latencyMs\":300}");
                UUID run = ImportRun.reimport(suite, ImportRun.name("bench-r3"));
                ImportRun.awaitPages(suite, run, ImportRun.PAGES / 2);
                suite.mapping().kill9();
                lock.setAutoCommit(false);
                try (Statement s = lock.createStatement()) {
                    // readers go on; the merge's first write to the table waits until this transaction ends
                    s.execute("lock table commerce.ecomproducts in share mode");
                }
                long firstRestart = System.nanoTime();
                suite.mapping().restart().awaitReady(Suite.READY_TIMEOUT);
                Duration firstRecovery = Duration.ofNanos(System.nanoTime() - firstRestart);
                Simulator.clearFaults(suite);
                CommerceReader.awaitMergeWaitingForLock(suite, Duration.ofMinutes(5));
                suite.mapping().kill9();
                lock.commit();
                long secondRestart = System.nanoTime();
                suite.mapping().restart().awaitReady(Suite.READY_TIMEOUT);
                done = Batch.awaitCompleted(() -> suite.batch().url(), run, Duration.ofMinutes(10));
                recovery = firstRecovery.plus(Duration.ofNanos(System.nanoTime() - secondRestart));
                Thread.sleep(500);
                reader.close();
                Set<String> seen = reader.seen();
                List<String> off = new ArrayList<>();
                check(off, "read", ImportRun.ROWS, done.getLong("progress.rowsRead"));
                check(off, "written", ImportRun.ROWS, done.getLong("progress.rowsWritten"));
                check(off, "updated", Suite.PRODUCTS, done.getLong("progress.rowsUpdated"));
                check(off, "unchanged", ImportRun.ROWS - Suite.PRODUCTS, done.getLong("progress.rowsUnchanged"));
                check(off, "failed", 0, done.getLong("progress.rowsFailed"));
                try (Connection db = suite.db()) {
                    String end = CommerceReader.read(db);
                    if (!newState.equals(end)) {
                        off.add("tables at the end: " + end);
                    }
                }
                Set<String> halfway = new java.util.TreeSet<>(seen);
                halfway.removeAll(Set.of(oldState, newState));
                if (!halfway.isEmpty()) {
                    off.add("reader saw " + halfway);
                }
                long extra = Math.max(0, done.getLong("progress.rowsWritten") - ImportRun.ROWS);
                return new Row(
                        scenario,
                        ImportRun.ROWS + " rows over " + ImportRun.ROWS + " (" + reader.reads() + " reads)",
                        faults,
                        off.isEmpty() ? "0" : off.size() + " (" + String.join("; ", off) + ")",
                        Long.toString(extra),
                        seconds(recovery),
                        ratio(Duration.ofNanos(System.nanoTime() - started), baseline));
            }
        } catch (Exception | AssertionError e) {
            return new Row(scenario, ImportRun.ROWS + " rows", faults, "? " + e.getMessage(), "?", "?", "?");
        } finally {
            Simulator.clearFaults(suite);
            restartIfKilled(suite.mapping());
        }
    }

    /**
     * R3: the batch-service replica holding the import killed with -9 at 50 % of the pages; a second replica
     * takes the run over when the lease expires and resumes from the last committed page. Recovery: from
     * the kill to COMPLETED.
     */
    private static Row importKillingTheBatchWorker(Suite suite, Duration baseline) {
        String scenario = "R3 import";
        String faults = "batch-service worker kill -9 at 50 %, taken over by the second replica";
        long started = System.nanoTime();
        AppProcess killed = null;
        try {
            WorkerKill.twoReplicas(suite);
            UUID run = ImportRun.start(suite, ImportRun.name("bench-worker"), Duration.ofMillis(300));
            killed = WorkerKill.killHolderMidRun(suite, run, ImportRun.PAGES / 2, ImportRun.PAGES);
            long kill = System.nanoTime();
            WorkerKill.awaitTakenOver(suite, run, killed, ImportRun.PAGES);
            Duration recovery = Duration.ofNanos(System.nanoTime() - kill);
            String lost = "0";
            String doubled = "0";
            try {
                ImportRun.assertCompletedExactly(suite, run, Duration.ofMinutes(10));
            } catch (AssertionError e) {
                JsonPath done = Batch.run(suite.batch().url(), run);
                lost = "? (" + e.getMessage() + ")";
                doubled = Long.toString(Math.max(0, done.getLong("progress.rowsWritten") - ImportRun.ROWS));
            }
            return new Row(
                    scenario,
                    ImportRun.ROWS + " rows, 2 replicas",
                    faults,
                    lost,
                    doubled,
                    seconds(recovery),
                    ratio(Duration.ofNanos(System.nanoTime() - started), baseline));
        } catch (Exception | AssertionError e) {
            return new Row(scenario, ImportRun.ROWS + " rows", faults, "? " + e.getMessage(), "?", "?", "?");
        } finally {
            Simulator.clearFaults(suite);
            restartIfKilled(killed);
        }
    }

    private static void check(List<String> off, String count, long expected, long actual) {
        if (expected != actual) {
            off.add(count + " " + actual + " (expected " + expected + ")");
        }
    }

    private static void restartIfKilled(AppProcess process) {
        try {
            if (process != null && !process.isAlive()) {
                process.restart().awaitReady(Suite.READY_TIMEOUT);
            }
        } catch (Exception e) {
            System.out.println("[bench] could not restart " + process.name() + ": " + e);
        }
    }

    private static long[] tables(Suite suite) throws Exception {
        try (Connection db = suite.db()) {
            return new long[] {
                ProductImportTest.count(db, "select count(*) from commerce.ecomproducts"),
                ProductImportTest.count(db, "select count(*) from commerce.ecomproductcategoryfieldvalue")
            };
        }
    }

    private static String ratio(Duration value, Duration baseline) {
        return String.format(
                Locale.ROOT, "%.2f (%.1f s)", value.toNanos() / (double) baseline.toNanos(), value.toMillis() / 1000.0);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String table(List<Row> rows, String loadBefore, String loadAfter, Duration total) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Reliability table (load average before %s, after %s; %.0f s in all)%n%n",
                loadBefore,
                loadAfter,
                total.toMillis() / 1000.0));
        out.append("| scenario | load | faults injected | lost | doubled | recovery | ratio to fault-free (time) |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row row : rows) {
            out.append("| ")
                    .append(String.join(
                            " | ",
                            row.scenario(),
                            row.load(),
                            row.faults(),
                            row.lost(),
                            row.doubled(),
                            row.recovery(),
                            row.ratio()))
                    .append(" |\n");
        }
        return out.toString();
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
