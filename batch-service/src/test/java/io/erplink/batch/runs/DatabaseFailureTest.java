package io.erplink.batch.runs;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import io.erplink.batch.NoBackgroundWork;
import io.erplink.testsupport.DatabaseOutage;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.testsupport.OperatorJwtTestResource.asAdmin;
import static io.erplink.testsupport.OperatorJwtTestResource.asOperator;
import static io.erplink.testsupport.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A failing database answers 503 as a problem, without SQL; a state conflict stays 409. The failure
 * is real: the test database refuses new connections and the service's pooled ones are terminated.
 */
@QuarkusTest
@TestProfile(NoBackgroundWork.class)
@WithTestResource(PostgresKafkaTestResource.class)
@WithTestResource(OperatorJwtTestResource.class)
class DatabaseFailureTest {

    @Test
    void aFailingDatabaseAnswers503AsAProblemWithoutSqlAndTheServiceRecovers() throws Exception {
        Runs.createActivity(Runs.productsImport("db-down-products"));
        UUID run = Runs.runNow("db-down-products");

        try (DatabaseOutage outage = DatabaseOutage.begin()) {
            Response answer = asOperator().get("/api/v1/runs/" + run);
            assertProblem(
                    answer,
                    503,
                    "database-unavailable",
                    "Database unavailable",
                    "the database failed to answer; retry the same request",
                    "/api/v1/runs/" + run);
            assertEquals("2", answer.header("Retry-After"));
        }
        // The pool replaces the terminated connections: the same request answers again.
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> asOperator().get("/api/v1/runs/" + run).statusCode() == 200);
    }

    @Test
    void aStateConflictStays409AsAProblem() {
        Runs.createActivity(Runs.productsImport("never-archived-products"));
        UUID run = Runs.runNow("never-archived-products");

        assertProblem(
                asAdmin().post("/api/v1/runs/" + run + "/replay"),
                409,
                "conflict",
                "Conflict with the resource's state",
                "run " + run + " has 0 archived of 0 committed page(s): enable archive-responses on the activity"
                        + " (or erplink.batch.archive.enabled) to be able to run the last response again",
                "/api/v1/runs/" + run + "/replay");
    }
}
