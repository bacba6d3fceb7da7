package io.erplink.live;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
@QuarkusTestResource(ErpSimulatorTestResource.class)
@QuarkusTestResource(StorefrontAuthTestResource.class)
class StorefrontAuthTest {

    @Test
    void aCustomerKeyActsAsItsCustomer() {
        given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                .when()
                .get("/api/v1/me")
                .then()
                .statusCode(200)
                .body("customerId", equalTo("50000"))
                .body("clientId", equalTo("shop-a"))
                .body("anonymous", equalTo(false));
    }

    @Test
    void theStorefrontKeyActsForTheCustomerOfASignedTokenElseAnonymously() {
        given().header("X-Api-Key", StorefrontAuthTestResource.storefrontKey())
                .header("Authorization", "Bearer " + StorefrontAuthTestResource.customerToken("50007"))
                .when()
                .get("/api/v1/me")
                .then()
                .statusCode(200)
                .body("customerId", equalTo("50007"))
                .body("clientId", equalTo("shop-web"));
        given().header("X-Api-Key", StorefrontAuthTestResource.storefrontKey())
                .when()
                .get("/api/v1/me")
                .then()
                .statusCode(200)
                .body("anonymous", equalTo(true))
                .body("customerId", nullValue())
                .body("erpKey", equalTo("Anonymous"));
    }

    @Test
    void aBearerTokenAloneActsForItsCustomer() {
        given().header("Authorization", "Bearer " + StorefrontAuthTestResource.customerToken("50003"))
                .when()
                .get("/api/v1/me")
                .then()
                .statusCode(200)
                .body("customerId", equalTo("50003"));
    }

    @Test
    void wrongCredentialsAreRefused() {
        given().header("X-Api-Key", "lk_not-a-key")
                .when()
                .get("/api/v1/me")
                .then()
                .statusCode(401);
        given().header("Authorization", "Bearer " + StorefrontAuthTestResource.foreignToken("50000"))
                .when()
                .get("/api/v1/me")
                .then()
                .statusCode(401);
        given().header("X-Api-Key", StorefrontAuthTestResource.storefrontKey())
                .header("Authorization", "Bearer " + StorefrontAuthTestResource.foreignToken("50000"))
                .when()
                .get("/api/v1/me")
                .then()
                .statusCode(401);
    }

    @Test
    void noCredentialsIsAnonymousWhenAllowed() {
        given().when().get("/api/v1/me").then().statusCode(200).body("anonymous", equalTo(true));
    }
}
