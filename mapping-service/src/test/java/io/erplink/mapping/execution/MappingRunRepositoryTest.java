package io.erplink.mapping.execution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.erplink.mapping.runs.MappingRunStatus;
import io.erplink.protocol.events.RunSealed;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The execution's repository against the real {@code mapping} schema, and the eager merges' datasource. */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
class MappingRunRepositoryTest {
    @Inject
    MappingRunRepository runs;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    @DataSource("merge")
    AgroalDataSource mergeDataSource;

    private interface ConnectionCall<T> {
        T call(Connection connection) throws SQLException;
    }

    private <T> T withConnection(ConnectionCall<T> work) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return work.call(connection);
            }
        });
    }

    @Test
    void aNewRunIsStartedUnsealedAndFailingItStoresFailed() {
        String runId = "repo-" + UUID.randomUUID();
        MappingRun run = withConnection(c -> runs.lock(c, runId, "bc-import-items"));
        assertEquals(MappingRunStatus.STARTED, run.status());
        assertEquals("bc-import-items", run.job());
        assertFalse(run.sealed());
        assertNull(run.chunkCount());

        MappingRunRepository.Totals none = withConnection(c -> runs.totals(c, runId, 10));
        assertEquals(0, none.read());
        withConnection(c -> {
            runs.markFailed(c, runId, failedResult(runId, "broken"));
            return null;
        });
        MappingRun failed = withConnection(c -> runs.lock(c, runId, "other-job"));
        assertEquals(MappingRunStatus.FAILED, failed.status());
        assertEquals("bc-import-items", failed.job(), "the first job a run named stays");
        assertEquals("FAILED", storedStatus(runId));
    }

    @Test
    void sealingRecordsTheCountsAndChunksBeyondAreCounted() {
        String runId = "repo-" + UUID.randomUUID();
        withConnection(c -> {
            runs.lock(c, runId, "bc-import-items");
            runs.seal(c, runId, new RunSealed(UUID.randomUUID().toString(), 1, runId, "bc-import-items", 2, 7, true));
            return null;
        });
        MappingRun run = withConnection(c -> runs.lock(c, runId, "bc-import-items"));
        assertTrue(run.sealed());
        assertEquals(2L, run.chunkCount());
        assertEquals(7L, run.rowCount());
        assertTrue(run.fullImport());
        assertEquals(new MappingRunRepository.ChunkCount(0, 0), withConnection(c -> runs.countChunks(c, runId, 2)));
    }

    @Test
    void stagersShareTheRunAChunkIsClaimedOnceAndTheExclusiveLockWaitsForEveryStager() throws Exception {
        String runId = "repo-" + UUID.randomUUID();
        withConnection(c -> runs.lock(c, runId, "bc-import-items"));
        ExecutorService waiters = Executors.newFixedThreadPool(2);
        try (Connection a = PostgresKafkaTestResource.openConnection();
                Connection b = PostgresKafkaTestResource.openConnection();
                Connection sealer = PostgresKafkaTestResource.openConnection()) {
            for (Connection c : List.of(a, b, sealer)) {
                c.setAutoCommit(false);
            }
            // Two replicas staging chunks of the run at once: neither waits for the other.
            runs.lockShared(a, runId, "bc-import-items");
            runs.lockShared(b, runId, "bc-import-items");
            assertTrue(runs.claimChunk(a, runId, 0));
            assertTrue(runs.claimChunk(b, runId, 1));
            // b gets chunk 0 too (a rebalance): its claim waits for a's transaction, then finds the chunk taken.
            Future<Boolean> claimedAgain = waiters.submit(() -> runs.claimChunk(b, runId, 0));
            Future<MappingRun> sealing = waiters.submit(() -> runs.lock(sealer, runId, "bc-import-items"));
            assertThrows(TimeoutException.class, () -> claimedAgain.get(1, TimeUnit.SECONDS));
            a.commit();
            assertFalse(claimedAgain.get(30, TimeUnit.SECONDS), "chunk 0 is a's");
            assertThrows(
                    TimeoutException.class,
                    () -> sealing.get(1, TimeUnit.SECONDS),
                    "the exclusive lock waits for b's chunk too");
            b.commit();
            assertEquals(
                    MappingRunStatus.STARTED, sealing.get(30, TimeUnit.SECONDS).status());
            assertEquals(new MappingRunRepository.ChunkCount(2, 0), runs.countChunks(sealer, runId, 2));
            sealer.commit();
        } finally {
            waiters.shutdownNow();
        }
    }

    @Test
    void stageTablesAreRegisteredOnceAndRemovedWithTheirNames() {
        String runId = "repo-" + UUID.randomUUID();
        withConnection(c -> runs.lock(c, runId, "bc-import-items"));
        boolean first = withConnection(c -> runs.addStageTable(c, runId, "ecomproducts", "stage_x_ecomproducts"));
        boolean again = withConnection(c -> runs.addStageTable(c, runId, "ecomproducts", "stage_x_ecomproducts"));
        assertTrue(first);
        assertFalse(again);
        assertEquals(Map.of("ecomproducts", "stage_x_ecomproducts"), withConnection(c -> runs.stageTables(c, runId)));
        assertEquals(List.of("stage_x_ecomproducts"), withConnection(c -> runs.removeStageTables(c, runId)));
        assertEquals(Map.of(), withConnection(c -> runs.stageTables(c, runId)));
    }

    @Test
    void anEagerMergesOutcomeReadsBackAsRecorded() {
        String runId = "repo-" + UUID.randomUUID();
        Merge.Outcome outcome = new Merge.Outcome(
                3,
                0,
                0,
                0,
                0,
                List.of(new Merge.TableOutcome("ecomproducts", 3, 0, 0, 0, 0, Set.of("P1", "P2"), false, true)));
        withConnection(c -> {
            runs.lock(c, runId, "bc-import-items");
            runs.addEagerOutcome(c, runId, outcome);
            return null;
        });
        assertEquals(outcome, withConnection(c -> runs.eagerOutcome(c, runId)));
        withConnection(c -> {
            runs.removeEagerOutcome(c, runId);
            return null;
        });
        assertNull(withConnection(c -> runs.eagerOutcome(c, runId)));
    }

    @Test
    void startedRunsOlderThanTheRetentionAreFoundAndFinishedOnesNot() {
        String started = "repo-" + UUID.randomUUID();
        String failed = "repo-" + UUID.randomUUID();
        withConnection(c -> {
            runs.lock(c, started, "bc-import-items");
            runs.lock(c, failed, "bc-import-items");
            runs.markFailed(c, failed, failedResult(failed, "gone"));
            return null;
        });
        List<String> abandoned = withConnection(c -> runs.startedBefore(c, Duration.ofSeconds(-60)));
        assertTrue(abandoned.contains(started), abandoned.toString());
        assertFalse(abandoned.contains(failed), abandoned.toString());
        List<String> recent = withConnection(c -> runs.startedBefore(c, Duration.ofDays(1)));
        assertFalse(recent.contains(started), recent.toString());
    }

    @Test
    void columnMasksRoundTripAsBitText() {
        BitSet bits = new BitSet();
        bits.set(0);
        bits.set(3);
        assertEquals("10010", MappingRunRepository.bits(bits, 5));
        assertEquals(bits, MappingRunRepository.bitSet("10010"));
        assertEquals(new BitSet(), MappingRunRepository.bitSet(null));
    }

    /**
     * The eager merges' datasource is the same database, named for what it does, and stays out of the
     * service's transactions: what it writes is not rolled back with them.
     */
    @Test
    void theMergeDatasourceIsTheSameDatabaseOutsideTheServicesTransactions() throws Exception {
        String runId = "repo-" + UUID.randomUUID();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection connection = mergeDataSource.getConnection()) {
                    assertEquals("mapping-service eager merge", setting(connection, "application_name"));
                    try (PreparedStatement insert = connection.prepareStatement(
                            "insert into mapping.mapping_run (run_id, job) values (?, 'bc-import-items')")) {
                        insert.setString(1, runId);
                        insert.executeUpdate();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                throw new IllegalArgumentException("roll back the service's transaction");
            });
        } catch (RuntimeException expected) {
            assertEquals("roll back the service's transaction", rootMessage(expected));
        }
        assertEquals("STAGING", storedStatus(runId));
        try (Connection connection = mergeDataSource.getConnection();
                Connection pooled = dataSource.getConnection()) {
            assertEquals(setting(pooled, "current_database"), setting(connection, "current_database"));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static String setting(Connection connection, String name) throws SQLException {
        String sql = name.equals("current_database") ? "select current_database()" : "select current_setting(?)";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (!name.equals("current_database")) {
                select.setString(1, name);
            }
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private String storedStatus(String runId) {
        return withConnection(c -> {
            try (PreparedStatement select =
                    c.prepareStatement("select status from mapping.mapping_run where run_id = ?")) {
                select.setString(1, runId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? rows.getString(1) : null;
                }
            }
        });
    }

    private static io.erplink.protocol.events.RunResult failedResult(String runId, String message) {
        return new io.erplink.protocol.events.RunResult(
                UUID.randomUUID().toString(),
                io.erplink.protocol.events.RunResult.VERSION,
                runId,
                io.erplink.protocol.events.RunResult.Status.FAILED,
                0,
                0,
                0,
                0,
                0,
                0,
                message,
                List.of(),
                0,
                null,
                List.of(),
                0,
                List.of(),
                List.of());
    }
}
