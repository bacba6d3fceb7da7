package io.erplink.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import io.erplink.testsupport.DatabaseOutage;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.testsupport.Problems.assertProblem;
import static io.erplink.testsupport.Problems.field;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * live-service answers every kind of error in service-kit's one problem format, and names its API
 * key and bearer schemes in the OpenAPI document.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
@QuarkusTestResource(ErpSimulatorTestResource.class)
@QuarkusTestResource(StorefrontAuthTestResource.class)
class ApiContractTest {

    private static RequestSpecification customerA() {
        return given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey());
    }

    @Test
    void anUnknownOrderIsANotFoundProblem() {
        assertProblem(
                customerA().get("/api/v1/orders/NO-SUCH-ORDER"),
                404,
                "not-found",
                "Not found",
                "no order NO-SUCH-ORDER",
                "/api/v1/orders/NO-SUCH-ORDER");
    }

    @Test
    void aBodyThatIsNotJsonIsAMalformedBodyProblem() {
        assertProblem(
                customerA().contentType(ContentType.JSON).body("{\"items\": ").post("/api/v1/prices"),
                400,
                "malformed-body",
                "Malformed request body",
                "the body is not valid JSON: Unexpected end-of-input within/between Object entries",
                "/api/v1/prices");
    }

    @Test
    void anInvalidPriceRequestNamesEachRefusedField() {
        assertProblem(
                customerA()
                        .contentType(ContentType.JSON)
                        .body(Map.of(
                                "currency",
                                "EURO",
                                "items",
                                List.of(Map.of("productId", "10001", "quantity", -1), Map.of("quantity", 1))))
                        .post("/api/v1/prices"),
                400,
                "validation-failed",
                "Validation failed",
                "currency must be a three-letter code; items[0].quantity must be greater than 0;"
                        + " items[1].productId must not be blank",
                "/api/v1/prices",
                List.of(
                        field("currency", "must be a three-letter code"),
                        field("items[0].quantity", "must be greater than 0"),
                        field("items[1].productId", "must not be blank")));
    }

    @Test
    void anotherCustomersPricesAreAForbiddenProblem() {
        assertProblem(
                customerA()
                        .contentType(ContentType.JSON)
                        .body(Map.of(
                                "customerId",
                                StorefrontAuthTestResource.CUSTOMER_B,
                                "items",
                                List.of(Map.of("productId", "10001"))))
                        .post("/api/v1/prices"),
                403,
                "forbidden",
                "Forbidden",
                "the credentials do not allow acting for customer " + StorefrontAuthTestResource.CUSTOMER_B,
                "/api/v1/prices");
    }

    @Test
    void aFailingDatabaseIsA503ProblemWithoutSql() throws Exception {
        try (DatabaseOutage outage = DatabaseOutage.begin()) {
            Response answer = customerA().get("/api/v1/orders/ANY-ORDER");
            assertProblem(
                    answer,
                    503,
                    "database-unavailable",
                    "Database unavailable",
                    "the database failed to answer; retry the same request",
                    "/api/v1/orders/ANY-ORDER");
            assertEquals("2", answer.header("Retry-After"));
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> customerA().get("/api/v1/orders/ANY-ORDER").statusCode() == 404);
    }

    @Test
    void theOpenApiDocumentNamesTheApiKeyAndBearerSchemes() {
        JsonPath document = given().accept("application/json").get("/q/openapi").jsonPath();
        assertEquals(
                Map.of("type", "apiKey", "in", "header", "name", "X-Api-Key"),
                Map.of(
                        "type", document.getString("components.securitySchemes.storefront-api-key.type"),
                        "in", document.getString("components.securitySchemes.storefront-api-key.in"),
                        "name", document.getString("components.securitySchemes.storefront-api-key.name")));
        assertEquals("bearer", document.getString("components.securitySchemes.customer-jwt.scheme"));
        assertEquals(
                List.of(
                        Map.of("storefront-api-key", List.of()),
                        Map.of("customer-jwt", List.of()),
                        Map.of("storefront-api-key", List.of(), "customer-jwt", List.of())),
                document.getList("paths.'/api/v1/prices'.post.security"));
    }
}
