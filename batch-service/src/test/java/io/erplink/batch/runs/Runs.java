package io.erplink.batch.runs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.testsupport.OperatorJwtTestResource.asAdmin;
import static io.erplink.testsupport.OperatorJwtTestResource.asOperator;

/** Test helpers over the REST API (changes as admin, reads as operator) and the run table. */
final class Runs {
    private Runs() {}

    /** The body of a paged products import (the IF v2 request and job, 300 s timeout), for a test to add to. */
    static Map<String, Object> productsImport(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "IMPORT_WITH_PAGING");
        body.put("requestXml", "<GetEcomData><tables><Products type=\"all\"/></tables></GetEcomData>");
        body.put("mappingJob", "ifv2-import-products");
        body.put("timeoutSeconds", 300);
        return body;
    }

    static void createActivity(Map<String, Object> body) {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/activities")
                .then()
                .statusCode(201);
    }

    static UUID runNow(String activity) {
        String id = asAdmin()
                .post("/api/v1/activities/" + activity + "/run")
                .then()
                .statusCode(202)
                .extract()
                .path("runId");
        return UUID.fromString(id);
    }

    static JsonPath get(UUID run) {
        return asOperator()
                .get("/api/v1/runs/" + run)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static JsonPath await(UUID run, Duration timeout, Predicate<JsonPath> condition) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = get(run);
            if (condition.test(last[0])) {
                return true;
            }
            String status = last[0].getString("status");
            if (status.equals("FAILED") || status.equals("ABANDONED")) {
                throw new AssertionError("run " + run + " " + status + ": " + last[0].getString("exitMessage")
                        + " errors " + last[0].getList("errors"));
            }
            return false;
        });
        return last[0];
    }

    static JsonPath awaitSealed(UUID run, Duration timeout) {
        return await(run, timeout, json -> "AWAITING_MERGE".equals(json.getString("phase")));
    }

    static long scalar(String sql, Object... args) throws Exception {
        try (Connection c = PostgresKafkaTestResource.openConnection();
                PreparedStatement s = prepare(c, sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static PreparedStatement prepare(Connection c, String sql) throws java.sql.SQLException {
        c.setSchema("batch");
        return c.prepareStatement(sql);
    }

    static int execute(String sql, Object... args) throws Exception {
        try (Connection c = PostgresKafkaTestResource.openConnection();
                PreparedStatement s = prepare(c, sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        }
    }
}
