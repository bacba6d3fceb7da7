package io.erplink.kit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.erplink.kit.inbox.ProcessedEvents;
import io.erplink.kit.outbox.Outbox;
import io.erplink.kit.outbox.OutboxRelay;
import io.erplink.protocol.events.ErpStatusChanged;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
class OutboxTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void committedEventReachesKafkaWithTypeHeaderAndIsMarkedPublished() throws Exception {
        String source = "test-" + UUID.randomUUID();
        ErpStatusChanged event = new ErpStatusChanged(
                UUID.randomUUID().toString(),
                ErpStatusChanged.VERSION,
                source,
                ErpStatusChanged.Status.DOWN,
                "breaker opened",
                Instant.parse("2026-11-22T10:00:00Z"));
        UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.publish(Topics.ERP_STATUS, source, event));

        relay.relayAll();
        // a second round must not send the event again: it is stamped published
        relay.relayAll();

        List<ConsumerRecord<String, String>> records = consume(Topics.ERP_STATUS, source);
        assertEquals(1, records.size(), "exactly one record for the committed event");
        ConsumerRecord<String, String> record = records.get(0);
        ErpStatusChanged received = mapper.readValue(record.value(), ErpStatusChanged.class);
        assertEquals(event, received, "the event arrives as written");
        assertEquals(
                "ErpStatusChanged",
                new String(record.headers().lastHeader(OutboxRelay.TYPE_HEADER).value(), StandardCharsets.UTF_8));
        assertTrue(isPublished(id), "outbox row stamped published");
    }

    @Test
    void rolledBackEventIsNeverPublished() throws Exception {
        String source = "rollback-" + UUID.randomUUID();
        ErpStatusChanged event = new ErpStatusChanged(
                UUID.randomUUID().toString(),
                ErpStatusChanged.VERSION,
                source,
                ErpStatusChanged.Status.UP,
                "probe ok",
                Instant.now());
        assertThrows(
                IllegalStateException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    outbox.publish(Topics.ERP_STATUS, source, event);
                    throw new IllegalStateException("the change failed");
                }));

        relay.relayAll();

        assertEquals(0, consume(Topics.ERP_STATUS, source).size());
    }

    @Test
    void publishOutsideTransactionIsRefused() {
        assertThrows(Exception.class, () -> outbox.publish(Topics.ERP_STATUS, "k", Map.of("a", 1)));
    }

    @Test
    void redeliveredEventIsRecognisedOnlyAfterItsTransactionCommitted() {
        String eventId = UUID.randomUUID().toString();
        // A consumer whose effect rolls back must see the event as new on redelivery.
        assertThrows(
                IllegalStateException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    assertTrue(processedEvents.firstDelivery("test-consumer", eventId));
                    throw new IllegalStateException("effect failed");
                }));
        assertTrue(
                QuarkusTransaction.requiringNew().call(() -> processedEvents.firstDelivery("test-consumer", eventId)));
        assertFalse(
                QuarkusTransaction.requiringNew().call(() -> processedEvents.firstDelivery("test-consumer", eventId)));
        // Another consumer of the same event is independent.
        assertTrue(
                QuarkusTransaction.requiringNew().call(() -> processedEvents.firstDelivery("other-consumer", eventId)));
    }

    private boolean isPublished(UUID id) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "select published_at is not null from kit.outbox_event where id = '" + id + "'")) {
            return result.next() && result.getBoolean(1);
        }
    }

    /**
     * The topic's records with this key, read from the beginning up to the end offsets the broker has now:
     * relayAll returns once the broker acknowledged (acks=all) all it sent, so everything it published is
     * before those offsets (no fixed wait for records that might still come).
     */
    private List<ConsumerRecord<String, String>> consume(String topic, String key) {
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertTrue(System.nanoTime() < deadline, "read " + topic + " up to " + end + " within 30 s");
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        matching.add(record);
                    }
                });
            }
        }
        return matching;
    }
}
