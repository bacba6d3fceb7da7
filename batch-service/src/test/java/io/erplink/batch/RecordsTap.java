package io.erplink.batch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.erplink.protocol.events.RecordChunk;
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

    private RecordsTap() {
    }

    /** Everything keyed by the run until its RunSealed arrived (or the timeout passed). */
    public static Published read(UUID runId, Duration timeout) throws Exception {
        List<RecordChunk> chunks = new ArrayList<>();
        RunSealed sealed = null;
        try (KafkaConsumer<String, String> consumer = PostgresKafkaTestResource.stringConsumer("tap-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(Topics.BATCH_RECORDS));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (sealed == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!runId.toString().equals(record.key())) {
                        continue;
                    }
                    Header type = record.headers().lastHeader("erplink-type");
                    String name = type == null ? "" : new String(type.value(), StandardCharsets.UTF_8);
                    if (name.equals("RunSealed")) {
                        sealed = MAPPER.readValue(record.value(), RunSealed.class);
                    } else if (name.equals("RecordChunk")) {
                        chunks.add(MAPPER.readValue(record.value(), RecordChunk.class));
                    }
                }
            }
        }
        return new Published(chunks, sealed);
    }
}
