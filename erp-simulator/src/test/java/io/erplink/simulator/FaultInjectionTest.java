package io.erplink.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.erplink.protocol.signing.RequestSigner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class FaultInjectionTest {
    private static final String LANGUAGES = "<GetEcomData><tables><Languages type=\"all\"/></tables></GetEcomData>";

    @TestHTTPResource("/connector")
    URI connector;

    @BeforeEach
    @AfterEach
    void reset() {
        given().delete("/admin/faults").then().statusCode(200);
        given().delete("/admin/orders").then().statusCode(204);
        given().contentType("application/json")
                .body("{\"idempotent\":false}")
                .put("/admin/create-mode")
                .then()
                .statusCode(200);
    }

    private static void faults(String json) {
        given().contentType("application/json")
                .body(json)
                .put("/admin/faults")
                .then()
                .statusCode(200);
    }

    private HttpResponse<InputStream> raw(String xml, Duration timeout) throws IOException, InterruptedException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        RequestSigner.Signature signature = Connector.SIGNER.signNow(body, Clock.systemUTC());
        HttpRequest request = HttpRequest.newBuilder(connector)
                .timeout(timeout)
                .header("Content-Type", "application/xml")
                .header(RequestSigner.TIMESTAMP_HEADER, Long.toString(signature.timestamp()))
                .header(RequestSigner.NONCE_HEADER, signature.nonce())
                .header(RequestSigner.SIGNATURE_HEADER, signature.value())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void addsLatency() {
        faults("{\"latencyMs\":400}");
        long start = System.nanoTime();
        Connector.tables(LANGUAGES);
        assertTrue(System.nanoTime() - start >= 400_000_000L, "the answer took at least the latency");
        given().get("/admin/faults").then().body("latencyMs", equalTo(400));
    }

    @Test
    void failsTheConfiguredShareOfRequestsTheSameWayOnEveryRun() {
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        faults("{\"errorRate\":0.5}");
        for (int i = 0; i < 20; i++) {
            first.add(Connector.post(LANGUAGES).statusCode());
        }
        faults("{\"errorRate\":0.5}");
        for (int i = 0; i < 20; i++) {
            second.add(Connector.post(LANGUAGES).statusCode());
        }
        assertEquals(first, second, "seeded: same decisions after the faults are set again");
        assertTrue(first.contains(500) && first.contains(200), "about half fail: " + first);
        faults("{\"errorRate\":1}");
        Connector.post(LANGUAGES).then().statusCode(500);
    }

    @Test
    void answers503DuringAnOutageAndRecoversWhenReset() {
        faults("{\"outage\":true}");
        Connector.post(LANGUAGES).then().statusCode(503).body(containsString("outage"));
        given().delete("/admin/faults").then().statusCode(200);
        Connector.post(LANGUAGES).then().statusCode(200);
    }

    @Test
    void closesTheConnectionDuringARefusingOutage() {
        faults("{\"outage\":true,\"outageMode\":\"REFUSE\"}");
        assertThrows(
                IOException.class,
                () -> raw(LANGUAGES, Duration.ofSeconds(10)).body().readAllBytes());
    }

    @Test
    void throttlesWith429AndRetryAfter() {
        faults("{\"throttle429\":{\"rate\":1,\"retryAfterSeconds\":7}}");
        Connector.post(LANGUAGES).then().statusCode(429).header("Retry-After", "7");
    }

    @Test
    void stallsTheBodyAfterTheHeaders() throws Exception {
        faults("{\"stallMs\":800}");
        long start = System.nanoTime();
        HttpResponse<InputStream> response = raw(LANGUAGES, Duration.ofSeconds(10));
        long headers = System.nanoTime() - start;
        assertEquals(200, response.statusCode());
        byte[] body = response.body().readAllBytes();
        long total = System.nanoTime() - start;
        assertTrue(headers < 700_000_000L, "headers came before the stall: " + headers / 1_000_000 + " ms");
        assertTrue(total >= 800_000_000L, "body came after the stall: " + total / 1_000_000 + " ms");
        assertTrue(Connector.parse(body).rows().size() >= 1);
    }

    @Test
    void createsTheOrderThenFailsTheAnswerForAnUnknownOutcome() {
        faults("{\"dropAfterCreate\":true}");
        String request = Connector.calculateOrder("SHOP-DROP-1", "50001", "EUR", true, "10004", "3");
        Connector.post(request).then().statusCode(500);
        given().get("/admin/orders")
                .then()
                .body("[0].shopOrderId", equalTo("SHOP-DROP-1"))
                .body("[0].erpOrderNumber", org.hamcrest.Matchers.startsWith("SO"));
        given().delete("/admin/faults").then().statusCode(200);
        String number = given().get("/admin/orders").then().extract().path("[0].erpOrderNumber");
        // the order queue's existence check finds it; a resend without that check creates a second order
        assertEquals(
                number,
                Connector.tables("<GetEcomData><tables><SalesHeaders type=\"filter\"><SalesHeader>"
                                + "<OrderId>SHOP-DROP-1</OrderId></SalesHeader></SalesHeaders></tables></GetEcomData>")
                        .table("EcomOrders")
                        .get(0)
                        .get("OrderIntegrationOrderId"));
        assertNotEquals(
                number, Connector.tables(request).table("EcomOrders").get(0).get("OrderIntegrationOrderId"));
        given().get("/admin/orders")
                .then()
                .body("size()", equalTo(1))
                .body("[0].createRequests", equalTo(2))
                .body("[0].duplicates", equalTo(1));
    }

    @Test
    void dropsTheConnectionAfterCreateInTimeoutMode() {
        faults("{\"dropAfterCreate\":true,\"dropMode\":\"TIMEOUT\",\"dropTimeoutMs\":300}");
        String request = Connector.calculateOrder("SHOP-DROP-2", "50001", "EUR", true, "10004", "1");
        assertThrows(
                IOException.class,
                () -> raw(request, Duration.ofSeconds(10)).body().readAllBytes());
        given().get("/admin/orders")
                .then()
                .body("[0].shopOrderId", equalTo("SHOP-DROP-2"))
                .body("[0].erpOrderNumber", org.hamcrest.Matchers.startsWith("SO"));
    }

    @Test
    void refusesInvalidFaultSettings() {
        given().contentType("application/json")
                .body("{\"errorRate\":2}")
                .put("/admin/faults")
                .then()
                .statusCode(400)
                .body(containsString("errorRate"));
    }
}
