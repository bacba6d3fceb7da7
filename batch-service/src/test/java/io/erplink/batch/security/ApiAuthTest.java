package io.erplink.batch.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import io.erplink.testsupport.ApiAuthChecks;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.testsupport.OperatorJwtTestResource.asAdmin;
import static io.erplink.testsupport.OperatorJwtTestResource.asOperator;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** batch-service's API with real signed JWTs: who may read, who may change, what stays open. */
@QuarkusTest
@WithTestResource(PostgresKafkaTestResource.class)
@WithTestResource(OperatorJwtTestResource.class)
class ApiAuthTest {
    static final String ACTIVITIES = "/api/v1/activities";

    static Map<String, Object> activity(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "IMPORT");
        body.put("requestXml", "<GetEcomData><tables><Products type=\"all\"/></tables></GetEcomData>");
        body.put("mappingJob", "ifv2-import-products");
        return body;
    }

    @Test
    void callersWithoutAValidTokenGet401() {
        ApiAuthChecks.assertRefusedWithoutAValidToken(
                ACTIVITIES, "POST", "/api/v1/runs/" + UUID.randomUUID() + "/stop");
    }

    @Test
    void tokenWithoutTheOperatorOrAdminRoleGets403() {
        ApiAuthChecks.assertForbiddenWithoutARole(ACTIVITIES, "POST", ACTIVITIES + "/any/run");
    }

    @Test
    void operatorReadsEverythingButChangesNothing() {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(activity("auth-read"))
                .post(ACTIVITIES)
                .then()
                .statusCode(201);

        asOperator().get(ACTIVITIES).then().statusCode(200).body("name", hasItem("auth-read"));
        asOperator().get(ACTIVITIES + "/auth-read").then().statusCode(200).body("enabled", equalTo(false));
        asOperator().get(ACTIVITIES + "/auth-read/runs").then().statusCode(200).body("total", equalTo(0));
        asOperator().get("/api/v1/runs/" + UUID.randomUUID()).then().statusCode(404);

        asOperator()
                .contentType(ContentType.JSON)
                .body(activity("auth-read-2"))
                .post(ACTIVITIES)
                .then()
                .statusCode(403);
        asOperator()
                .contentType(ContentType.JSON)
                .body(activity("auth-read"))
                .put(ACTIVITIES + "/auth-read")
                .then()
                .statusCode(403);
        asOperator().post(ACTIVITIES + "/auth-read/enable").then().statusCode(403);
        asOperator().post(ACTIVITIES + "/auth-read/run").then().statusCode(403);
        asOperator().delete(ACTIVITIES + "/auth-read").then().statusCode(403);
        asOperator().post("/api/v1/runs/" + UUID.randomUUID() + "/stop").then().statusCode(403);
        asOperator()
                .post("/api/v1/runs/" + UUID.randomUUID() + "/replay")
                .then()
                .statusCode(403);

        // nothing the operator tried happened
        asAdmin().get(ACTIVITIES).then().body("name", not(hasItem("auth-read-2")));
        asAdmin().get(ACTIVITIES + "/auth-read").then().statusCode(200).body("enabled", equalTo(false));
        asAdmin().get(ACTIVITIES + "/auth-read/runs").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void adminCreatesChangesRunsNowStopsAndDeletes() {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(activity("auth-admin"))
                .post(ACTIVITIES)
                .then()
                .statusCode(201);
        Map<String, Object> changed = activity("auth-admin");
        changed.put("description", "changed by the admin");
        asAdmin()
                .contentType(ContentType.JSON)
                .body(changed)
                .put(ACTIVITIES + "/auth-admin")
                .then()
                .statusCode(200)
                .body("description", equalTo("changed by the admin"));
        asAdmin().post(ACTIVITIES + "/auth-admin/enable").then().statusCode(200).body("enabled", equalTo(true));
        asAdmin()
                .post(ACTIVITIES + "/auth-admin/disable")
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false));

        String run = asAdmin()
                .post(ACTIVITIES + "/auth-admin/run")
                .then()
                .statusCode(202)
                .body("runId", notNullValue())
                .extract()
                .path("runId");
        asOperator().get("/api/v1/runs/" + run).then().statusCode(200).body("id", equalTo(run));
        asOperator().post("/api/v1/runs/" + run + "/stop").then().statusCode(403);
        // No ERP here: the run may already have failed (409, finished) or not yet (200, STOPPED).
        var stop = asAdmin()
                .post("/api/v1/runs/" + run + "/stop")
                .then()
                .statusCode(anyOf(equalTo(200), equalTo(409)))
                .extract();
        assertEquals(
                stop.statusCode() == 200 ? "STOPPED" : "FAILED",
                asOperator()
                        .get("/api/v1/runs/" + run)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("status"));
        asAdmin().post("/api/v1/runs/" + UUID.randomUUID() + "/replay").then().statusCode(404);

        asAdmin().delete(ACTIVITIES + "/auth-admin").then().statusCode(204);
        asOperator().get(ACTIVITIES + "/auth-admin").then().statusCode(404);
    }

    @Test
    void healthMetricsAndOpenApiStayOpenAndTheDocumentShowsTheBearerScheme() {
        ApiAuthChecks.assertOpenEndpointsAndDocumentedScheme(ACTIVITIES, "POST", "/api/v1/activities/{name}/run");
    }
}
