package io.erplink.batch.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import io.erplink.batch.BatchConfig;
import io.erplink.kit.tracing.TraceContext;
import io.erplink.protocol.events.RecordChunk;
import io.erplink.protocol.events.Topics;

/**
 * Publishes row chunks to {@code batch.records} with a direct, idempotent Kafka producer (acks=all,
 * enable.idempotence) rather than through the outbox: a million rows would otherwise be written to
 * PostgreSQL twice. Exactly-once effect instead comes from page commits:
 * <ol>
 * <li>a page's chunks get sequences {@code sequenceFrom .. sequenceFrom + n - 1}, where
 * {@code sequenceFrom} is fixed by the pages committed before it, and chunk boundaries depend only on
 * the page's rows (row count and size), so fetching the same page again yields the same chunks with
 * the same sequences and the same event ids;</li>
 * <li>the page is committed in PostgreSQL (resume point moves past it) only after Kafka acknowledged
 * every chunk of it: no committed page has a lost chunk;</li>
 * <li>a crash between the acks and the commit re-publishes the page's chunks with the same
 * {@code (runId, sequence)}, which mapping-service deduplicates: no duplicate rows.</li>
 * </ol>
 * RunSealed goes through the outbox in the transaction that seals the run; being sent after every
 * chunk was acknowledged and keyed by the run id like them, it lands after them in the partition.
 *
 * <p>With {@code erplink.batch.publish.partitioning=spread} chunk {@code k} goes to the partition
 * {@code k} after the run id's ({@link RecordChunk#spreadPartition}, the key stays the run id) with the
 * header {@link RecordChunk#SPREAD_HEADER}: the run's chunks are staged by several mapping-service
 * replicas at once and its RunSealed may overtake some of them, which mapping-service expects.
 */
@ApplicationScoped
public class ChunkPublisher {
    /** Header with the event record's simple class name (as the outbox relay writes it). */
    public static final String TYPE_HEADER = "erplink-type";

    private static final byte[] CHUNK_TYPE = RecordChunk.class.getSimpleName().getBytes(StandardCharsets.UTF_8);
    private static final byte[] SPREAD = "1".getBytes(StandardCharsets.UTF_8);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final boolean spread;
    private final Tracer tracer = TraceContext.tracer();

    ChunkPublisher(
            BatchConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "erplink.topic-prefix") Optional<String> prefix) {
        this.topic = Topics.withPrefix(prefix.orElse(""), Topics.BATCH_RECORDS);
        this.spread = config.publish().partitioning() == BatchConfig.Partitioning.SPREAD;
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(
                ProducerConfig.LINGER_MS_CONFIG, (int) config.publish().linger().toMillis());
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.publish().compression());
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1024 * 1024);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        props.put(
                ProducerConfig.CLIENT_ID_CONFIG,
                "batch-service-chunks-" + UUID.randomUUID().toString().substring(0, 8));
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** The full topic name chunks go to. */
    public String topic() {
        return topic;
    }

    /**
     * A writer for one page's chunks.
     *
     * @param rule       the run's split rule (see {@link ChunkRule})
     * @param checkpoint called before each chunk is sent; throws {@link LeaseLost} when the run is no longer ours
     */
    public ChunkWriter open(UUID runId, String job, int page, long sequenceFrom, ChunkRule rule, Runnable checkpoint) {
        return new ChunkWriter(this::sendChunk, runId, job, page, sequenceFrom, rule, checkpoint);
    }

    /** Sends an encoded RecordChunk (binary, version 2) with its type header (key = run id). */
    Future<RecordMetadata> sendChunk(String key, long sequence, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition(key, sequence), key, value);
        record.headers().add(TYPE_HEADER, CHUNK_TYPE);
        if (spread) {
            record.headers().add(RecordChunk.SPREAD_HEADER, SPREAD);
        }
        // A PRODUCER span in the page's trace, ended by the acknowledgement; its traceparent goes
        // with the chunk, so mapping-service stages (and merges) it in the page's trace.
        Span span = tracer.spanBuilder(topic + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.operation", "publish")
                .startSpan();
        TraceContext.inject(Context.current().with(span), record.headers());
        return producer.send(record, (metadata, failure) -> {
            if (failure != null) {
                span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
            }
            span.end();
        });
    }

    /** Null (the key's partition, Kafka's default) unless the run is spread. */
    private Integer partition(String key, long sequence) {
        if (!spread) {
            return null;
        }
        int partitions = producer.partitionsFor(topic).size(); // the producer's metadata, cached
        // Kafka's default partition for the key, so a spread run starts where RunSealed goes.
        int keyPartition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
        return RecordChunk.spreadPartition(keyPartition, sequence, partitions);
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
