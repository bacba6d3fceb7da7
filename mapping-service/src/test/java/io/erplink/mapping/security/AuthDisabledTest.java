package io.erplink.mapping.security;

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

/** erplink.mapping.auth.enabled=false (local demos): the API answers without any token. */
@QuarkusTest
@TestProfile(AuthDisabledTest.AuthDisabled.class)
@QuarkusTestResource(value = PostgresKafkaTestResource.class, restrictToAnnotatedClass = true)
class AuthDisabledTest {

    public static class AuthDisabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("erplink.mapping.auth.enabled", "false");
        }
    }

    @Test
    void anonymousCallerReadsPreviewsAndSavesWhenAuthIsDisabled() {
        given().get(ApiAuthTest.JOBS).then().statusCode(200).body("name", hasItem(ApiAuthTest.JOB));
        given().contentType(ContentType.JSON)
                .body(ApiAuthTest.previewRequest())
                .post("/api/v1/preview")
                .then()
                .statusCode(200)
                .body("read", equalTo(1));
        int before = given().accept(ContentType.JSON)
                .get(ApiAuthTest.JOBS + "/" + ApiAuthTest.JOB)
                .then()
                .statusCode(200)
                .extract()
                .path("version");
        Map<String, Object> job = new java.util.LinkedHashMap<>(given().accept(ContentType.JSON)
                .get(ApiAuthTest.JOBS + "/" + ApiAuthTest.JOB)
                .then()
                .extract()
                .path("job"));
        job.put("description", "changed in a demo");
        given().contentType(ContentType.JSON)
                .body(job)
                .put(ApiAuthTest.JOBS + "/" + ApiAuthTest.JOB)
                .then()
                .statusCode(200)
                .body("version", equalTo(before + 1));
    }
}
