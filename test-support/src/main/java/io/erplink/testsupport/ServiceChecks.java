package io.erplink.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every erplink service must show from its first commit on, asserted from inside a
 * {@code @QuarkusTest} (RestAssured already points at the application under test): readiness with a
 * database and a Kafka check, liveness, Prometheus metrics, OpenAPI, and its Flyway migrations in its
 * own schema.
 */
public final class ServiceChecks {

    private ServiceChecks() {}

    /**
     * {@code /q/health/ready} is UP with an UP database check, and with an UP Kafka check when
     * {@code kafka}, else with none (a service whose outbox buffers through a Kafka outage stays ready).
     */
    public static void assertReady(boolean kafka) {
        Response response = given().accept("application/json").get("/q/health/ready");
        String body = response.asString();
        assertEquals(200, response.statusCode(), body);
        assertEquals("UP", response.jsonPath().getString("status"), body);
        List<Map<String, Object>> checks = response.jsonPath().getList("checks");
        assertUpCheckNamed(checks, "database", body);
        if (kafka) {
            assertUpCheckNamed(checks, "kafka", body);
        } else {
            assertTrue(
                    checks.stream()
                            .noneMatch(c -> String.valueOf(c.get("name"))
                                    .toLowerCase(Locale.ROOT)
                                    .contains("kafka")),
                    "no Kafka readiness check in " + body);
        }
    }

    private static void assertUpCheckNamed(List<Map<String, Object>> checks, String word, String body) {
        List<Object> matching = new ArrayList<>();
        for (Map<String, Object> check : checks) {
            if (String.valueOf(check.get("name")).toLowerCase(Locale.ROOT).contains(word)) {
                matching.add(check);
                assertEquals("UP", check.get("status"), "check " + check.get("name") + " in " + body);
            }
        }
        assertTrue(!matching.isEmpty(), "a readiness check named like '" + word + "' in " + body);
    }

    /** {@code /q/health/live} is UP. */
    public static void assertLive() {
        Response response = given().accept("application/json").get("/q/health/live");
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals("UP", response.jsonPath().getString("status"), response.asString());
    }

    /** {@code /q/metrics} is Prometheus text with JVM metrics. */
    public static void assertPrometheusMetricsWithJvm() {
        Response response = given().accept("text/plain").get("/q/metrics");
        String body = response.asString();
        assertEquals(200, response.statusCode(), body);
        assertTrue(
                response.contentType().startsWith("text/plain")
                        || response.contentType().contains("openmetrics"),
                "Prometheus content type, not " + response.contentType());
        assertTrue(body.contains("# TYPE jvm_memory_used_bytes gauge"), "JVM memory gauge in /q/metrics");
        assertTrue(body.lines().anyMatch(line -> line.startsWith("jvm_threads_live_threads")), "JVM thread metric");
    }

    /** {@code /q/openapi} serves an OpenAPI 3 document titled {@code expectedTitle}. */
    public static void assertOpenApi(String expectedTitle) {
        Response response = given().accept("application/json").get("/q/openapi");
        String body = response.asString();
        assertEquals(200, response.statusCode(), body);
        assertTrue(response.jsonPath().getString("openapi").startsWith("3."), body);
        assertEquals(expectedTitle, response.jsonPath().getString("info.title"));
    }

    /**
     * Flyway migrated {@code schema} of the current test database successfully and the tables exist there.
     */
    public static void assertMigratedTables(String schema, String... tables) throws SQLException {
        try (Connection connection = PostgresKafkaTestResource.openConnection()) {
            try (PreparedStatement failed = connection.prepareStatement(
                    "select count(*) filter (where success), count(*) filter (where not success) from "
                            + quoteIdentifier(schema) + ".flyway_schema_history")) {
                try (ResultSet rs = failed.executeQuery()) {
                    assertTrue(rs.next());
                    assertTrue(rs.getInt(1) > 0, "successful migrations in " + schema + ".flyway_schema_history");
                    assertEquals(0, rs.getInt(2), "failed migrations in " + schema + ".flyway_schema_history");
                }
            }
            for (String table : tables) {
                try (PreparedStatement exists = connection.prepareStatement(
                        "select 1 from information_schema.tables where table_schema = ? and table_name = ?")) {
                    exists.setString(1, schema);
                    exists.setString(2, table);
                    try (ResultSet rs = exists.executeQuery()) {
                        assertTrue(rs.next(), "table " + schema + "." + table + " created by Flyway");
                    }
                }
            }
        }
    }

    private static String quoteIdentifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("unexpected schema name " + name);
        }
        return name;
    }

    /**
     * After PostgreSQL ended the pools' idle connections (a restart, a failover, an administrator's
     * {@code pg_terminate_backend}), every pool lends live connections again: each pool first holds
     * {@code perPool} connections at once so it keeps them idle, the server then ends every idle backend
     * of the test database, and after {@code idleFor} (longer than the pools' foreground validation
     * interval) {@code perPool} connections borrowed at once from each pool must all answer. Without
     * validation the pool lends the dead ones and the first query after an outage fails.
     */
    public static void assertPoolsLendLiveConnectionsAfterTheServerEndedTheIdleOnes(
            List<? extends DataSource> pools, int perPool, Duration idleFor) throws Exception {
        for (DataSource pool : pools) {
            withConnections(pool, perPool, connection -> {});
        }
        int ended;
        try (Connection admin = PostgresKafkaTestResource.openConnection();
                Statement statement = admin.createStatement();
                ResultSet rs = statement.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                        + " where datname = current_database() and state = 'idle' and pid <> pg_backend_pid()")) {
            rs.next();
            ended = rs.getInt(1);
        }
        assertTrue(
                ended >= perPool, "the server ended " + ended + " idle connections, fewer than one pool's " + perPool);
        Thread.sleep(idleFor.toMillis());
        for (DataSource pool : pools) {
            withConnections(pool, perPool, connection -> {
                try (Statement statement = connection.createStatement();
                        ResultSet rs = statement.executeQuery("select 1")) {
                    assertTrue(rs.next());
                    assertFalse(connection.isClosed());
                }
            });
        }
    }

    private interface ConnectionUse {
        void accept(Connection connection) throws SQLException;
    }

    /** Borrows {@code count} connections at once (so they are distinct), uses each, gives them all back. */
    private static void withConnections(DataSource pool, int count, ConnectionUse use) throws SQLException {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Connection connection = pool.getConnection();
                held.add(connection);
                use.accept(connection);
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }
}
