package io.erplink.live;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.erplink.protocol.events.OrderSynced;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16 (found by the e2e PostgreSQL restart): the database dropping every connection of the service,
 * as a PostgreSQL restart does. Before the fix the orders.synced consumer retried inside its failed
 * transaction (on the dropped connection), gave up and stopped its channel for good, so queued orders
 * never became synced; and a placement during the outage was answered 500.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
@QuarkusTestResource(ErpSimulatorTestResource.class)
@QuarkusTestResource(StorefrontAuthTestResource.class)
class DatabaseOutageTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @AfterEach
    void erpHealthy() {
        Simulator.clearFaults();
    }

    @Test
    void syncedEventsAreAppliedAfterTheDatabaseDroppedEveryConnection() throws Exception {
        Simulator.faults("{\"outage\":true}");
        List<String> ids = List.of(OrderPlacementTest.orderId(), OrderPlacementTest.orderId());
        for (String id : ids) {
            OrderPlacementTest.place(StorefrontAuthTestResource.customerAKey(), OrderPlacementTest.order(id, 1))
                    .statusCode(202);
        }
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            dropServiceConnections();
            sendSynced(id, "SO-OUTAGE-" + i);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() -> "synced".equals(status(id)));
            given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                    .get("/api/v1/orders/" + id)
                    .then()
                    .body("erpOrderNumber", org.hamcrest.Matchers.equalTo("SO-OUTAGE-" + i));
        }
    }

    @Test
    void placementOnADroppedConnectionIsAnswered503AndTheSameOrderIsAcceptedWhenRetried() throws Exception {
        String id = OrderPlacementTest.orderId();
        dropServiceConnections();
        List<Integer> answers = new ArrayList<>();
        int status = 0;
        io.restassured.response.Response first = null;
        for (int attempt = 0; attempt < 20 && status != 201 && status != 202; attempt++) {
            io.restassured.response.Response answer = OrderPlacementTest.place(
                            StorefrontAuthTestResource.customerAKey(), OrderPlacementTest.order(id, 1))
                    .extract()
                    .response();
            first = first == null ? answer : first;
            status = answer.statusCode();
            answers.add(status);
        }
        assertEquals(503, answers.get(0), "the dropped connection answered as an outage: " + answers);
        assertEquals("urn:erplink:problem:database-unavailable", first.path("type"));
        assertEquals("2", first.header("Retry-After"));
        assertTrue(status == 201 || status == 202, "accepted when retried: " + answers);
        assertTrue(
                answers.subList(0, answers.size() - 1).stream().allMatch(s -> s == 503), "only 503 before: " + answers);
        // whichever step the dropped connection broke, the retry never created the order a second time
        var erp = Simulator.orders().get(id);
        assertTrue(erp == null || erp.path("createRequests").asInt() == 1, "at most one CreateOrder: " + erp);
    }

    /** What a PostgreSQL restart does to the service's pool: every open connection is terminated. */
    private static void dropServiceConnections() throws Exception {
        try (Connection db = PostgresKafkaTestResource.openConnection();
                Statement s = db.createStatement()) {
            s.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                    + " where datname = current_database() and pid <> pg_backend_pid()");
        }
    }

    private static void sendSynced(String id, String erpNumber) throws Exception {
        OrderSynced synced = new OrderSynced(
                UUID.randomUUID().toString(),
                OrderSynced.VERSION,
                id,
                OrderSynced.Status.SYNCED,
                erpNumber,
                null,
                1,
                Instant.now());
        try (KafkaProducer<String, String> producer = PostgresKafkaTestResource.stringProducer()) {
            producer.send(new ProducerRecord<>(Topics.ORDERS_SYNCED, id, JSON.writeValueAsString(synced)))
                    .get();
        }
    }

    private static String status(String id) {
        return given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                .get("/api/v1/orders/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }
}
