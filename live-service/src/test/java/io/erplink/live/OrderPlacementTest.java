package io.erplink.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import io.erplink.live.erp.ErpClient;
import io.erplink.protocol.events.OrderQueued;
import io.erplink.protocol.events.OrderSynced;
import io.erplink.protocol.events.Topics;
import io.erplink.protocol.requests.CalculateOrder;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
@QuarkusTestResource(ErpSimulatorTestResource.class)
@QuarkusTestResource(StorefrontAuthTestResource.class)
class OrderPlacementTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void erpHealthyAndNoOrderTwiceInTheErp() {
        Simulator.clearFaults();
        breakers.reset(ErpClient.BREAKER);
        // The simulated ERP is not idempotent: a second create of an OrderID would be a second order.
        assertEquals(0, Simulator.duplicates(), "duplicate ERP orders");
    }

    static String orderId() {
        return "WEB-" + UUID.randomUUID();
    }

    static Map<String, Object> order(String orderId, int quantity) {
        return Map.of(
                "orderId",
                orderId,
                "currency",
                "EUR",
                "shippingMethod",
                "UPS",
                "customer",
                Map.of(
                        "name",
                        "Ada Buyer",
                        "address",
                        "1 Main St",
                        "city",
                        "Aarhus",
                        "zip",
                        "8000",
                        "countryCode",
                        "DK",
                        "email",
                        "ada@example.com"),
                "lines",
                List.of(
                        Map.of("productId", "10001", "quantity", quantity),
                        Map.of("productId", "10002", "quantity", 1)));
    }

    static ValidatableResponse place(String apiKey, Map<String, Object> order) {
        return given().header("X-Api-Key", apiKey)
                .contentType(ContentType.JSON)
                .body(order)
                .when()
                .post("/api/v1/orders")
                .then();
    }

    @Test
    void createsTheOrderInTheErpAndStoresItsNumber() {
        String id = orderId();
        String number = place(StorefrontAuthTestResource.customerAKey(), order(id, 2))
                .statusCode(201)
                .body("status", equalTo("created"))
                .body("erpOrderNumber", notNullValue())
                .body("calculation.totals.priceWithVat", notNullValue())
                .extract()
                .path("erpOrderNumber");
        assertEquals(number, Simulator.orders().get(id).path("erpOrderNumber").asText());
        given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                .when()
                .get("/api/v1/orders/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("created"))
                .body("erpOrderNumber", equalTo(number));
    }

    @Test
    void placingTheSameOrderAgainIsAnsweredFromTheStoredResult() {
        String id = orderId();
        String number = place(StorefrontAuthTestResource.customerAKey(), order(id, 2))
                .statusCode(201)
                .extract()
                .path("erpOrderNumber");
        place(StorefrontAuthTestResource.customerAKey(), order(id, 2))
                .statusCode(201)
                .body("status", equalTo("created"))
                .body("erpOrderNumber", equalTo(number));
        assertEquals(1, Simulator.orders().get(id).path("createRequests").asInt(), "one CreateOrder reached the ERP");
    }

    @Test
    void refusesTheSameOrderIdWithDifferentContent() {
        String id = orderId();
        place(StorefrontAuthTestResource.customerAKey(), order(id, 2)).statusCode(201);
        place(StorefrontAuthTestResource.customerAKey(), order(id, 3)).statusCode(409);
        place(StorefrontAuthTestResource.customerBKey(), order(id, 2)).statusCode(409);
    }

    @Test
    void anotherCustomerCannotSeeAnOrder() {
        String id = orderId();
        place(StorefrontAuthTestResource.customerAKey(), order(id, 1)).statusCode(201);
        given().header("X-Api-Key", StorefrontAuthTestResource.customerBKey())
                .when()
                .get("/api/v1/orders/" + id)
                .then()
                .statusCode(403);
        given().header("X-Api-Key", StorefrontAuthTestResource.customerBKey())
                .when()
                .get("/api/v1/orders/NO-SUCH")
                .then()
                .statusCode(404);
    }

    @Test
    void refusesAnOrderTheErpCannotPriceAndForgetsIt() {
        String id = orderId();
        Map<String, Object> bad = Map.of(
                "orderId", id, "currency", "EUR", "lines", List.of(Map.of("productId", "UNKNOWN", "quantity", 1)));
        place(StorefrontAuthTestResource.customerAKey(), bad).statusCode(422);
        given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                .when()
                .get("/api/v1/orders/" + id)
                .then()
                .statusCode(404);
        place(StorefrontAuthTestResource.customerAKey(), order(id, 1)).statusCode(201);
    }

    @Test
    void queuesOrderWhenErpIsDown() throws Exception {
        String id = orderId();
        try (KafkaConsumer<String, String> queue =
                PostgresKafkaTestResource.stringConsumer("queue-test-" + UUID.randomUUID())) {
            queue.subscribe(List.of(Topics.ORDERS_QUEUED));
            Simulator.faults("{\"outage\":true}");
            place(StorefrontAuthTestResource.customerAKey(), order(id, 2))
                    .statusCode(202)
                    .body("status", equalTo("queued"))
                    .body("erpOrderNumber", nullValue())
                    .body("queueReason", notNullValue());
            // placed again while queued: the same answer, no second event
            place(StorefrontAuthTestResource.customerAKey(), order(id, 2))
                    .statusCode(202)
                    .body("status", equalTo("queued"));

            List<ConsumerRecord<String, String>> mine = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                collect(queue, id, mine);
                return !mine.isEmpty();
            });
            long settle = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < settle) {
                collect(queue, id, mine);
            }
            assertEquals(1, mine.size(), "exactly one OrderQueued for the order");
            ConsumerRecord<String, String> record = mine.get(0);
            assertEquals(id, record.key());
            Header type = record.headers().lastHeader("erplink-type");
            assertEquals("OrderQueued", new String(type.value()));
            OrderQueued event = JSON.readValue(record.value(), OrderQueued.class);
            assertEquals(StorefrontAuthTestResource.CUSTOMER_A, event.customerId());
            assertEquals("SHOP1", event.shopId());
            CalculateOrder request = CalculateOrder.parse(new java.io.ByteArrayInputStream(
                    event.calculateOrderXml().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals(true, request.createOrder());
            assertEquals(id, request.orderId());
            assertEquals(2, request.lines().size());
            assertNull(Simulator.orders().get(id), "nothing reached the ERP");
            assertEquals(OrderQueued.VERSION, event.version());
            assertFalse(event.outcomeUnknown(), "503: the ERP did not process the create");
        }

        // order-queue-service reports the outcome; applied once even if delivered twice
        OrderSynced synced = new OrderSynced(
                UUID.randomUUID().toString(),
                OrderSynced.VERSION,
                id,
                OrderSynced.Status.SYNCED,
                "SO-QUEUED-1",
                null,
                1,
                Instant.now());
        try (KafkaProducer<String, String> producer = PostgresKafkaTestResource.stringProducer()) {
            producer.send(new ProducerRecord<>(Topics.ORDERS_SYNCED, id, JSON.writeValueAsString(synced)))
                    .get();
            producer.send(new ProducerRecord<>(Topics.ORDERS_SYNCED, id, JSON.writeValueAsString(synced)))
                    .get();
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> "synced"
                        .equals(given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                                .get("/api/v1/orders/" + id)
                                .then()
                                .statusCode(200)
                                .extract()
                                .path("status")));
        given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                .get("/api/v1/orders/" + id)
                .then()
                .body("erpOrderNumber", equalTo("SO-QUEUED-1"));
    }

    @Test
    void queuesOrderWhenTheOutcomeIsUnknownAndTheErpHasItOnce() {
        String id = orderId();
        Simulator.faults("{\"dropAfterCreate\":true}");
        place(StorefrontAuthTestResource.customerAKey(), order(id, 1))
                .statusCode(202)
                .body("status", equalTo("queued"));
        assertEquals(1, Simulator.orders().get(id).path("createRequests").asInt(), "never retried by live-service");
    }

    @Test
    void createThatTimesOutAfterTheErpCreatedTheOrderIsQueuedAsOutcomeUnknown() throws Exception {
        String id = orderId();
        try (KafkaConsumer<String, String> queue =
                PostgresKafkaTestResource.stringConsumer("queue-test-" + UUID.randomUUID())) {
            queue.subscribe(List.of(Topics.ORDERS_QUEUED));
            // the ERP creates the order and answers nothing for longer than live-service's create-timeout (2 s)
            Simulator.faults("{\"dropAfterCreate\":true,\"dropMode\":\"TIMEOUT\",\"dropTimeoutMs\":5000}");
            place(StorefrontAuthTestResource.customerAKey(), order(id, 1))
                    .statusCode(202)
                    .body("status", equalTo("queued"));

            List<ConsumerRecord<String, String>> mine = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                collect(queue, id, mine);
                return !mine.isEmpty();
            });
            OrderQueued event = JSON.readValue(mine.get(0).value(), OrderQueued.class);
            assertEquals(OrderQueued.VERSION, event.version());
            assertTrue(event.outcomeUnknown(), "the ERP may have the order: " + event.reason());
            assertEquals(
                    1,
                    Simulator.orders().get(id).path("erpOrderNumbers").size(),
                    "the ERP created it once; live-service never retries a create");
        }
    }

    @Test
    void queuesOrderWhileTheBreakerIsOpenWithoutCallingTheErp() {
        Simulator.faults("{\"outage\":true}");
        for (int i = 0; i < 4; i++) {
            place(StorefrontAuthTestResource.customerAKey(), order(orderId(), 1))
                    .statusCode(202);
        }
        String id = orderId();
        long before = ErpBreakerTest.erpCalls("CalculateOrder.create");
        place(StorefrontAuthTestResource.customerAKey(), order(id, 1))
                .statusCode(202)
                .body("queueReason", equalTo("ERP circuit breaker open"));
        assertEquals(before, ErpBreakerTest.erpCalls("CalculateOrder.create"), "open breaker: no CreateOrder sent");
    }

    private static void collect(
            KafkaConsumer<String, String> consumer, String id, List<ConsumerRecord<String, String>> into) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
            if (id.equals(record.key())) {
                into.add(record);
            }
        }
    }
}
