package io.erplink.e2e;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.erplink.infra.PostgresServer;

/**
 * Issue 16, R4 (short): PostgreSQL crashes (immediate shutdown: crash recovery at the restart) while a
 * paged import runs; batch-service and mapping-service report it in their readiness, recover by themselves
 * and the run completes with every page and row once and exactly the source rows in the commerce tables.
 *
 * <p>It once ended COMPLETED with 6,000 of 7,500 rows: mapping-service staged into UNLOGGED tables, which
 * crash recovery empties. Staging is logged now, and a merge that finds fewer staged rows than its chunks
 * recorded fails the run instead of merging the rest.
 */
@ExtendWith(SuiteExtension.class)
class PostgresCrashImportTest {

    @AfterEach
    void heal() {
        InfrastructureOutageTest.heal(SuiteExtension.suite());
    }

    @Test
    void importAcrossAnImmediatePostgresShutdownImportsEveryRowOnce() throws Exception {
        Suite suite = SuiteExtension.suite();
        PostgresServer postgres = suite.infra().postgres();
        UUID run = ImportRun.start(suite, ImportRun.name("r4-pg-import"), Duration.ofMillis(600));
        ImportRun.awaitPages(suite, run, 2);

        postgres.shutdown(PostgresServer.ShutdownMode.IMMEDIATE);
        Readiness.await(suite.batch(), 503, Duration.ofSeconds(15));
        Readiness.await(suite.mapping(), 503, Duration.ofSeconds(15));
        Thread.sleep(InfrastructureOutageTest.OUTAGE.toMillis());
        postgres.restart();
        Duration batchBack = Readiness.await(suite.batch(), 200, Duration.ofSeconds(120));
        Readiness.await(suite.mapping(), 200, Duration.ofSeconds(120));
        Simulator.clearFaults(suite);

        var done = ImportRun.assertCompletedExactly(suite, run, Duration.ofSeconds(240));
        System.out.printf(
                "[R4] PostgreSQL immediate shutdown mid-import: run %s COMPLETED, %d rows, batch ready after %d ms%n",
                run, done.getLong("progress.rowsWritten"), batchBack.toMillis());
    }
}
