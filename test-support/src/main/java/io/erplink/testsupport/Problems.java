package io.erplink.testsupport;

import java.util.List;
import java.util.Locale;
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
        String body = answer.asString().toLowerCase(Locale.ROOT);
        assertFalse(body.contains("select ") || body.contains("jdbc") || body.contains("psql"), body);
        return problem;
    }

    /** The detail of every 401 problem (service-kit's ProblemMappers). */
    public static final String UNAUTHORIZED_DETAIL =
            "sign in: the request has no valid credentials (a missing, expired or foreign token)";

    /** The detail of an operator API's 403 problem: a token without the role the request needs. */
    public static final String ROLE_DETAIL =
            "your role may not do this: reading needs the read role, changing the admin role";

    /**
     * The 401 problem for {@code instance} with the service's challenge kept in {@code
     * WWW-Authenticate} (exactly {@code challenge}).
     */
    public static JsonPath assertUnauthorized(Response answer, String instance, String challenge) {
        JsonPath problem =
                assertProblem(answer, 401, "unauthorized", "Credentials required", UNAUTHORIZED_DETAIL, instance);
        assertEquals(challenge, answer.header("WWW-Authenticate"), answer.asString());
        return problem;
    }

    /** The 403 problem for {@code instance} saying {@code detail}. */
    public static JsonPath assertForbidden(Response answer, String instance, String detail) {
        return assertProblem(answer, 403, "forbidden", "Forbidden", detail, instance);
    }

    /** An operator API's 403 problem: the token lacks the role (read or admin) the request needs. */
    public static JsonPath assertRoleForbidden(Response answer, String instance) {
        return assertForbidden(answer, instance, ROLE_DETAIL);
    }

    /** The 503 problem of a failing database, without SQL, asking to retry after 2 s. */
    public static JsonPath assertDatabaseUnavailable(Response answer, String instance) {
        JsonPath problem = assertProblem(
                answer,
                503,
                "database-unavailable",
                "Database unavailable",
                "the database failed to answer; retry the same request",
                instance);
        assertEquals("2", answer.header("Retry-After"), answer.asString());
        return problem;
    }

    /**
     * An operator API's GET {@code path} without a token and with one that is not a JWT: both the
     * 401 problem, with the bearer challenge kept.
     */
    public static void assertUnauthorizedWithoutAValidToken(String path) {
        for (Response answer :
                List.of(given().get(path), given().auth().oauth2("not-a-jwt").get(path))) {
            assertUnauthorized(answer, path, "Bearer");
        }
    }

    /** One field error as the problem carries it. */
    public static Map<String, String> field(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
