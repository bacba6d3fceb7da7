package io.erplink.mapping.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.erplink.protocol.events.ChunkFormatException;
import io.erplink.protocol.events.RecordChunk;
import io.erplink.protocol.events.RecordChunkCodec;
import io.erplink.protocol.events.Topics;

/**
 * Reads {@code batch.records.dlq} from its beginning to its end (a dead-letter topic is small and
 * read rarely, so no consumer group and no committed offsets), and re-drives a run's records onto
 * {@code batch.records} unchanged (same key, same bytes, without the dead-letter headers), where
 * mapping-service consumes them again once their cause is fixed.
 */
@ApplicationScoped
public class DeadLetterTopic {
    /** Rows of a chunk shown per dead letter. */
    static final int MAX_ROWS = 20;

    private static final int MAX_TEXT = 500;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration READ_LIMIT = Duration.ofSeconds(20);

    private final String bootstrap;
    private final String prefix;

    DeadLetterTopic(
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            // Optional: an empty prefix (the default) is no value to MicroProfile Config.
            @ConfigProperty(name = "erplink.topic-prefix") Optional<String> prefix) {
        this.bootstrap = bootstrap;
        this.prefix = prefix.orElse("");
    }

    /** Every dead letter, oldest first per partition, of one run or of all when {@code runId} is null. */
    public List<DeadLetter> read(String runId) {
        List<DeadLetter> letters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records(runId)) {
            letters.add(decode(record));
        }
        return letters;
    }

    /** Publishes the run's dead letters on {@code batch.records} again; returns how many. */
    public int redrive(String runId) {
        List<ConsumerRecord<String, byte[]>> records = records(runId);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                ProducerRecord<String, byte[]> again =
                        new ProducerRecord<>(prefix + Topics.BATCH_RECORDS, record.key(), record.value());
                for (Header header : record.headers()) {
                    if (!header.key().startsWith("dead-letter-")) {
                        again.headers().add(header);
                    }
                }
                sent.add(producer.send(again));
            }
            for (java.util.concurrent.Future<?> future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while re-driving run " + runId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the re-driven records of run " + runId, e);
        }
        return records.size();
    }

    private List<ConsumerRecord<String, byte[]>> records(String runId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "mapping-service-dead-letters-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            String topic = prefix + Topics.BATCH_RECORDS_DLQ;
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            ends.entrySet().removeIf(end -> end.getValue() == 0);
            Instant deadline = Instant.now().plus(READ_LIMIT);
            while (!ends.isEmpty() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (runId == null || runId.equals(record.key())) {
                        records.add(record);
                    }
                }
                ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
            }
        }
        return records;
    }

    private static DeadLetter decode(ConsumerRecord<String, byte[]> record) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        String reason = header(record, "dead-letter-reason");
        String cause = header(record, "dead-letter-cause");
        Instant at = Instant.ofEpochMilli(record.timestamp());
        if (RecordChunkCodec.isBinary(value)) {
            try {
                RecordChunk chunk = RecordChunkCodec.decode(value);
                return new DeadLetter(
                        record.partition(),
                        record.offset(),
                        record.key(),
                        at,
                        reason,
                        cause,
                        "chunk",
                        chunk.job(),
                        chunk.sequence(),
                        chunk.page(),
                        chunk.rows().size(),
                        chunk.rows().subList(0, Math.min(MAX_ROWS, chunk.rows().size())),
                        null,
                        value.length);
            } catch (ChunkFormatException e) {
                reason = reason == null ? e.getMessage() : reason + "; " + e.getMessage();
            }
        }
        String text = new String(value, 0, Math.min(MAX_TEXT, value.length), StandardCharsets.UTF_8);
        boolean json = text.startsWith("{");
        return new DeadLetter(
                record.partition(),
                record.offset(),
                record.key(),
                at,
                reason,
                cause,
                json ? "json" : "unreadable",
                null,
                null,
                null,
                0,
                List.of(),
                text,
                value.length);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
