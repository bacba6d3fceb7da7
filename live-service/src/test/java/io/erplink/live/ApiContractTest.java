package io.erplink.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import io.erplink.testsupport.DatabaseOutage;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.testsupport.ApiAuthChecks.assertBearerScheme;
import static io.erplink.testsupport.Problems.UNAUTHORIZED_DETAIL;
import static io.erplink.testsupport.Problems.assertDatabaseUnavailable;
import static io.erplink.testsupport.Problems.assertForbidden;
import static io.erplink.testsupport.Problems.assertProblem;
import static io.erplink.testsupport.Problems.assertUnauthorized;
import static io.erplink.testsupport.Problems.field;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * live-service answers every kind of error in service-kit's one problem format (wrong credentials of
 * either scheme 401 with the challenge, over HTTP/1.1 and h2c; a caller acting beyond its customer
 * 403), and names its API key and bearer schemes in the OpenAPI document.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
@QuarkusTestResource(ErpSimulatorTestResource.class)
@QuarkusTestResource(StorefrontAuthTestResource.class)
class ApiContractTest {
    /** Both schemes, as StorefrontAuthMechanism challenges. */
    static final String CHALLENGE = "Bearer, ApiKey header=\"X-Api-Key\"";

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
        assertForbidden(
                customerA()
                        .contentType(ContentType.JSON)
                        .body(Map.of(
                                "customerId",
                                StorefrontAuthTestResource.CUSTOMER_B,
                                "items",
                                List.of(Map.of("productId", "10001"))))
                        .post("/api/v1/prices"),
                "/api/v1/prices",
                "the credentials do not allow acting for customer " + StorefrontAuthTestResource.CUSTOMER_B);
    }

    @Test
    void aFailingDatabaseIsA503ProblemWithoutSql() throws Exception {
        try (DatabaseOutage outage = DatabaseOutage.begin()) {
            assertDatabaseUnavailable(customerA().get("/api/v1/orders/ANY-ORDER"), "/api/v1/orders/ANY-ORDER");
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> customerA().get("/api/v1/orders/ANY-ORDER").statusCode() == 404);
    }

    @Test
    void wrongCredentialsOfEitherSchemeAreAnUnauthorizedProblemWithTheChallenge() {
        Map<String, RequestSpecification> wrong = new LinkedHashMap<>();
        wrong.put("a wrong API key", given().header("X-Api-Key", "lk_not-a-key"));
        wrong.put("a bearer token that is no JWT", given().auth().oauth2("not-a-jwt"));
        wrong.put(
                "an expired JWT",
                given().auth().oauth2(StorefrontAuthTestResource.expiredToken(StorefrontAuthTestResource.CUSTOMER_A)));
        wrong.put(
                "a JWT signed by another key",
                given().auth().oauth2(StorefrontAuthTestResource.foreignToken(StorefrontAuthTestResource.CUSTOMER_A)));
        wrong.put(
                "the storefront key with an expired JWT",
                given().header("X-Api-Key", StorefrontAuthTestResource.storefrontKey())
                        .auth()
                        .oauth2(StorefrontAuthTestResource.expiredToken(StorefrontAuthTestResource.CUSTOMER_A)));
        wrong.forEach((what, request) -> {
            assertUnauthorized(request.get("/api/v1/me"), "/api/v1/me", CHALLENGE);
            assertUnauthorized(
                    request.contentType(ContentType.JSON)
                            .body(Map.of("items", List.of(Map.of("productId", "10001"))))
                            .post("/api/v1/prices"),
                    "/api/v1/prices",
                    CHALLENGE);
        });
    }

    @Test
    void theStorefrontKeyWithoutACustomerTokenIsAForbiddenProblemForDocuments() {
        assertForbidden(
                given().header("X-Api-Key", StorefrontAuthTestResource.storefrontKey())
                        .get("/api/v1/documents?type=invoice"),
                "/api/v1/documents",
                "this needs a signed-in customer");
    }

    @Test
    void overH2cAForgedJwtIsTheSameUnauthorizedProblem() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        URI base = URI.create(RestAssured.baseURI + ":" + RestAssured.port);
        // The first request upgrades the connection to HTTP/2 (h2c); the rest travel on it.
        HttpResponse<String> upgrade = client.send(
                HttpRequest.newBuilder(base.resolve("/q/health/live")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, upgrade.version(), "the server did not upgrade to h2c");
        for (String token : List.of(
                "not-a-jwt",
                StorefrontAuthTestResource.expiredToken(StorefrontAuthTestResource.CUSTOMER_A),
                StorefrontAuthTestResource.foreignToken(StorefrontAuthTestResource.CUSTOMER_A))) {
            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(base.resolve("/api/v1/prices"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"items\":[{\"productId\":\"10001\",\"quantity\":1}]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, answer.version());
            assertEquals(
                    List.of(401, "application/problem+json", CHALLENGE),
                    List.of(
                            answer.statusCode(),
                            answer.headers().firstValue("Content-Type").orElse(""),
                            answer.headers().firstValue("WWW-Authenticate").orElse("")),
                    answer.body());
            assertEquals(
                    Map.of(
                            "type",
                            "urn:erplink:problem:unauthorized",
                            "title",
                            "Credentials required",
                            "status",
                            401,
                            "detail",
                            UNAUTHORIZED_DETAIL,
                            "instance",
                            "/api/v1/prices",
                            "errors",
                            List.of()),
                    JsonPath.from(answer.body()).getMap(""));
        }
    }

    @Test
    void theOpenApiDocumentNamesTheApiKeyAndBearerSchemes() {
        JsonPath document = assertBearerScheme("customer-jwt");
        assertEquals(
                Map.of("type", "apiKey", "in", "header", "name", "X-Api-Key"),
                Map.of(
                        "type", document.getString("components.securitySchemes.storefront-api-key.type"),
                        "in", document.getString("components.securitySchemes.storefront-api-key.in"),
                        "name", document.getString("components.securitySchemes.storefront-api-key.name")));
        assertEquals(
                List.of(
                        Map.of("storefront-api-key", List.of()),
                        Map.of("customer-jwt", List.of()),
                        Map.of("storefront-api-key", List.of(), "customer-jwt", List.of())),
                document.getList("paths.'/api/v1/prices'.post.security"));
    }
}
