package io.erplink.e2e;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;

/** live-service's storefront API as the shop calls it, with the suite's API key. */
final class Storefront {
    private Storefront() {}

    /** Places an order of one product 10001 for customer Ada Buyer; the answer, for its status. */
    static ValidatableResponse placeOrder(AppProcess live, String orderId) {
        return placeOrder(
                live,
                Map.of(
                        "orderId",
                        orderId,
                        "currency",
                        "EUR",
                        "shippingMethod",
                        "UPS",
                        "customer",
                        Map.of(
                                "name", "Ada Buyer",
                                "address", "1 Main St",
                                "city", "Aarhus",
                                "zip", "8000",
                                "countryCode", "DK",
                                "email", "ada@example.com"),
                        "lines",
                        List.of(Map.of("productId", "10001", "quantity", 1))),
                Map.of());
    }

    /** The smallest order: one of {@code productId}, in EUR, for the API key's customer. */
    static Map<String, Object> oneLineOrder(String orderId, String productId) {
        return Map.of(
                "orderId", orderId, "currency", "EUR", "lines", List.of(Map.of("productId", productId, "quantity", 1)));
    }

    /** Places {@code order} with {@code headers} added (e.g. the storefront's traceparent); the answer. */
    static ValidatableResponse placeOrder(AppProcess live, Map<String, ?> order, Map<String, String> headers) {
        return given().baseUri(live.url())
                .header("X-Api-Key", Suite.API_KEY)
                .headers(headers)
                .contentType(ContentType.JSON)
                .body(order)
                .post("/api/v1/orders")
                .then();
    }
}
