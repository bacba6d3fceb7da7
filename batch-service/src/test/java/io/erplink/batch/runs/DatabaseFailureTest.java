package io.erplink.batch.runs;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.testsupport.OperatorJwtTestResource.asAdmin;
import static io.erplink.testsupport.OperatorJwtTestResource.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A failing database answers 503 as a problem, without SQL; a state conflict stays 409. The failure
 * is real: the test database refuses new connections and the service's pooled ones are terminated.
 */
@QuarkusTest
@TestProfile(DatabaseFailureTest.NoBackgroundWork.class)
@QuarkusTestResource(value = PostgresKafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = OperatorJwtTestResource.class, restrictToAnnotatedClass = true)
class DatabaseFailureTest {

    /** Nothing but the requests touches the database, so the failure is the request's own. */
    public static class NoBackgroundWork implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("erplink.batch.worker.enabled", "false", "erplink.batch.scheduling.enabled", "false");
        }
    }

    @Test
    void aFailingDatabaseAnswers503AsAProblemWithoutSqlAndTheServiceRecovers() throws Exception {
        Runs.createActivity(Runs.productsImport("db-down-products"));
        UUID run = Runs.runNow("db-down-products");

        try (Connection admin = maintenanceConnection()) {
            cutOffTheService(admin, true);
            try {
                Response answer = asOperator().get("/api/v1/runs/" + run);
                assertEquals(503, answer.statusCode(), answer.asString());
                assertEquals("application/problem+json", answer.contentType());
                assertEquals("5", answer.header("Retry-After"));
                JsonPath problem = answer.jsonPath();
                assertEquals("urn:erplink:batch:problem:database-unavailable", problem.getString("type"));
                assertEquals("Database unavailable", problem.getString("title"));
                assertEquals(503, problem.getInt("status"));
                assertEquals("the database failed to answer; try again later", problem.getString("detail"));
                String body = answer.asString().toLowerCase();
                assertFalse(
                        body.contains("select") || body.contains("sql") || body.contains("jdbc"),
                        "no SQL or driver detail leaks: " + body);
            } finally {
                cutOffTheService(admin, false);
            }
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

        Response answer = asAdmin().post("/api/v1/runs/" + run + "/replay");

        assertEquals(409, answer.statusCode(), answer.asString());
        assertEquals("application/problem+json", answer.contentType());
        JsonPath problem = answer.jsonPath();
        assertEquals("urn:erplink:batch:problem:run-conflict", problem.getString("type"));
        assertEquals(409, problem.getInt("status"));
        assertEquals(
                "run " + run + " has 0 archived of 0 committed page(s): enable archive-responses on the activity"
                        + " (or erplink.batch.archive.enabled) to be able to run the last response again",
                problem.getString("detail"));
    }

    /** A connection to the server's maintenance database: a database cannot refuse the session altering it. */
    private static Connection maintenanceConnection() throws SQLException {
        String url =
                PostgresKafkaTestResource.jdbcUrl().replace("/" + PostgresKafkaTestResource.database(), "/postgres");
        return DriverManager.getConnection(
                url, PostgresKafkaTestResource.username(), PostgresKafkaTestResource.password());
    }

    /** Refuses (or allows again) new connections to the test database and ends the service's open ones. */
    private static void cutOffTheService(Connection admin, boolean cutOff) throws SQLException {
        String database = PostgresKafkaTestResource.database();
        try (Statement s = admin.createStatement()) {
            s.execute("alter database \"" + database + "\" allow_connections " + !cutOff);
            if (cutOff) {
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database
                        + "' and pid <> pg_backend_pid()");
            }
        }
    }
}
