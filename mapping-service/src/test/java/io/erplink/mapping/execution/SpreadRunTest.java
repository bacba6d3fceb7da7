package io.erplink.mapping.execution;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.erplink.mapping.jobs.JobCodec;
import io.erplink.mapping.jobs.JobRegistry;
import io.erplink.protocol.events.RecordChunk;
import io.erplink.protocol.events.RunSealed;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.mapping.execution.Events.chunk;
import static io.erplink.mapping.execution.Events.query;
import static io.erplink.mapping.execution.Events.row;
import static io.erplink.mapping.execution.Events.sealed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run whose chunks are spread over the partitions of batch.records (and so over replicas): chunks
 * stage concurrently in any order, the merge happens exactly once whoever completes the run, and
 * redeliveries change nothing. Real Kafka and PostgreSQL; the races call the executor from several
 * threads at once, as two replicas' consumers would.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
class SpreadRunTest {
    private static Events events;

    @Inject
    JobRegistry registry;

    @Inject
    MappingRunExecutor executor;

    @BeforeAll
    static void connect() {
        events = new Events();
    }

    @AfterAll
    static void disconnect() {
        events.close();
    }

    @BeforeEach
    void emptyTables() throws Exception {
        Events.execute("delete from commerce.EcomProducts");
    }

    private String productsJob() {
        String name = "spread-products-" + UUID.randomUUID().toString().substring(0, 8);
        registry.save(JobCodec.read("""
                name: %s
                tableMappings:
                - sourceTable: Products
                  destinationTable: EcomProducts
                  columns:
                  - {source: Id, destination: ProductId}
                  - {source: Lang, destination: ProductLanguageId}
                  - {source: Name, destination: ProductName}
                  - {source: Price, destination: ProductPrice}
                """.formatted(name)));
        return name;
    }

    private static RecordChunk.Row product(long row, String id, String name, String price) {
        return row("Products", row, "Id", id, "Lang", "en", "Name", name, "Price", price);
    }

