package io.erplink.e2e;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;

/** batch-service through its REST API: activities, run now, runs. */
final class Batch {
    private Batch() {}

    static void createActivity(String baseUrl, Map<String, Object> body) {
        given().baseUri(baseUrl)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/activities")
                .then()
                .statusCode(201);
    }

    static UUID runNow(String baseUrl, String activity) {
        String id = given().baseUri(baseUrl)
                .post("/api/v1/activities/" + activity + "/run")
                .then()
                .statusCode(202)
                .extract()
                .path("runId");
        return UUID.fromString(id);
    }

    static JsonPath run(String baseUrl, UUID run) {
        return given().baseUri(baseUrl)
                .get("/api/v1/runs/" + run)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /**
     * Polls the run (through whichever batch-service instance {@code baseUrl} supplies at each poll) until
     * {@code condition} holds; a FAILED, STOPPED or ABANDONED run fails at once with its exit message and errors.
     */
    static JsonPath await(
            java.util.function.Supplier<String> baseUrl, UUID run, Duration timeout, Predicate<JsonPath> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonPath last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = run(baseUrl.get(), run);
            } catch (RuntimeException | AssertionError e) {
                // an instance going away between two polls; the next poll asks a live one
                Thread.sleep(300);
                continue;
            }
            if (condition.test(last)) {
                return last;
            }
            String status = last.getString("status");
            if (status.equals("FAILED") || status.equals("ABANDONED") || status.equals("STOPPED")) {
                throw new AssertionError("run " + run + " " + status + ": " + last.getString("exitMessage")
                        + "; errors " + last.getList("errors"));
            }
            Thread.sleep(300);
        }
        throw new AssertionError("run " + run + " not there after " + timeout.toSeconds() + " s; last state: "
                + (last == null ? "none" : last.prettify()));
    }

    static JsonPath awaitCompleted(java.util.function.Supplier<String> baseUrl, UUID run, Duration timeout)
            throws InterruptedException {
        return await(baseUrl, run, timeout, json -> "COMPLETED".equals(json.getString("status")));
    }
}
