package io.erplink.batch.runs;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import io.erplink.batch.NoBackgroundWork;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.testsupport.ApiAuthChecks.assertBearerScheme;
import static io.erplink.testsupport.OperatorJwtTestResource.asAdmin;
import static io.erplink.testsupport.OperatorJwtTestResource.asOperator;
import static io.erplink.testsupport.Problems.assertProblem;
import static io.erplink.testsupport.Problems.assertRoleForbidden;
import static io.erplink.testsupport.Problems.assertUnauthorizedWithoutAValidToken;
import static io.erplink.testsupport.Problems.field;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * batch-service answers every kind of error in the one problem format of service-kit, pages its
 * lists with Link headers, and names its security scheme in the OpenAPI document. (The database
 * outage's 503 is {@link DatabaseFailureTest}'s.)
 */
@QuarkusTest
@TestProfile(NoBackgroundWork.class)
@WithTestResource(PostgresKafkaTestResource.class)
@WithTestResource(OperatorJwtTestResource.class)
class ApiContractTest {

    @Test
    void anUnknownRunIsANotFoundProblem() {
        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000042");
        assertProblem(
                asOperator().get("/api/v1/runs/" + id),
                404,
                "not-found",
                "Not found",
                "no run " + id,
                "/api/v1/runs/" + id);
    }

    @Test
    void aPathNobodyServesIsANotFoundProblem() {
        assertProblem(
                asOperator().get("/api/v1/nothing-here"),
                404,
                "not-found",
                "Not found",
                "nothing at /api/v1/nothing-here",
                "/api/v1/nothing-here");
    }

    @Test
    void aWrongMethodIsAMethodNotAllowedProblem() {
        Response answer = asAdmin().delete("/api/v1/runs");
        assertProblem(
                answer,
                405,
                "method-not-allowed",
                "Method not allowed",
                "DELETE is not allowed on /api/v1/runs",
                "/api/v1/runs");
    }

    @Test
    void aBodyOfAnotherMediaTypeIsAnUnsupportedMediaTypeProblem() {
        assertProblem(
                asAdmin().contentType(ContentType.TEXT).body("name=x").post("/api/v1/activities"),
                415,
                "unsupported-media-type",
                "Unsupported media type",
                "a body of type text/plain; charset=ISO-8859-1 is not accepted here",
                "/api/v1/activities");
    }

    @Test
    void aBodyThatIsNotJsonIsAMalformedBodyProblem() {
        assertProblem(
                asAdmin().contentType(ContentType.JSON).body("{\"name\": ").post("/api/v1/activities"),
                400,
                "malformed-body",
                "Malformed request body",
                "the body is not valid JSON: Unexpected end-of-input within/between Object entries",
                "/api/v1/activities");
    }

    @Test
    void aBodyOfTheWrongShapeNamesTheField() {
        assertProblem(
                asAdmin()
                        .contentType(ContentType.JSON)
                        .body(Map.of("name", "shape", "type", "IMPORT", "every", "often"))
                        .post("/api/v1/activities"),
                400,
                "malformed-body",
                "Malformed request body",
                "the body does not have the expected shape at every",
                "/api/v1/activities",
                List.of(field("every", "not a value of the expected type")));
    }

    @Test
    void anInvalidActivityNamesEachRefusedField() {
        assertProblem(
                asAdmin()
                        .contentType(ContentType.JSON)
                        .body(Map.of("name", "not a name!", "pageSize", 0))
                        .post("/api/v1/activities"),
                400,
                "validation-failed",
                "Validation failed",
                "name must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit;"
                        + " pageSize must be greater than 0;"
                        + " type is required: IMPORT, IMPORT_WITH_PAGING, IMPORT_WITH_CUSTOM_REQUEST or EXPORT",
                "/api/v1/activities",
                List.of(
                        field(
                                "name",
                                "must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit"),
                        field("pageSize", "must be greater than 0"),
                        field(
                                "type",
                                "is required: IMPORT, IMPORT_WITH_PAGING, IMPORT_WITH_CUSTOM_REQUEST or EXPORT")));
    }

    @Test
    void anUnreadableFilterIsAnInvalidInputProblemNamingTheField() {
        assertProblem(
                asOperator().get("/api/v1/runs?from=yesterday"),
                400,
                "invalid-input",
                "Invalid input",
                "from: not an ISO-8601 instant such as 2026-12-07T09:30:00Z: yesterday",
                "/api/v1/runs",
                List.of(field("from", "not an ISO-8601 instant such as 2026-12-07T09:30:00Z: yesterday")));
    }

    @Test
    void aPageOutOfRangeNamesTheParameters() {
        assertProblem(
                asOperator().get("/api/v1/runs?page=-1&size=501"),
                400,
                "validation-failed",
                "Validation failed",
                "page must be greater than or equal to 0; size must be less than or equal to 500",
                "/api/v1/runs",
                List.of(
                        field("page", "must be greater than or equal to 0"),
                        field("size", "must be less than or equal to 500")));
    }

    @Test
    void anOperatorChangingSomethingIsAForbiddenProblem() {
        assertRoleForbidden(
                asOperator()
                        .contentType(ContentType.JSON)
                        .body(Runs.productsImport("operator-may-not"))
                        .post("/api/v1/activities"),
                "/api/v1/activities");
    }

    @Test
    void aNameTakenIsAConflictProblem() {
        Runs.createActivity(Runs.productsImport("taken-name"));
        assertProblem(
                asAdmin()
                        .contentType(ContentType.JSON)
                        .body(Runs.productsImport("taken-name"))
                        .post("/api/v1/activities"),
                409,
                "conflict",
                "Conflict with the resource's state",
                "activity taken-name exists already",
                "/api/v1/activities");
    }

    @Test
    void runPagesNameTheirNeighboursInLinkHeaders() {
        Runs.createActivity(Runs.productsImport("paged-runs"));
        for (int i = 0; i < 5; i++) {
            Runs.runNow("paged-runs");
        }

        Response middle = asOperator().get("/api/v1/runs?activity=paged-runs&size=2&page=1");

        assertEquals(200, middle.statusCode(), middle.asString());
        JsonPath page = middle.jsonPath();
        assertEquals(List.of(1, 2, 5), List.of(page.getInt("page"), page.getInt("size"), page.getInt("total")));
        assertEquals(2, page.getList("items").size());
        assertEquals(
                List.of(
                        "</api/v1/runs?activity=paged-runs&size=2&page=0>; rel=\"first\"",
                        "</api/v1/runs?activity=paged-runs&size=2&page=0>; rel=\"prev\"",
                        "</api/v1/runs?activity=paged-runs&size=2&page=2>; rel=\"next\"",
                        "</api/v1/runs?activity=paged-runs&size=2&page=2>; rel=\"last\""),
                middle.headers().getValues("Link"));

        Response activityRuns = asOperator().get("/api/v1/activities/paged-runs/runs?size=5");
        assertEquals(5, activityRuns.jsonPath().getInt("total"));
        assertEquals(
                List.of(
                        "</api/v1/activities/paged-runs/runs?size=5&page=0>; rel=\"first\"",
                        "</api/v1/activities/paged-runs/runs?size=5&page=0>; rel=\"last\""),
                activityRuns.headers().getValues("Link"));
    }

    @Test
    void theOpenApiDocumentNamesTheBearerScheme() {
        assertBearerScheme("operator-jwt", "get", "/api/v1/runs");
    }

    @Test
    void aRequestWithoutOrWithABrokenTokenIsAnUnauthorizedProblemWithTheBearerChallenge() {
        assertUnauthorizedWithoutAValidToken("/api/v1/runs");
    }
}
