package io.erplink.batch.runs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.erplink.batch.RecordsTap;
import io.erplink.protocol.events.RecordChunk;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code erplink.batch.publish.partitioning=spread}: a paged import (1000 products, 7 pages, real
 * erp-simulator and Kafka) sends chunk {@code k} to the partition {@code k} after its run id's, where
 * its RunSealed goes, each chunk marked with {@link RecordChunk#SPREAD_HEADER}, every sequence once.
 */
@QuarkusTest
@TestProfile(SpreadImportTest.Spread.class)
@QuarkusTestResource(value = PostgresKafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(
        value = ErpSimulatorTestResource.class,
        restrictToAnnotatedClass = true,
        initArgs = {
            @ResourceArg(name = "erplink.simulator.products", value = "1000"),
            @ResourceArg(name = "erplink.simulator.page-size", value = "150")
        })
@QuarkusTestResource(value = OperatorJwtTestResource.class, restrictToAnnotatedClass = true)
class SpreadImportTest {

    public static class Spread implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("erplink.batch.publish.partitioning", "spread");
        }
    }

    private static int partitions() throws Exception {
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, PostgresKafkaTestResource.bootstrapServers()))) {
            return admin.describeTopics(List.of(Topics.BATCH_RECORDS))
                    .allTopicNames()
                    .get()
                    .get(Topics.BATCH_RECORDS)
                    .partitions()
                    .size();
        }
    }

    @Test
    void aSpreadRunSendsChunkKToTheKthPartitionAfterItsRunSealedsWithEverySequenceOnce() throws Exception {
        PagedImportTest.SealedRun run = PagedImportTest.importSealed("products-spread", false);
        RecordsTap.Placed placed = RecordsTap.readPlaced(run.id(), Duration.ofSeconds(30));
        int partitions = partitions();
        assertTrue(partitions >= 2, "batch.records needs several partitions here, it has " + partitions);

        long chunkCount = placed.sealed().chunkCount();
        assertEquals(chunkCount, placed.chunks().size(), "each chunk once");
        assertEquals(
                Set.copyOf(LongStream.range(0, chunkCount).boxed().toList()),
                placed.chunks().stream().map(c -> c.chunk().sequence()).collect(Collectors.toSet()),
                "sequences 0 .. chunkCount - 1");
        assertEquals(
                3L * PagedImportTest.PRODUCTS,
                placed.chunks().stream().mapToLong(c -> c.chunk().rows().size()).sum());
        assertEquals(3L * PagedImportTest.PRODUCTS, placed.sealed().rowCount());
        for (RecordsTap.PlacedChunk chunk : placed.chunks()) {
            assertEquals(
                    (placed.sealedPartition() + chunk.chunk().sequence()) % partitions,
                    chunk.partition(),
                    "chunk " + chunk.chunk().sequence());
            assertTrue(chunk.spread(), "chunk " + chunk.chunk().sequence() + " carries " + RecordChunk.SPREAD_HEADER);
        }
        assertEquals(
                partitions,
                placed.chunks().stream()
                        .map(RecordsTap.PlacedChunk::partition)
                        .distinct()
                        .count(),
                "the run's chunks are on every partition");
    }
}