    /** Chunk {@code sequence} of {@code size} products numbered on from {@code sequence * size}. */
    private static RecordChunk products(String runId, String job, long sequence, int size) {
        List<RecordChunk.Row> rows = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            long n = sequence * size + i;
            rows.add(product(i + 1, "P" + n, "Product " + n, String.valueOf(n)));
        }
        return chunk(runId, job, sequence, rows);
    }

    private static long number(Map<String, Object> event, String field) {
        return ((Number) event.get(field)).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> target(Map<String, Object> result) {
        return ((List<Map<String, Object>>) result.get("targets")).get(0);
    }

    private static long count(String sql) throws Exception {
        return Long.parseLong(query(sql).get(0).values().iterator().next());
    }

    private static List<String> productRows() throws Exception {
        List<String> rows = new ArrayList<>();
        for (Map<String, String> row : query("select ProductId, ProductName, trim_scale(ProductPrice)::text as price"
                + " from commerce.EcomProducts order by ProductId")) {
            rows.add(String.join("|", row.values()));
        }
        return rows;
    }

    /** The run's staging tables left in the staging schema. */
    private static List<Map<String, String>> stagingTables(String runId) throws Exception {
        return query("select tablename from pg_tables where schemaname = 'mapping' and tablename like 'stage\\_' ||"
                + " (select stage_id from mapping.mapping_run where run_id = '" + runId + "') || '\\_%'");
    }

    /** The run's RunResults on batch.results (a second merge would publish a second one). */
    private static long runResults(String runId) throws Exception {
        return events.all(Topics.BATCH_RESULTS, runId).stream()
                .filter(e -> e.containsKey("status"))
                .count();
    }

    @Test
    void aRunWhoseChunksLandOnEveryPartitionMergesOnceWithExactCounts() throws Exception {
        int partitions = events.partitions();
        assertTrue(partitions >= 2, "batch.records needs several partitions here, it has " + partitions);
        String job = productsJob();
        String runId = "run-" + UUID.randomUUID();
        // At least 3 chunks per partition; chunk 1 has a row that fails, chunks 2 and 7 stage the same key.
        int chunkCount = 3 * Math.max(3, partitions);
        List<RecordChunk> chunks = new ArrayList<>();
        for (int k = 0; k < chunkCount; k++) {
            RecordChunk chunk = products(runId, job, k, 3);
            if (k == 1) {
                List<RecordChunk.Row> rows = new ArrayList<>(chunk.rows());
                rows.set(2, product(3, "P5", "Broken", "abc"));
                chunk = chunk(runId, job, 1, rows);
            } else if (k == 7) {
                List<RecordChunk.Row> rows = new ArrayList<>(chunk.rows());
                rows.set(0, product(1, "P6", "Later", "66"));
                chunk = chunk(runId, job, 7, rows);
            }
            chunks.add(chunk);
        }
        // RunSealed first, then the chunks last to first, each on partition k mod P: nothing in order.
        events.sendTo(0, runId, sealed(runId, job, chunkCount, 3L * chunkCount, false));
        for (int k = chunkCount - 1; k >= 0; k--) {
            events.sendTo(k % partitions, runId, chunks.get(k));
        }

        Map<String, Object> result = events.runResult(runId);
        assertEquals("MERGED", result.get("status"), String.valueOf(result));
        long read = 3L * chunkCount;
        assertEquals(read, number(result, "read"));
        assertEquals(read - 1, number(result, "written"));
        assertEquals(0, number(result, "skipped"));
        assertEquals(1, number(result, "failed"));
        // Chunk 1's P5 failed; chunk 7's P21 became a second P6 (chunk 2 staged the first).
        long distinct = read - 2;
        assertEquals(distinct, number(result, "inserted"));
        assertEquals(
                Map.of(
                        "table", "EcomProducts",
                        "received", (int) (read - 1),
                        "inserted", (int) distinct,
                        "updated", 0,
                        "unchanged", 0,
                        "skipped", 1,
                        "failed", 1,
                        "removed", 0),
                target(result));
        assertEquals(distinct, count("select count(*) from commerce.EcomProducts"));
        assertEquals(
                List.of("P6|Later|66"),
                productRows().stream().filter(r -> r.startsWith("P6|")).toList(),
                "the key staged twice keeps chunk 7's row, though chunk 7 arrived before chunk 2");
        assertEquals(
                chunkCount,
                events.all(Topics.BATCH_RESULTS, runId).stream()
                        .filter(e -> e.containsKey("sequence"))
                        .count(),
                "one ChunkResult per chunk");
        assertEquals(1, runResults(runId), "merged once");
        assertEquals(
                List.of(Map.of("status", "MERGED", "read", String.valueOf(read), "chunks", String.valueOf(chunkCount))),
                query(
                        "select status, read, (select count(*) from mapping.run_chunk c where c.run_id = r.run_id) as chunks"
                                + " from mapping.mapping_run r where run_id = '" + runId + "'"));
    }

    @Test
    void theLastChunkAndTheSealRacingOnTwoReplicasMergeExactlyOnce() throws Exception {
        String job = productsJob();
        ExecutorService replicas = Executors.newFixedThreadPool(3);
        try {
            for (int attempt = 0; attempt < 6; attempt++) {
                Events.execute("delete from commerce.EcomProducts");
                String runId = "run-" + UUID.randomUUID();
                int chunkCount = 6;
                // The first chunks staged by three "replicas" at once.
                List<Callable<Void>> staging = new ArrayList<>();
                for (int k = 0; k < chunkCount - 1; k++) {
                    RecordChunk chunk = products(runId, job, k, 4);
                    staging.add(() -> {
                        executor.onChunk(chunk, true);
                        return null;
                    });
                }
                for (Future<Void> staged : replicas.invokeAll(staging)) {
                    staged.get();
                }
                // The last chunk on two replicas (a rebalance: two deliveries, two event ids) and the seal on a third,
                // at once.
                RecordChunk last = products(runId, job, chunkCount - 1, 4);
                RecordChunk lastAgain = new RecordChunk(
                        UUID.randomUUID().toString(),
                        last.version(),
                        runId,
                        job,
                        last.sequence(),
                        last.page(),
                        last.rows());
                RunSealed seal = sealed(runId, job, chunkCount, 4L * chunkCount, false);
                CyclicBarrier start = new CyclicBarrier(3);
                List<Future<?>> racing = List.of(
                        replicas.submit(() -> {
                            start.await();
                            executor.onChunk(last, true);
                            return null;
                        }),
                        replicas.submit(() -> {
                            start.await();
                            executor.onChunk(lastAgain, true);
                            return null;
                        }),
                        replicas.submit(() -> {
                            start.await();
                            executor.onSealed(seal);
                            return null;
                        }));
                for (Future<?> future : racing) {
                    future.get(2, TimeUnit.MINUTES);
                }

                Map<String, Object> result = events.runResult(runId);
                assertEquals("MERGED", result.get("status"), attempt + ": " + result);
                assertEquals(24, number(result, "read"), attempt + ": " + result);
                assertEquals(24, number(result, "written"));
                assertEquals(24, number(result, "inserted"));
                assertEquals(24, number(target(result), "received"), "the last chunk staged once");
                assertEquals(24, count("select count(*) from commerce.EcomProducts"));
                assertEquals(1, runResults(runId), attempt + ": merged once");
                assertEquals(
                        chunkCount, count("select count(*) from mapping.run_chunk where run_id = '" + runId + "'"));
                assertEquals(
                        List.of(Map.of("status", "MERGED", "read", "24", "inserted", "24")),
                        query("select status, read, inserted from mapping.mapping_run where run_id = '" + runId + "'"));
                assertEquals(List.of(), stagingTables(runId), "the run's staging tables are dropped");
            }
        } finally {
            replicas.shutdownNow();
        }
    }

    @Test
    void aChunkRedeliveredAfterTheSealChangesNothing() throws Exception {
        String job = productsJob();
        String runId = "run-" + UUID.randomUUID();
        RecordChunk first = products(runId, job, 0, 3);
        RecordChunk second = products(runId, job, 1, 3);
        RecordChunk third = products(runId, job, 2, 3);
        executor.onChunk(first, true);
        executor.onSealed(sealed(runId, job, 3, 9, false));
        // Sealed, not complete: chunk 0 again under its own event id and under a new one with other rows.
        executor.onChunk(first, true);
        executor.onChunk(chunk(runId, job, 0, List.of(product(1, "X1", "Other", "1"))), true);
        executor.onChunk(second, true);
        executor.onChunk(third, true);
        Map<String, Object> result = events.runResult(runId);
        assertEquals("MERGED", result.get("status"), String.valueOf(result));
        assertEquals(9, number(result, "read"));
        assertEquals(9, number(result, "inserted"));
        List<String> merged = productRows();
        assertEquals(9, merged.size());
        assertTrue(merged.stream().noneMatch(r -> r.startsWith("X1|")), String.valueOf(merged));

        // Merged: every chunk again, as a rebalance or a restart would redeliver them, and once more under new ids.
        for (RecordChunk chunk : List.of(first, second, third)) {
            executor.onChunk(chunk, true);
            executor.onChunk(
                    new RecordChunk(
                            UUID.randomUUID().toString(),
                            chunk.version(),
                            runId,
                            job,
                            chunk.sequence(),
                            chunk.page(),
                            List.of(product(1, "X" + chunk.sequence(), "Late", "2"))),
                    true);
        }
        executor.onSealed(sealed(runId, job, 3, 9, false));
        assertEquals(merged, productRows(), "the commerce rows are as the merge left them");
        assertEquals(1, runResults(runId), "no second RunResult");
        assertEquals(
                List.of(Map.of("status", "MERGED", "read", "9", "written", "9", "inserted", "9", "chunks", "3")),
                query("select status, read, written, inserted,"
                        + " (select count(*) from mapping.run_chunk c where c.run_id = r.run_id) as chunks"
                        + " from mapping.mapping_run r where run_id = '" + runId + "'"));
        assertEquals(
                3,
                events.all(Topics.BATCH_RESULTS, runId).stream()
                        .filter(e -> e.containsKey("sequence"))
                        .count(),
                "one ChunkResult per chunk, none for the redeliveries");
        assertEquals(List.of(), stagingTables(runId), "no staging table was created again");
    }

    @Test
    void aReplicaKilledMidStagingWhileAnotherSealsTheRunLosesAndDoublesNothing() throws Exception {
        String job = productsJob();
        String runId = "run-" + UUID.randomUUID();
        executor.onChunk(products(runId, job, 0, 3), true);
        ExecutorService replicaB = Executors.newSingleThreadExecutor();
        try (Connection replicaA = PostgresKafkaTestResource.openConnection()) {
            // Replica A is staging chunk 1: its transaction holds the run shared and has claimed the chunk.
            replicaA.setAutoCommit(false);
            long pid;
            try (Statement a = replicaA.createStatement()) {
                a.execute("select 1 from mapping.mapping_run where run_id = '" + runId + "' for share");
                a.execute("insert into mapping.run_chunk (run_id, sequence, read, staged, skipped, failed)"
                        + " values ('" + runId + "', 1, 3, 3, 0, 0)");
                try (ResultSet backend = a.executeQuery("select pg_backend_pid()")) {
                    backend.next();
                    pid = backend.getLong(1);
                }
            }
            // Replica B gets RunSealed: it waits for A's chunk.
            Future<?> seal = replicaB.submit(() -> {
                executor.onSealed(sealed(runId, job, 2, 6, false));
                return null;
            });
            assertThrows(TimeoutException.class, () -> seal.get(2, TimeUnit.SECONDS), "sealing waits for the chunk");
            // kill -9 of replica A: PostgreSQL ends its backend and rolls its transaction back.
            Events.execute("select pg_terminate_backend(" + pid + ")");
            seal.get(1, TimeUnit.MINUTES);
        } finally {
            replicaB.shutdownNow();
        }
        assertEquals(
                List.of(Map.of("status", "STAGING", "sealed", "t", "chunks", "1")),
                query("select status, sealed, (select count(*) from mapping.run_chunk c where c.run_id = r.run_id)"
                        + " as chunks from mapping.mapping_run r where run_id = '" + runId + "'"),
                "sealed, chunk 1 not staged: no merge");
        // A's chunk is redelivered to B after the rebalance.
        executor.onChunk(products(runId, job, 1, 3), true);

        Map<String, Object> result = events.runResult(runId);
        assertEquals("MERGED", result.get("status"), String.valueOf(result));
        assertEquals(6, number(result, "read"));
        assertEquals(6, number(result, "written"));
        assertEquals(6, number(result, "inserted"));
        assertEquals(6, number(target(result), "received"));
        assertEquals(6, count("select count(*) from commerce.EcomProducts"));
        assertEquals(1, runResults(runId));
    }
}
