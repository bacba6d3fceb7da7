package io.erplink.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresKafkaTestResourceTest {

    @Test
    void everyStartGetsAFreshDatabaseOnTheSameServersAndTheAccessorsFollow() throws Exception {
        PostgresKafkaTestResource resource = new PostgresKafkaTestResource();
        Map<String, String> first = resource.start();
        try (Connection connection = DriverManager.getConnection(
                        first.get("quarkus.datasource.jdbc.url"),
                        first.get("quarkus.datasource.username"),
                        first.get("quarkus.datasource.password"));
                Statement statement = connection.createStatement()) {
            statement.execute("create table leftover (id int)");
        }

        Map<String, String> second = new PostgresKafkaTestResource().start();
        assertNotEquals(first.get("quarkus.datasource.jdbc.url"), second.get("quarkus.datasource.jdbc.url"));
        assertEquals(first.get("kafka.bootstrap.servers"), second.get("kafka.bootstrap.servers"), "one broker per JVM");
        assertEquals(second.get("quarkus.datasource.jdbc.url"), PostgresKafkaTestResource.jdbcUrl());
        assertEquals(second.get("kafka.bootstrap.servers"), PostgresKafkaTestResource.bootstrapServers());
        try (Connection connection = PostgresKafkaTestResource.openConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "select count(*) from information_schema.tables where table_name = 'leftover'")) {
            assertTrue(rs.next());
            assertEquals(0, rs.getInt(1), "the new database is empty");
            assertEquals(PostgresKafkaTestResource.database(), connection.getCatalog());
        }
        resource.stop();
    }

    @Test
    void producerAndConsumerAccessorsReachTheBroker() throws Exception {
        new PostgresKafkaTestResource().start();
        String topic = "ts-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = PostgresKafkaTestResource.stringProducer()) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get();
        }
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                PostgresKafkaTestResource.stringConsumer("ts-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertEquals(1, records.size());
        assertEquals("v", records.get(0).value());
        assertFalse(PostgresKafkaTestResource.password().length() > 0);
    }
}
