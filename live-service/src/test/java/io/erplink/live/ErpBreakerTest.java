package io.erplink.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

import io.erplink.live.erp.ErpClient;
import io.erplink.protocol.events.ErpStatusChanged;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
@QuarkusTestResource(ErpSimulatorTestResource.class)
@QuarkusTestResource(StorefrontAuthTestResource.class)
class ErpBreakerTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void erpHealthy() {
        Simulator.clearFaults();
        breakers.reset(ErpClient.BREAKER);
    }

    private static void lookup(String product) {
        given().header("X-Api-Key", StorefrontAuthTestResource.customerBKey())
                .contentType(ContentType.JSON)
                .body(Map.of("currency", "EUR", "items", List.of(Map.of("productId", product))))
                .when()
                .post("/api/v1/prices")
                .then()
                .statusCode(200);
    }

    @Test
    void breakerOpensAfterTheConfiguredFailuresAndTheProbeClosesItWhenTheErpIsBack() throws Exception {
        breakers.reset(ErpClient.BREAKER);
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(ErpClient.BREAKER));
        try (KafkaConsumer<String, String> status =
                PostgresKafkaTestResource.stringConsumer("breaker-test-" + System.nanoTime())) {
            status.subscribe(List.of(Topics.ERP_STATUS));
            Simulator.faults("{\"outage\":true}");
            long before = erpCalls("GetEcomData.Products");

            // Test config: 4 calls in the window, all failed → open. A lookup is one call plus 2 retries.
            lookup("10301");
            assertEquals(
                    CircuitBreakerState.CLOSED, breakers.currentState(ErpClient.BREAKER), "3 failures: still closed");
            lookup("10302");
            assertEquals(CircuitBreakerState.OPEN, breakers.currentState(ErpClient.BREAKER), "4th failure opens it");
            assertEquals(before + 4, erpCalls("GetEcomData.Products"), "the 4th call was the last to go out");

            // Open: answers still come (marked as fallback), nothing reaches the ERP.
            given().header("X-Api-Key", StorefrontAuthTestResource.customerBKey())
                    .contentType(ContentType.JSON)
                    .body(Map.of("currency", "EUR", "items", List.of(Map.of("productId", "10303"))))
                    .when()
                    .post("/api/v1/prices")
                    .then()
                    .statusCode(200)
                    .body("live", equalTo(false))
                    .body("items[0].available", equalTo(false));
            assertEquals(before + 4, erpCalls("GetEcomData.Products"), "open breaker: no ERP call");

            // Readiness reports the breaker and stays UP (fallbacks keep serving).
            given().when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("checks.find { it.name == 'erp' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'erp' }.data.breaker", equalTo("OPEN"));
            String metrics = given().when()
                    .get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertTrue(
                    metrics.lines()
                            .anyMatch(l -> l.startsWith("erplink_erp_breaker_state")
                                    && l.trim().endsWith(" 2.0")),
                    "gauge shows open");

            // The ERP comes back: the probe closes the breaker without any customer request.
            Simulator.clearFaults();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> breakers.currentState(ErpClient.BREAKER) == CircuitBreakerState.CLOSED);
            given().when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("checks.find { it.name == 'erp' }.data.breaker", equalTo("CLOSED"));

            // erp.status saw DOWN, then UP.
            List<ErpStatusChanged> events = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : status.poll(Duration.ofMillis(500))) {
                    events.add(JSON.readValue(record.value(), ErpStatusChanged.class));
                }
                return events.stream().anyMatch(e -> e.status() == ErpStatusChanged.Status.UP);
            });
            List<ErpStatusChanged.Status> seen =
                    events.stream().map(ErpStatusChanged::status).toList();
            assertEquals(
                    List.of(ErpStatusChanged.Status.DOWN, ErpStatusChanged.Status.UP),
                    seen.subList(seen.size() - 2, seen.size()),
                    "DOWN then UP on erp.status: " + events);
            assertEquals("live-service/erp", events.get(events.size() - 1).source());
        }
    }

    /** ERP calls of a type this service sent, any outcome (its own metric: outage answers are not typed by the simulator). */
    static long erpCalls(String type) {
        String metrics = given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return metrics.lines()
                .filter(l -> l.startsWith("erplink_erp_requests_seconds_count{") && l.contains("type=\"" + type + "\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void rejectedRequestsDoNotOpenTheBreaker() {
        for (int i = 0; i < 6; i++) {
            given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "currency", "EUR", "lines", List.of(Map.of("productId", "UNKNOWN-PRODUCT", "quantity", 1))))
                    .when()
                    .post("/api/v1/cart/calculate")
                    .then()
                    .statusCode(422);
        }
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(ErpClient.BREAKER));
    }

    @Test
    void waitsOutAShortRetryAfterOnThrottling() {
        Simulator.faults("{\"throttle429\":{\"rate\":1.0,\"retryAfterSeconds\":1}}");
        long before = Simulator.requests("GetEcomData.Products");
        long start = System.nanoTime();
        lookup("10305");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs >= 1000, "waited for Retry-After: " + tookMs + " ms");
        assertTrue(Simulator.requests("GetEcomData.Products") >= before + 2, "tried again after the wait");
    }
}
