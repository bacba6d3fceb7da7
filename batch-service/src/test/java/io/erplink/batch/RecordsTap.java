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

    private RecordsTap() {}

    /** Everything keyed by the run until its RunSealed arrived (or the timeout passed). */
    public static Published read(UUID runId, Duration timeout) throws Exception {
        List<RecordChunk> chunks = new ArrayList<>();
        RunSealed sealed = null;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        PostgresKafkaTestResource.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "tap-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.BATCH_RECORDS));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (sealed == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!runId.toString().equals(record.key())) {
                        continue;
                    }
                    Header type = record.headers().lastHeader("erplink-type");
                    String name = type == null ? "" : new String(type.value(), StandardCharsets.UTF_8);
                    if (name.equals("RunSealed")) {
                        sealed = MAPPER.readValue(record.value(), RunSealed.class);
                    } else if (name.equals("RecordChunk")) {
                        // batch-service writes the binary form (version 2) only
                        chunks.add(RecordChunkCodec.decode(record.value()));
                    }
                }
            }
        }
        return new Published(chunks, sealed);
    }
}
