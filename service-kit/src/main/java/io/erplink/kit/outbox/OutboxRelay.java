package io.erplink.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;

import io.erplink.kit.KitSchema;
import io.erplink.kit.tracing.TraceContext;

/**
 * Sends committed outbox events to Kafka, oldest first, and marks them published once Kafka has
 * acknowledged them. At-least-once: a crash between the acknowledgement and the mark sends a round
 * again, which consumers absorb through their processed-event table. Only one replica relays at a
 * time (a transaction-scoped advisory lock), which keeps the order of events per key.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Header carrying the event record's simple class name, for topics with several event types. */
    public static final String TYPE_HEADER = "erplink-type";
    /** Header carrying the outbox row id. */
    public static final String OUTBOX_ID_HEADER = "erplink-outbox-id";

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final KitSchema schema;
    private final Producer<String, String> producer;
    private final ExecutorService wakeUps = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private final Tracer tracer;

    @Inject
    OutboxRelay(
            AgroalDataSource dataSource,
            OutboxConfig config,
            KitSchema schema,
            MeterRegistry registry,
            Tracer tracer,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.tracer = tracer;
        this.dataSource = dataSource;
        this.config = config;
        this.schema = schema;
        this.producer = new KafkaProducer<>(
                producerConfig(kafkaConfig, config.sendTimeout()), new StringSerializer(), new StringSerializer());
        this.published = registry.counter("erplink.outbox.published");
        this.failures = registry.counter("erplink.outbox.failures");
        registry.gauge("erplink.outbox.pending", pending);
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig, Duration sendTimeout) {
        Map<String, Object> producerConfig = new HashMap<>();
        // Quarkus hands the kafka.* properties without the prefix; keep the ones a producer knows.
        kafkaConfig.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                producerConfig.put(key, value);
            }
        });
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        producerConfig.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "erplink-outbox-relay");
        // One request in flight: a batch refused for a partition whose leader is not ready yet (a topic just
        // created) is retried before the next is sent. With five, the next ones met OUT_OF_ORDER_SEQUENCE_NUMBER
        // and were retried for the whole delivery timeout (120 s of a mapping-service start in the e2e suite).
        producerConfig.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        // The producer gives a round up within the relay's send timeout: flush() waited for the delivery
        // timeout (120 s by default), longer than the send timeout the relay promises, with every event behind.
        long timeoutMillis = sendTimeout.toMillis();
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
        producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, timeoutMillis / 2));
        return producerConfig;
    }

    /** Asks for a relay round soon, e.g. right after a commit that wrote an event. */
    public void wakeUp() {
        if (config.relayEnabled() && wakeUpPending.compareAndSet(false, true)) {
            wakeUps.execute(() -> {
                wakeUpPending.set(false);
                relayAll();
            });
        }
    }

    @Scheduled(
            every = "${erplink.outbox.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        if (config.relayEnabled()) {
            relayAll();
        }
    }

    /**
     * Relays rounds until the outbox is empty or a round fails. Synchronized so the scheduler and
     * wake-ups never relay concurrently in one instance.
     *
     * @return events published
     */
    public synchronized long relayAll() {
        long total = 0;
        try {
            int sent;
            do {
                sent = QuarkusTransaction.requiringNew().call(this::relayRound);
                total += sent;
            } while (sent == config.batchSize());
            pending.set(QuarkusTransaction.requiringNew().call(this::countPending));
        } catch (RuntimeException e) {
            failures.increment();
            LOG.warnf("outbox relay round failed, events stay queued and are retried: %s", rootMessage(e));
        }
        return total;
    }

    private int relayRound() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            if (!tryLock(connection)) {
                return 0;
            }
            List<UUID> ids = new ArrayList<>();
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            List<Span> spans = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select id, topic, event_key, event_type, payload::text, trace_parent from "
                            + schema.table("outbox_event")
                            + " where published_at is null order by created_at, seq limit ?")) {
                select.setInt(1, config.batchSize());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        UUID id = rows.getObject(1, UUID.class);
                        ProducerRecord<String, String> record =
                                new ProducerRecord<>(rows.getString(2), rows.getString(3), rows.getString(5));
                        record.headers().add(TYPE_HEADER, rows.getString(4).getBytes(StandardCharsets.UTF_8));
                        record.headers().add(OUTBOX_ID_HEADER, id.toString().getBytes(StandardCharsets.UTF_8));
                        spans.add(producerSpan(record, rows.getString(6)));
                        ids.add(id);
                        acks.add(producer.send(record));
                    }
                }
            }
            if (ids.isEmpty()) {
                return 0;
            }
            try {
                producer.flush();
                long deadline = System.nanoTime() + config.sendTimeout().toNanos();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                spans.forEach(span -> span.setStatus(StatusCode.ERROR, rootMessage(e)));
                throw e;
            } finally {
                spans.forEach(Span::end);
            }
            try (PreparedStatement mark = connection.prepareStatement(
                    "update " + schema.table("outbox_event") + " set published_at = now() where id = any(?)")) {
                Array array = connection.createArrayOf("uuid", ids.toArray());
                mark.setArray(1, array);
                mark.executeUpdate();
            }
            published.increment(ids.size());
            return ids.size();
        }
    }

    /**
     * A PRODUCER span for a relayed event, child of the span that wrote it (its stored
     * {@code traceparent}), whose context the record carries to the consumer.
     */
    private Span producerSpan(ProducerRecord<String, String> record, String traceparent) {
        Span span = tracer.spanBuilder(record.topic() + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(TraceContext.parent(traceparent))
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.operation", "publish")
                .startSpan();
        TraceContext.inject(Context.root().with(span), record.headers());
        return span;
    }

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, schema.table("outbox_event"));
            try (ResultSet result = lock.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private long countPending() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "select count(*) from " + schema.table("outbox_event") + " where published_at is null");
                ResultSet result = count.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Deletes published events older than the retention. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgePublished() {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement delete = connection.prepareStatement(
                            "delete from " + schema.table("outbox_event") + " where published_at < ?")) {
                delete.setTimestamp(1, Timestamp.from(Instant.now().minus(config.retention())));
                int deleted = delete.executeUpdate();
                if (deleted > 0) {
                    LOG.debugf("purged %d published outbox events", deleted);
                }
            } catch (SQLException e) {
                LOG.warnf("could not purge published outbox events: %s", e.getMessage());
            }
        });
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @PreDestroy
    void close() {
        wakeUps.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
