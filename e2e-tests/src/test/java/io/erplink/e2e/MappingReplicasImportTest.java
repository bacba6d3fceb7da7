package io.erplink.e2e;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.erplink.protocol.events.RecordChunk;
import io.erplink.protocol.events.Topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19: one run shared by two mapping-service replicas. batch-service spreads each run's chunks over
 * the partitions of {@code batch.records} ({@code ERPLINK_BATCH_PUBLISH_PARTITIONING=spread}); both
 * replicas of the consumer group hold some of them, so both stage chunks of the run, and it is merged
 * once with exact counts. Then a second replica is killed with -9 in the middle of a slowed-down run: its
 * partitions move to the other replica, which stages what it had not committed, and the run still
 * completes with every row once. Its own suite (the shared one's batch-service does not spread).
 */
class MappingReplicasImportTest {

    @Test
    void aRunSpreadOverTwoMappingReplicasMergesOnceExactlyAndSurvivesAReplicaKilledMidRun() throws Exception {
        try (Suite suite = new Suite(
                Map.of(
                        "ERPLINK_SIMULATOR_PRODUCTS", Integer.toString(Suite.PRODUCTS),
                        "ERPLINK_SIMULATOR_PAGE_SIZE", Integer.toString(Suite.PAGE_SIZE)),
                Map.of("ERPLINK_BATCH_PUBLISH_PARTITIONING", "spread"),
                System.getProperty("erplink.e2e.java-opts", Suite.DEFAULT_JAVA_OPTS))) {
            suite.start();
            AppProcess second = suite.startMappingInstance("mapping-service-2");

            UUID shared = ImportRun.start(suite, ImportRun.name("spread"), Duration.ZERO);
            long chunks = ImportRun.assertCompletedExactly(suite, shared, Duration.ofSeconds(240))
                    .getLong("progress.chunksPublished");
            Set<Integer> partitions = chunkPartitions(suite, shared, chunks);
            int topicPartitions = topicPartitions(suite);
            assertEquals(
                    topicPartitions,
                    partitions.size(),
                    "the run's " + chunks + " chunks lie on every partition of batch.records");
            List<Set<Integer>> assigned = assignments(suite);
            assertEquals(2, assigned.size(), "two mapping-service replicas in the consumer group: " + assigned);
            assertTrue(
                    assigned.stream().noneMatch(Set::isEmpty),
                    "each replica holds partitions, so each staged chunks of the run: " + assigned);

            // A replica killed with -9 mid-run: its partitions and uncommitted chunks go to the other one.
            UUID killed = ImportRun.start(suite, ImportRun.name("spread-kill"), Duration.ofMillis(800));
            ImportRun.awaitPages(suite, killed, 3);
            second.kill9();
            ImportRun.assertCompletedExactly(suite, killed, Duration.ofSeconds(240));
        }
    }

    private static Admin admin(Suite suite) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                suite.infra().kafka().bootstrapServers()));
    }

    private static int topicPartitions(Suite suite) throws Exception {
        try (Admin admin = admin(suite)) {
            return admin.describeTopics(List.of(Topics.BATCH_RECORDS))
                    .allTopicNames()
                    .get()
                    .get(Topics.BATCH_RECORDS)
                    .partitions()
                    .size();
        }
    }

    /** Per member of mapping-service's consumer group, the batch.records partitions it holds. */
    private static List<Set<Integer>> assignments(Suite suite) throws Exception {
        try (Admin admin = admin(suite)) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("mapping-service"))
                    .all()
                    .get()
                    .get("mapping-service");
            return group.members().stream()
                    .map(MemberDescription::assignment)
                    .map(a -> a.topicPartitions().stream()
                            .filter(p -> p.topic().equals(Topics.BATCH_RECORDS))
                            .map(p -> p.partition())
                            .collect(Collectors.toSet()))
                    .toList();
        }
    }

    /** The partitions the run's chunks lie on (read from the topic until all {@code chunks} were seen). */
    private static Set<Integer> chunkPartitions(Suite suite, UUID run, long chunks) {
        Set<Integer> partitions = new HashSet<>();
        long seen = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        suite.infra().kafka().bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "e2e-tap-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.BATCH_RECORDS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen < chunks && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (run.toString().equals(record.key())
                            && record.headers().lastHeader(RecordChunk.SPREAD_HEADER) != null) {
                        partitions.add(record.partition());
                        seen++;
                    }
                }
            }
        }
        assertEquals(chunks, seen, "every chunk of the run on batch.records, marked spread");
        return partitions;
    }
}
