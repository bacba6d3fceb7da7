package io.erplink.live;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import io.erplink.live.orders.OrderService;
import io.erplink.live.orders.PlacingReaper;
import io.erplink.protocol.events.OrderQueued;
import io.erplink.protocol.events.OrderSynced;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    @Inject
    OrderService orders;

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

    /**
     * Issue 16 (e2e: 2 of 80 orders stayed PLACING across a PostgreSQL restart): the database goes away
     * after the order's claim is committed and while its CreateOrder is under way, so the ERP's answer
     * cannot be stored. Before the fix the shop got a 503 and the row stayed PLACING until the reaper's
     * placing-timeout (2 min); now the answer is the ERP's, and it is stored once the database is back.
     */
    @Test
    void anOrderTheErpCreatedWhileTheDatabaseWasAwayIsStoredCreatedWhenItIsBack() throws Exception {
        String id = OrderPlacementTest.orderId();
        // the CreateOrder takes 1.2 s (within the test's 2 s create-timeout): the database goes away meanwhile
        Simulator.faults("{\"latencyMs\":1200}");
        try (Connection held = PostgresKafkaTestResource.openConnection()) {
            var answer = placeDuringOutage(held, id);
            String number = Simulator.orders().get(id).path("erpOrderNumber").asText();
            assertEquals(201, answer.statusCode(), "the ERP's answer, not a 503: " + answer.asString());
            assertEquals("created", answer.path("status"));
            assertEquals(number, answer.path("erpOrderNumber"));

            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> "CREATED".equals(row(held, id)[0]));
            assertEquals(number, row(held, id)[1], "the ERP's number stored");
            assertEquals(1, Simulator.orders().get(id).path("createRequests").asInt(), "one CreateOrder");
            assertEquals(0, queuedEvents(id).size(), "an order the ERP created is not queued");
        }
    }

    @Test
    void anOrderQueuedWhileTheDatabaseWasAwayIsQueuedOnceWithItsOwnReasonWhenItIsBack() throws Exception {
        String id = OrderPlacementTest.orderId();
        // 429 with a Retry-After longer than live-service waits: certainly not created, queued (outcome known)
        Simulator.faults("{\"latencyMs\":1200,\"throttle429\":{\"rate\":1.0,\"retryAfterSeconds\":60}}");
        try (Connection held = PostgresKafkaTestResource.openConnection()) {
            var answer = placeDuringOutage(held, id);
            assertEquals(202, answer.statusCode(), "queued, not a 503: " + answer.asString());
            assertEquals("queued", answer.path("status"));

            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> "QUEUED".equals(row(held, id)[0]));
            List<OrderQueued> events = queuedEvents(id);
            assertEquals(1, events.size(), "exactly one OrderQueued: " + events);
            assertFalse(
                    events.get(0).outcomeUnknown(),
                    "a 429 was not processed: " + events.get(0).reason());
            assertEquals(answer.path("queueReason"), events.get(0).reason());
            assertNull(Simulator.orders().get(id), "nothing reached the ERP's order book");
        }
    }

    @Test
    void aPlacementInterruptedBeforeTheErpAnsweredIsQueuedAsOutcomeUnknownByTheReaper() throws Exception {
        String model = OrderPlacementTest.orderId();
        OrderPlacementTest.place(StorefrontAuthTestResource.customerAKey(), OrderPlacementTest.order(model, 1))
                .statusCode(201);
        String id = OrderPlacementTest.orderId();
        try (Connection db = PostgresKafkaTestResource.openConnection();
                Statement s = db.createStatement()) {
            // a claim committed 3 minutes ago (placing-timeout: 2 min) whose replica died before the answer
            int inserted = s.executeUpdate("insert into live.placed_order (order_id, customer_id, client_id, shop_id,"
                    + " payload_hash, status, currency, calculate_order_xml, placed_at, updated_at)"
                    + " select '" + id + "', customer_id, client_id, shop_id, payload_hash, 'PLACING', currency,"
                    + " replace(calculate_order_xml, '" + model + "', '" + id + "'), now() - interval '3 minutes',"
                    + " now() - interval '3 minutes' from live.placed_order where order_id = '" + model + "'");
            assertEquals(1, inserted);
            // the reaper's sweep (scheduled every reaper-interval), run now
            orders.queueInterrupted();
            assertEquals("QUEUED", row(db, id)[0], "the interrupted placement queued");
        }
        List<OrderQueued> events = queuedEvents(id);
        assertEquals(1, events.size(), "exactly one OrderQueued: " + events);
        assertTrue(events.get(0).outcomeUnknown(), "the CreateOrder may have gone out: the queue checks the ERP first");
    }

    @Test
    void aPlacingTimeoutThatCouldQueueACreateStillUnderWayIsRefused() {
        Duration ceiling = Duration.ofSeconds(15);
        PlacingReaper.requireSafe(Duration.ofSeconds(30), ceiling);
        PlacingReaper.requireSafe(Duration.ofMinutes(2), ceiling);
        IllegalStateException refused = assertThrows(
                IllegalStateException.class, () -> PlacingReaper.requireSafe(Duration.ofSeconds(29), ceiling));
        assertTrue(refused.getMessage().contains("erplink.live.orders.placing-timeout"), refused.getMessage());
    }

    /**
     * Places the order; once its claim is committed (the row is PLACING, the CreateOrder under way) the
     * database goes away as in a PostgreSQL restart: every connection of the service dropped, new ones
     * refused. It comes back after the answer. {@code held} is the test's own connection, which stays.
     */
    private static ExtractableResponse<Response> placeDuringOutage(Connection held, String id) throws Exception {
        var answer = CompletableFuture.supplyAsync(() -> OrderPlacementTest.place(
                        StorefrontAuthTestResource.customerAKey(), OrderPlacementTest.order(id, 1))
                .extract());
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> "PLACING".equals(row(held, id)[0]));
        // ALTER DATABASE of the current database cannot disallow connections: done from the maintenance database
        String db = PostgresKafkaTestResource.database();
        try (Connection admin = DriverManager.getConnection(
                        PostgresKafkaTestResource.jdbcUrl().replace("/" + db, "/postgres"),
                        PostgresKafkaTestResource.username(),
                        PostgresKafkaTestResource.password());
                Statement s = admin.createStatement()) {
            try {
                s.execute("alter database " + db + " allow_connections false");
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + db
                        + "' and pid <> " + backendPid(held));
                var response = answer.get(30, TimeUnit.SECONDS);
                assertEquals("PLACING", row(held, id)[0], "the answer was not stored while the database was away");
                return response;
            } finally {
                s.execute("alter database " + db + " allow_connections true");
            }
        }
    }

    private static int backendPid(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
                var rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** status and erp_order_number of the order's row; nulls when there is none. */
    private static String[] row(Connection db, String id) throws SQLException {
        try (var s = db.prepareStatement("select status, erp_order_number from live.placed_order where order_id = ?")) {
            s.setString(1, id);
            try (var rs = s.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : new String[2];
            }
        }
    }

    /** The OrderQueued events of the order on orders.queued, read until 3 s pass without one more. */
    private static List<OrderQueued> queuedEvents(String id) throws Exception {
        List<OrderQueued> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                PostgresKafkaTestResource.stringConsumer("outage-test-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(Topics.ORDERS_QUEUED));
            long quiet = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < quiet) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (id.equals(record.key())) {
                        events.add(JSON.readValue(record.value(), OrderQueued.class));
                        quiet = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                    }
                }
            }
        }
        return events;
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
