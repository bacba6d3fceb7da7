package io.erplink.live;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.live.ApiContractTest.CHALLENGE;
import static io.erplink.testsupport.Problems.assertUnauthorized;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With anonymous access off (the production default), a request without credentials is the 401
 * problem with both schemes' challenge, on every API; health and the OpenAPI document stay open.
 */
@QuarkusTest
@TestProfile(AnonymousRefusedTest.AnonymousOff.class)
@QuarkusTestResource(PostgresKafkaTestResource.class)
@QuarkusTestResource(ErpSimulatorTestResource.class)
@QuarkusTestResource(StorefrontAuthTestResource.class)
class AnonymousRefusedTest {

    /** erplink.live.anonymous.allowed=false, as in production. */
    public static class AnonymousOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("erplink.live.anonymous.allowed", "false");
        }
    }

    @Test
    void noCredentialsIsAnUnauthorizedProblemWithTheChallengeOnEveryApi() {
        assertUnauthorized(given().get("/api/v1/me"), "/api/v1/me", CHALLENGE);
        assertUnauthorized(given().get("/api/v1/orders/ANY-ORDER"), "/api/v1/orders/ANY-ORDER", CHALLENGE);
        assertUnauthorized(given().get("/api/v1/documents?type=invoice"), "/api/v1/documents", CHALLENGE);
        assertUnauthorized(
                given().contentType(ContentType.JSON)
                        .body(Map.of("items", List.of(Map.of("productId", "10001"))))
                        .post("/api/v1/prices"),
                "/api/v1/prices",
                CHALLENGE);
    }

    @Test
    void aCustomerKeyStillGetsIn() {
        assertEquals(
                200,
                given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                        .get("/api/v1/me")
                        .statusCode());
    }

    @Test
    void healthAndTheOpenApiDocumentNeedNoCredentials() {
        assertEquals(
                List.of(200, 200),
                List.of(
                        given().get("/q/health/live").statusCode(),
                        given().accept("application/json").get("/q/openapi").statusCode()));
    }
}
