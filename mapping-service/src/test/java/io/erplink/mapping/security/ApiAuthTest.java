package io.erplink.mapping.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import io.erplink.testsupport.ApiAuthChecks;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.testsupport.OperatorJwtTestResource.asAdmin;
import static io.erplink.testsupport.OperatorJwtTestResource.asOperator;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

/** mapping-service's API with real signed JWTs: operators read and dry-run, admins save jobs. */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
@WithTestResource(OperatorJwtTestResource.class)
class ApiAuthTest {
    static final String JOBS = "/api/v1/jobs";
    static final String JOB = "ifv2-import-currencies";

    static Map<String, Object> previewRequest() {
        return Map.of(
                "jobName",
                "ifv2-import-products",
                "rows",
                List.of(Map.of(
                        "table",
                        "EcomProducts",
                        "columns",
                        Map.of("ProductId", "D0005", "ProductLanguageId", "en-us", "ProductPrice", "12.50"))));
    }

    /** The job as JSON with another description, for a save (PUT). */
    static Map<String, Object> jobWithDescription(String description) {
        Map<String, Object> job = new java.util.LinkedHashMap<>(asAdmin()
                .accept(ContentType.JSON)
                .get(JOBS + "/" + JOB)
                .then()
                .statusCode(200)
                .extract()
                .path("job"));
        job.put("description", description);
        return job;
    }

    static int version() {
        return asOperator()
                .accept(ContentType.JSON)
                .get(JOBS + "/" + JOB)
                .then()
                .statusCode(200)
                .extract()
                .path("version");
    }

    @Test
    void callersWithoutAValidTokenGet401() {
        ApiAuthChecks.assertRefusedWithoutAValidToken(JOBS, "PUT", JOBS + "/" + JOB);
        given().contentType(ContentType.JSON)
                .body(previewRequest())
                .post("/api/v1/preview")
                .then()
                .statusCode(401);
    }

    @Test
    void tokenWithoutTheOperatorOrAdminRoleGets403() {
        ApiAuthChecks.assertForbiddenWithoutARole(JOBS, "PUT", JOBS + "/" + JOB);
        given().auth()
                .oauth2(OperatorJwtTestResource.token("guest", "viewer"))
                .contentType(ContentType.JSON)
                .body(previewRequest())
                .post("/api/v1/preview")
                .then()
                .statusCode(403);
    }

    @Test
    void operatorReadsValidatesAndPreviewsButCannotSaveAJob() {
        asOperator().get(JOBS).then().statusCode(200).body("name", hasItem(JOB));
        asOperator()
                .accept("application/yaml")
                .get(JOBS + "/" + JOB)
                .then()
                .statusCode(200)
                .body(containsString("name: " + JOB));
        int before = version();
        Map<String, Object> changed = jobWithDescription("changed by an operator");

        asOperator()
                .contentType(ContentType.JSON)
                .body(changed)
                .post(JOBS + "/validate")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true));
        asOperator()
                .contentType(ContentType.JSON)
                .body(previewRequest())
                .post("/api/v1/preview")
                .then()
                .statusCode(200)
                .body("read", equalTo(1));
        asOperator()
                .contentType(ContentType.XML)
                .queryParam("job", "ifv2-import-products")
                .body("<tables><table tableName=\"EcomProducts\"><item table=\"EcomProducts\">"
                        + "<column columnName=\"ProductId\">D0005</column></item></table></tables>")
                .post("/api/v1/preview")
                .then()
                .statusCode(200)
                .body("read", equalTo(1));

        asOperator()
                .contentType(ContentType.JSON)
                .body(changed)
                .put(JOBS + "/" + JOB)
                .then()
                .statusCode(403);
        assertVersion(before);
    }

    @Test
    void adminSavesAJobAsANewVersion() {
        int before = version();
        asAdmin()
                .contentType(ContentType.JSON)
                .body(jobWithDescription("changed by the admin"))
                .put(JOBS + "/" + JOB)
                .then()
                .statusCode(200)
                .body("version", equalTo(before + 1))
                .body("job.description", equalTo("changed by the admin"));
        assertVersion(before + 1);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(previewRequest())
                .post("/api/v1/preview")
                .then()
                .statusCode(200);
    }

    private static void assertVersion(int expected) {
        asOperator()
                .accept(ContentType.JSON)
                .get(JOBS + "/" + JOB)
                .then()
                .statusCode(200)
                .body("version", equalTo(expected));
    }

    @Test
    void healthMetricsAndOpenApiStayOpenAndTheDocumentShowsTheBearerScheme() {
        ApiAuthChecks.assertOpenEndpointsAndDocumentedScheme(JOBS, "PUT", JOBS + "/{name}");
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .body("paths.'/api/v1/preview'.post.x-erplink-role", equalTo("read"))
                .body("paths.'/api/v1/jobs/validate'.post.x-erplink-role", equalTo("read"))
                .body("paths.'/api/v1/preview'.post.security[0]", hasKey("operator-jwt"));
    }
}
