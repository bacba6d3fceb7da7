package io.erplink.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outages the fault suite injects: the broker killed and restarted, PostgreSQL shut down and restarted. */
class InfraRestartTest {
    static LocalInfra infra;

    @BeforeAll
    static void start() {
        infra = LocalInfra.builder().partitions(1).synchronousCommit(true).start();
    }

    @AfterAll
    static void stop() {
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void killedBrokerRestartsOnItsPortWithEveryAcknowledgedRecord() throws Exception {
        String topic = "restart-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "k", "before-" + i)).get();
            }
        }
        int port = infra.kafka().port();

        infra.kafka().kill9();
        assertFalse(infra.kafka().isRunning(), "killed");
        assertFalse(InfraFiles.isListening(port), "nothing listens on the broker's port");

        infra.kafka().restart();
        assertTrue(infra.kafka().isRunning());
        assertEquals(port, infra.kafka().port(), "same port");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "restart-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < 10 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                expected.add("before-" + i);
            }
            assertEquals(expected, values, "every record acknowledged before the kill, once, in order");
        }
    }

    @Test
    void postgresRestartsAfterImmediateAndFastShutdownWithEveryCommittedRow() throws Exception {
        PostgresServer postgres = infra.postgres();
        String url = postgres.createDatabase(
                "restart_" + UUID.randomUUID().toString().replace("-", ""));
        try (Connection db = DriverManager.getConnection(url, postgres.username(), postgres.password());
                Statement s = db.createStatement()) {
            s.execute("create table item (id int primary key)");
            s.execute("insert into item select generate_series(1, 1000)");
        }
        for (PostgresServer.ShutdownMode mode : PostgresServer.ShutdownMode.values()) {
            try (Connection open = DriverManager.getConnection(url, postgres.username(), postgres.password())) {
                postgres.shutdown(mode);
                assertFalse(postgres.isRunning(), mode + ": down");
                assertThrows(SQLException.class, () -> open.createStatement().execute("select 1"), "cut off");
                assertThrows(
                        SQLException.class,
                        () -> DriverManager.getConnection(url, postgres.username(), postgres.password()),
                        mode + ": no new connection while down");
            }
            postgres.restart();
            assertTrue(postgres.isRunning(), mode + ": up again");
            try (Connection db = DriverManager.getConnection(url, postgres.username(), postgres.password());
                    Statement s = db.createStatement();
                    ResultSet rs = s.executeQuery("select count(*), sum(id) from item")) {
                rs.next();
                assertEquals(1000, rs.getLong(1), mode + ": rows after restart");
                assertEquals(500_500, rs.getLong(2), mode + ": the same rows");
            }
        }
    }
}
