package io.erplink.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6 across services: live-service hands an order to the queue while the ERP is down
 * ({@code orders.queued}), order-queue-service places it when the ERP is back and answers on
 * {@code orders.synced}, live-service shows the ERP order number; the ERP holds the order once.
 */
@ExtendWith(SuiteExtension.class)
class QueuedOrderTest {

    @AfterEach
    void clearFaultsAndNoOrderTwiceInTheErp() {
        Simulator.clearFaults(SuiteExtension.suite());
        assertEquals(0, Simulator.duplicates(SuiteExtension.suite()), "duplicate ERP orders");
    }

    @Test
    void orderWhoseCreateTimedOutAfterTheErpCreatedItIsInTheErpOnce() throws Exception {
        Suite suite = SuiteExtension.suite();
        suite.startOrderServices();
        String orderId = "E2E-" + UUID.randomUUID();
        // the ERP creates the order and never answers; live-service gives up after its create-timeout (3 s)
        Simulator.faults(suite, "{\"dropAfterCreate\":true,\"dropMode\":\"TIMEOUT\",\"dropTimeoutMs\":6000}");
        Storefront.placeOrder(suite.live(), Storefront.oneLineOrder(orderId, "10003"), Map.of())
                .statusCode(202)
                .body("status", org.hamcrest.Matchers.equalTo("queued"));
        Map<String, Object> created = erpOrder(suite, orderId);
        assertNotNull(created, "the ERP created it although nobody heard the answer");
        String number = (String) created.get("erpOrderNumber");
        Simulator.clearFaults(suite);

        JsonPath synced = awaitOrder(suite, orderId, Duration.ofSeconds(90));
        assertEquals("synced", synced.getString("status"));
        assertEquals(number, synced.getString("erpOrderNumber"), "the queue found the ERP's order");
        Thread.sleep(2000); // and does not create it again a while later
        Map<String, Object> after = erpOrder(suite, orderId);
        assertEquals(List.of(number), after.get("erpOrderNumbers"), "one ERP order for the OrderID");
        assertEquals(1, ((Number) after.get("createRequests")).intValue(), "live-service's create only");
    }

    @Test
    void queuedOrderIsPlacedInTheErpExactlyOnceWhenItReturns() throws Exception {
        Suite suite = SuiteExtension.suite();
        suite.startOrderServices();
        String orderId = "E2E-" + UUID.randomUUID();
        Map<String, Object> order = Map.of(
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
                List.of(Map.of("productId", "10001", "quantity", 2), Map.of("productId", "10002", "quantity", 1)));

        Simulator.faults(suite, "{\"outage\":true}");
        Storefront.placeOrder(suite.live(), order, Map.of())
                .statusCode(202)
                .body("status", org.hamcrest.Matchers.equalTo("queued"))
                .body("erpOrderNumber", org.hamcrest.Matchers.nullValue());
        // still down a moment later: nothing reached the ERP, the order waits in the queue
        Thread.sleep(1000);
        assertNull(erpOrder(suite, orderId), "no ERP order during the outage");

        Simulator.clearFaults(suite);
        JsonPath synced = awaitOrder(suite, orderId, Duration.ofSeconds(90));
        assertEquals("synced", synced.getString("status"));
        String number = synced.getString("erpOrderNumber");
        assertNotNull(number, "ERP order number in live-service");

        // exactly once in the ERP: one entry for the OrderID, created by one CreateOrder request
        List<Map<String, Object>> erpOrders = given().baseUri(suite.simulator().url())
                .get("/admin/orders")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findAll { it.shopOrderId == '" + orderId + "' }");
        assertEquals(1, erpOrders.size(), "the OrderID once in the ERP: " + erpOrders);
        assertEquals(number, erpOrders.get(0).get("erpOrderNumber"));
        assertEquals(1, ((Number) erpOrders.get(0).get("createRequests")).intValue(), "one CreateOrder=True request");
        // and it stays once: a while later the queue has not sent it again
        Thread.sleep(2000);
        Map<String, Object> again = erpOrder(suite, orderId);
        assertEquals(1, ((Number) again.get("createRequests")).intValue(), "no second CreateOrder");
        assertTrue(number.equals(again.get("erpOrderNumber")));
    }

    static Map<String, Object> erpOrder(Suite suite, String orderId) {
        List<Map<String, Object>> found = given().baseUri(suite.simulator().url())
                .get("/admin/orders")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findAll { it.shopOrderId == '" + orderId + "' }");
        return found.isEmpty() ? null : found.get(0);
    }

    static JsonPath awaitOrder(Suite suite, String orderId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonPath last = null;
        while (System.nanoTime() < deadline) {
            last = given().baseUri(suite.live().url())
                    .header("X-Api-Key", Suite.API_KEY)
                    .get("/api/v1/orders/" + orderId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            String status = last.getString("status");
            if (status.equals("synced") || status.equals("failed")) {
                return last;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("order " + orderId + " not synced after " + timeout.toSeconds() + " s: "
                + (last == null ? "" : last.prettify()) + "; ERP: " + erpOrder(suite, orderId));
    }
}
