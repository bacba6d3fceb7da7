package io.erplink.mapping;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import io.erplink.testsupport.DatabaseOutage;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.testsupport.ApiAuthChecks.assertBearerScheme;
import static io.erplink.testsupport.OperatorJwtTestResource.asAdmin;
import static io.erplink.testsupport.OperatorJwtTestResource.asOperator;
import static io.erplink.testsupport.Problems.assertDatabaseUnavailable;
import static io.erplink.testsupport.Problems.assertProblem;
import static io.erplink.testsupport.Problems.assertRoleForbidden;
import static io.erplink.testsupport.Problems.assertUnauthorizedWithoutAValidToken;
import static io.erplink.testsupport.Problems.field;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * mapping-service answers every kind of error in service-kit's one problem format (its own: a job
 * that does not compile, 422), pages its runs with Link headers, and names its security scheme in
 * the OpenAPI document.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
@WithTestResource(OperatorJwtTestResource.class)
class ApiContractTest {

    @Test
    void anUnknownJobIsANotFoundProblem() {
        assertProblem(
                asOperator().get("/api/v1/jobs/no-such-job"),
                404,
                "not-found",
                "Not found",
                "no job no-such-job",
                "/api/v1/jobs/no-such-job");
    }

    @Test
    void aBodyThatIsNotJsonIsAMalformedBodyProblem() {
        assertProblem(
                asOperator().contentType(ContentType.JSON).body("{\"rows\": ").post("/api/v1/preview"),
                400,
                "malformed-body",
                "Malformed request body",
                "the body is not valid JSON: Unexpected end-of-input within/between Object entries",
                "/api/v1/preview");
    }

    @Test
    void aPreviewWithoutBodyNamesTheMissingRequest() {
        assertProblem(
                asOperator().contentType(ContentType.JSON).post("/api/v1/preview"),
                400,
                "validation-failed",
                "Validation failed",
                "request must not be null",
                "/api/v1/preview",
                List.of(field("request", "must not be null")));
    }

    @Test
    void aJobSavedUnderAnotherNameNamesTheField() {
        assertProblem(
                asAdmin()
                        .contentType("application/yaml")
                        .body(yaml("name: other-job\ndirection: import\ntableMappings: []\n"))
                        .put("/api/v1/jobs/this-job"),
                400,
                "invalid-input",
                "Invalid input",
                "name: the path names job 'this-job' but the body names 'other-job'",
                "/api/v1/jobs/this-job",
                List.of(field("name", "the path names job 'this-job' but the body names 'other-job'")));
    }

    @Test
    void anOperatorSavingAJobIsAForbiddenProblem() {
        assertRoleForbidden(
                asOperator()
                        .contentType("application/yaml")
                        .body(yaml("name: x\n"))
                        .put("/api/v1/jobs/x"),
                "/api/v1/jobs/x");
    }

    @Test
    void aFailingDatabaseIsA503ProblemWithoutSql() throws Exception {
        try (DatabaseOutage outage = DatabaseOutage.begin()) {
            assertDatabaseUnavailable(asOperator().get("/api/v1/mapping-runs"), "/api/v1/mapping-runs");
        }
        awaitTrue(
                Duration.ofSeconds(30),
                () -> asOperator().get("/api/v1/mapping-runs").statusCode() == 200);
    }

    @Test
    void aPageNamesItsNeighboursInLinkHeaders() {
        Response answer = asOperator().get("/api/v1/mapping-runs?job=no-such-job&size=5&page=1");

        assertEquals(200, answer.statusCode(), answer.asString());
        JsonPath page = answer.jsonPath();
        assertEquals(List.of(1, 5, 0), List.of(page.getInt("page"), page.getInt("size"), page.getInt("total")));
        assertEquals(
                List.of(
                        "</api/v1/mapping-runs?job=no-such-job&size=5&page=0>; rel=\"first\"",
                        "</api/v1/mapping-runs?job=no-such-job&size=5&page=0>; rel=\"prev\"",
                        "</api/v1/mapping-runs?job=no-such-job&size=5&page=0>; rel=\"last\""),
                answer.headers().getValues("Link"));
    }

    @Test
    void theOpenApiDocumentNamesTheBearerScheme() {
        assertBearerScheme("operator-jwt", "get", "/api/v1/mapping-runs");
    }

    /** Polls until the condition holds (mapping-service's tests do without Awaitility). */
    private static void awaitTrue(Duration limit, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit);
            }
            Thread.sleep(200);
        }
    }

    @Test
    void aRequestWithoutOrWithABrokenTokenIsAnUnauthorizedProblemWithTheBearerChallenge() {
        assertUnauthorizedWithoutAValidToken("/api/v1/mapping-runs");
    }

    /** A YAML body as its bytes: REST Assured encodes a String only for the content types it knows. */
    private static byte[] yaml(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
