package io.erplink.testsupport;

import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Asserts an answer is exactly the RFC 9457 problem every service promises (service-kit's ProblemMappers). */
public final class Problems {
    private Problems() {}

    /** A problem without field errors. */
    public static JsonPath assertProblem(
            Response answer, int status, String kind, String title, String detail, String instance) {
        return assertProblem(answer, status, kind, title, detail, instance, List.of());
    }

    /**
     * The whole body, member by member: type {@code urn:erplink:problem:<kind>}, title, status,
     * detail, instance, and the field errors ({@code field} and {@code message} each) in order; no
     * SQL or driver text anywhere.
     */
    public static JsonPath assertProblem(
            Response answer,
            int status,
            String kind,
            String title,
            String detail,
            String instance,
            List<Map<String, String>> errors) {
        assertEquals(status, answer.statusCode(), answer.asString());
        assertEquals("application/problem+json", answer.contentType(), answer.asString());
        JsonPath problem = answer.jsonPath();
        assertEquals(
                Map.of(
                        "type", "urn:erplink:problem:" + kind,
                        "title", title,
                        "status", status,
                        "detail", detail,
                        "instance", instance,
                        "errors", errors),
                problem.getMap(""),
                answer.asString());
        String body = answer.asString().toLowerCase(java.util.Locale.ROOT);
        assertFalse(body.contains("select ") || body.contains("jdbc") || body.contains("psql"), body);
        return problem;
    }

    /**
     * An operator API's GET {@code path} without a token and with one that is not a JWT: both the
     * 401 problem, with the bearer challenge kept.
     */
    public static void assertUnauthorizedWithoutAValidToken(String path) {
        for (Response answer :
                List.of(given().get(path), given().auth().oauth2("not-a-jwt").get(path))) {
            assertProblem(
                    answer,
                    401,
                    "unauthorized",
                    "Credentials required",
                    "sign in: the request has no valid credentials (a missing, expired or foreign token)",
                    path);
            assertEquals("Bearer", answer.header("WWW-Authenticate"), answer.asString());
        }
    }

    /** One field error as the problem carries it. */
    public static Map<String, String> field(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
