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
        return given().baseUri(live.url())
                .header("X-Api-Key", Suite.API_KEY)
                .contentType(ContentType.JSON)
                .body(Map.of(
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
                        List.of(Map.of("productId", "10001", "quantity", 1))))
                .post("/api/v1/orders")
                .then();
    }
}
