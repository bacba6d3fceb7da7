package io.erplink.batch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.erplink.protocol.events.RecordChunk;
import io.erplink.protocol.events.RecordChunkCodec;
import io.erplink.protocol.events.RunSealed;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.PostgresKafkaTestResource;

/** Reads what a run published on batch.records from the real broker: its chunks and its RunSealed. */
public final class RecordsTap {
    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    public record Published(List<RecordChunk> chunks, RunSealed sealed) {
        public long rows() {
            return chunks.stream().mapToLong(c -> c.rows().size()).sum();
        }
    }

    /** A chunk as it lay on the topic: its partition and whether it carried {@link RecordChunk#SPREAD_HEADER}. */
    public record PlacedChunk(int partition, boolean spread, RecordChunk chunk) {}

    /** A run's records with their partitions. */
    public record Placed(List<PlacedChunk> chunks, int sealedPartition, RunSealed sealed) {}

    private RecordsTap() {}

    /**
     * Everything keyed by the run until its RunSealed and as many chunks as it counts arrived (a
     * spread run's chunks may come after its RunSealed), with their partitions.
     */
    public static Placed readPlaced(UUID runId, Duration timeout) throws Exception {
        List<PlacedChunk> chunks = new ArrayList<>();
        RunSealed sealed = null;
        int sealedPartition = -1;
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.BATCH_RECORDS));
            long deadline = System.nanoTime() + timeout.toNanos();
            while ((sealed == null || chunks.size() < sealed.chunkCount()) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!runId.toString().equals(record.key())) {
                        continue;
                    }
                    String name = type(record);
                    if (name.equals("RunSealed")) {
                        sealed = MAPPER.readValue(record.value(), RunSealed.class);
                        sealedPartition = record.partition();
                    } else if (name.equals("RecordChunk")) {
                        chunks.add(new PlacedChunk(
                                record.partition(),
                                record.headers().lastHeader(RecordChunk.SPREAD_HEADER) != null,
                                RecordChunkCodec.decode(record.value())));
                    }
                }
            }
        }
        return new Placed(chunks, sealedPartition, sealed);
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        PostgresKafkaTestResource.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "tap-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private static String type(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader("erplink-type");
        return type == null ? "" : new String(type.value(), StandardCharsets.UTF_8);
    }

    /** Everything keyed by the run until its RunSealed and every chunk it counts arrived (or the timeout passed). */
    public static Published read(UUID runId, Duration timeout) throws Exception {
        Placed placed = readPlaced(runId, timeout);
        return new Published(placed.chunks().stream().map(PlacedChunk::chunk).toList(), placed.sealed());
    }
}
