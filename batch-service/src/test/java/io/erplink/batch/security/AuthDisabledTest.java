package io.erplink.batch.security;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** erplink.batch.auth.enabled=false (local demos): the API answers without any token. */
@QuarkusTest
@TestProfile(AuthDisabledTest.AuthDisabled.class)
@QuarkusTestResource(value = PostgresKafkaTestResource.class, restrictToAnnotatedClass = true)
class AuthDisabledTest {

    public static class AuthDisabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("erplink.batch.auth.enabled", "false", "erplink.batch.scheduling.enabled", "false");
        }
    }

    @Test
    void anonymousCallerReadsAndChangesWhenAuthIsDisabled() {
        given().contentType(ContentType.JSON)
                .body(ApiAuthTest.activity("open-demo"))
                .post("/api/v1/activities")
                .then()
                .statusCode(201);
        given().get("/api/v1/activities").then().statusCode(200).body("name", hasItem("open-demo"));
        given().post("/api/v1/activities/open-demo/enable")
                .then()
                .statusCode(200)
                .body("enabled", equalTo(true));
        given().delete("/api/v1/activities/open-demo").then().statusCode(204);
    }
}
