package io.erplink.mapping.execution;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.erplink.protocol.events.RecordChunk;
import io.erplink.protocol.events.RecordChunkCodec;
import io.erplink.protocol.events.RunSealed;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.PostgresKafkaTestResource;

/**
 * Test side of Kafka and the database: produces RecordChunk/RunSealed to batch.records as
 * batch-service would, collects what mapping-service publishes on batch.results, catalog.changed and
 * the dead-letter topic, and reads commerce rows back.
 */
public final class Events implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    static final String DLQ = Topics.BATCH_RECORDS + ".dlq";

    private final KafkaProducer<String, String> producer = PostgresKafkaTestResource.stringProducer();
    private final KafkaProducer<String, byte[]> bytes = new KafkaProducer<>(
            Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    PostgresKafkaTestResource.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG,
                    "all"),
            new StringSerializer(),
            new ByteArraySerializer());
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

    public Events() {
        consumer = PostgresKafkaTestResource.stringConsumer("mapping-test-" + UUID.randomUUID());
        consumer.subscribe(List.of(Topics.BATCH_RESULTS, Topics.CATALOG_CHANGED, DLQ));
    }

    public static RecordChunk.Row row(String table, long row, String... columnsAndValues) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            columns.put(columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return new RecordChunk.Row(table, row, columns);
    }

    public static RecordChunk chunk(String runId, String job, long sequence, List<RecordChunk.Row> rows) {
        return new RecordChunk(
                UUID.randomUUID().toString(), RecordChunk.VERSION, runId, job, sequence, (int) sequence + 1, rows);
    }

    public static RunSealed sealed(String runId, String job, long chunks, long rows, boolean fullImport) {
        return new RunSealed(UUID.randomUUID().toString(), RunSealed.VERSION, runId, job, chunks, rows, fullImport);
    }

    /**
     * Sends an event as batch-service does: key = run id, type header; a RecordChunk of version 2 in the
     * binary encoding, one of version 1 and a RunSealed as JSON (the outbox relay's form).
     */
    public void send(String runId, Object event) throws Exception {
        byte[] value = event instanceof RecordChunk chunk && chunk.version() == RecordChunk.VERSION
                ? RecordChunkCodec.encode(chunk)
                : JSON.writeValueAsBytes(event);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.BATCH_RECORDS, runId, value);
        record.headers().add("erplink-type", event.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
        bytes.send(record).get();
    }

    /**
     * Sends an event to one partition of batch.records, key = run id, as batch-service does for a run
     * spread over the partitions (a chunk carries {@link RecordChunk#SPREAD_HEADER}).
     */
    public void sendTo(int partition, String runId, Object event) throws Exception {
        byte[] value =
                event instanceof RecordChunk chunk ? RecordChunkCodec.encode(chunk) : JSON.writeValueAsBytes(event);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.BATCH_RECORDS, partition, runId, value);
        record.headers().add("erplink-type", event.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
        if (event instanceof RecordChunk) {
            record.headers().add(RecordChunk.SPREAD_HEADER, "1".getBytes(StandardCharsets.UTF_8));
        }
        bytes.send(record).get();
    }

    /** The partitions of batch.records. */
    public int partitions() {
        return bytes.partitionsFor(Topics.BATCH_RECORDS).size();
    }

    /** Sends a raw value without a type header. */
    void sendRaw(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.BATCH_RECORDS, key, value)).get();
    }

    /** Waits for a record on a topic whose JSON matches, and returns it as a map. */
    public Map<String, Object> await(String topic, Predicate<Map<String, Object>> match, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Map<String, Object> value : values(topic)) {
                if (match.test(value)) {
                    return value;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "nothing matching on " + topic + " within " + timeout + "; received " + values(topic));
            }
            poll();
        }
    }

    /**
     * Runs a job as batch-service would: the chunks (sequence 0, 1, ...), then RunSealed with
     * {@code rowCount} (the rows sent, or a wrong count on purpose), and waits for the RunResult.
     */
    public Map<String, Object> run(String runId, String job, long rowCount, List<List<RecordChunk.Row>> chunks)
            throws Exception {
        for (int i = 0; i < chunks.size(); i++) {
            send(runId, chunk(runId, job, i, chunks.get(i)));
        }
        send(runId, sealed(runId, job, chunks.size(), rowCount, false));
        return runResult(runId);
    }

    /** The RunResult of a run. */
    public Map<String, Object> runResult(String runId) throws Exception {
        return await(
                Topics.BATCH_RESULTS,
                v -> runId.equals(v.get("runId")) && v.containsKey("status"),
                Duration.ofSeconds(60));
    }

    /** Everything received so far on a topic for a run (after a short extra poll). */
    public List<Map<String, Object>> all(String topic, String runId) throws Exception {
        poll();
        return values(topic).stream().filter(v -> runId.equals(v.get("runId"))).toList();
    }

    List<ConsumerRecord<String, String>> raw(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    private List<Map<String, Object>> values(String topic) throws Exception {
        List<Map<String, Object>> values = new ArrayList<>();
        for (ConsumerRecord<String, String> record : raw(topic)) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> value = JSON.readValue(record.value(), Map.class);
                values.add(value);
            } catch (Exception notJson) {
                // the dead-letter topic carries what was not JSON
            }
        }
        return values;
    }

    void poll() {
        consumer.poll(Duration.ofMillis(300)).forEach(received::add);
    }

    /** Rows of a query as ordered maps (column label to value as text). */
    public static List<Map<String, String>> query(String sql) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection connection = PostgresKafkaTestResource.openConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    public static void execute(String sql) throws Exception {
        try (Connection connection = PostgresKafkaTestResource.openConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() {
        producer.close();
        bytes.close();
        consumer.close();
    }
}
