package io.erplink.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalInfraTest {

    static LocalInfra infra;

    @BeforeAll
    static void start() {
        infra = LocalInfra.builder().partitions(2).start();
    }

    @AfterAll
    static void stop() {
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void createdDatabaseIsARealPostgres15OrNewerOwnedByTheErplinkRole() throws Exception {
        String url = infra.postgres()
                .createDatabase("it_" + UUID.randomUUID().toString().replace("-", ""));
        try (Connection connection = DriverManager.getConnection(
                        url, infra.postgres().username(), infra.postgres().password());
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("show server_version_num")) {
                assertTrue(rs.next());
                assertTrue(Integer.parseInt(rs.getString(1)) >= 150000, "server version " + rs.getString(1));
            }
            statement.execute("create schema demo");
            statement.execute("create table demo.item (id uuid primary key, doc jsonb not null)");
            statement.execute("insert into demo.item values (gen_random_uuid(), '{\"a\": 1}')");
            try (ResultSet rs = statement.executeQuery("select doc ->> 'a', current_user from demo.item")) {
                assertTrue(rs.next());
                assertEquals("1", rs.getString(1));
                assertEquals(PostgresServer.USERNAME, rs.getString(2));
            }
        }
    }

    @Test
    void databaseNamesAreCheckedAndNotCreatedTwice() {
        assertThrows(IllegalArgumentException.class, () -> infra.postgres().createDatabase("x; drop database erplink"));
        assertThrows(
                IllegalStateException.class, () -> infra.postgres().createDatabase(PostgresServer.DEFAULT_DATABASE));
    }

    @Test
    void recordProducedToAnAutoCreatedTopicIsConsumed() throws Exception {
        String topic = "infra-test-" + UUID.randomUUID();
        String bootstrap = infra.kafka().bootstrapServers();
        RecordMetadata sent;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new StringSerializer())) {
            sent = producer.send(new ProducerRecord<>(topic, "key-1", "hello erplink"))
                    .get();
        }
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "infra-test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        assertEquals(1, received.size());
        assertEquals("key-1", received.get(0).key());
        assertEquals("hello erplink", received.get(0).value());
        assertEquals(sent.partition(), received.get(0).partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            int partitions = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .size();
            assertEquals(2, partitions, "num.partitions from the builder");
        }
    }

    @Test
    void topicsCreatedUpFrontGetTheBrokersPartitionsAndACreateTwiceChangesNothing() throws Exception {
        List<String> topics = List.of("up-front-" + UUID.randomUUID(), "up-front-" + UUID.randomUUID());
        infra.kafka().createTopics(topics);
        infra.kafka().createTopics(topics);
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers()))) {
            Map<String, TopicDescription> described =
                    admin.describeTopics(topics).allTopicNames().get();
            for (String topic : topics) {
                assertEquals(2, described.get(topic).partitions().size(), topic);
            }
        }
    }

    @Test
    void stoppedServersReleaseTheirPortsAndTemporaryDirectories() {
        LocalInfra second = LocalInfra.start();
        int pgPort = second.postgres().port();
        int kafkaPort = second.kafka().port();
        assertTrue(second.postgres().isRunning() && second.kafka().isRunning());
        second.close();
        assertFalse(second.postgres().isRunning());
        assertFalse(second.kafka().isRunning());
        assertFalse(InfraFiles.isListening(pgPort), "PostgreSQL port closed");
        assertFalse(InfraFiles.isListening(kafkaPort), "Kafka port closed");
        assertFalse(java.nio.file.Files.exists(second.kafka().dir()), "Kafka's temporary directory removed");
    }
}
