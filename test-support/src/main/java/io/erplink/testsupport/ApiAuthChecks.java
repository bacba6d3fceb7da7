package io.erplink.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWithIgnoringCase;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The authentication checks every service's operator API passes, written once (the services' own
 * tests add which role may do what on their endpoints). Needs {@link OperatorJwtTestResource}.
 */
public final class ApiAuthChecks {

    private ApiAuthChecks() {}

    /**
     * Without a valid bearer token a read and a change are refused with 401 and a bearer challenge:
     * no token, a malformed one, one signed by a key the service does not trust, one from another
     * issuer, an expired one.
     *
     * @param readPath     a GET path of the API
     * @param changeMethod a method that changes something: POST, PUT or DELETE
     * @param changePath   a path taking that method
     */
    public static void assertRefusedWithoutAValidToken(String readPath, String changeMethod, String changePath) {
        given().get(readPath).then().statusCode(401).header("WWW-Authenticate", startsWithIgnoringCase("Bearer"));
        given().request(changeMethod, changePath).then().statusCode(401);
        given().auth().oauth2("not-a-jwt").get(readPath).then().statusCode(401);
        String untrusted = Jwt.issuer(OperatorJwtTestResource.ISSUER)
                .upn("mallory")
                .groups(Set.of(OperatorJwtTestResource.ADMIN))
                .expiresIn(Duration.ofMinutes(10))
                .sign(TestKeyPair.rsa().getPrivate());
        given().auth().oauth2(untrusted).get(readPath).then().statusCode(401);
        given().auth()
                .oauth2(untrusted)
                .request(changeMethod, changePath)
                .then()
                .statusCode(401);
        String otherIssuer = OperatorJwtTestResource.sign(Jwt.issuer("https://elsewhere.example/")
                .upn("ops")
                .groups(Set.of(OperatorJwtTestResource.ADMIN))
                .expiresIn(Duration.ofMinutes(10)));
        given().auth().oauth2(otherIssuer).get(readPath).then().statusCode(401);
        String expired = OperatorJwtTestResource.sign(Jwt.issuer(OperatorJwtTestResource.ISSUER)
                .upn("ops")
                .groups(Set.of(OperatorJwtTestResource.ADMIN))
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)));
        given().auth().oauth2(expired).get(readPath).then().statusCode(401);
    }

    /** A token with neither the read role nor the admin role may neither read nor change (the given method and path): 403. */
    public static void assertForbiddenWithoutARole(String readPath, String changeMethod, String changePath) {
        String guest = OperatorJwtTestResource.token("guest", "viewer", "user");
        given().auth().oauth2(guest).get(readPath).then().statusCode(403);
        given().auth().oauth2(guest).request(changeMethod, changePath).then().statusCode(403);
    }

    /**
     * The OpenAPI document ({@code /q/openapi}) names {@code scheme} as a JWT bearer scheme
     * (type http, scheme bearer, format JWT); the document, for the service's own checks.
     */
    public static JsonPath assertBearerScheme(String scheme) {
        JsonPath document = given().accept("application/json").get("/q/openapi").jsonPath();
        String at = "components.securitySchemes." + scheme + ".";
        assertEquals(
                Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT"),
                Map.of(
                        "type", String.valueOf(document.getString(at + "type")),
                        "scheme", String.valueOf(document.getString(at + "scheme")),
                        "bearerFormat", String.valueOf(document.getString(at + "bearerFormat"))));
        return document;
    }

    /**
     * The OpenAPI document names {@code scheme} as a JWT bearer scheme and secures the operation
     * ({@code method}, lower case, on {@code path} as written in the document) with it alone.
     */
    public static void assertBearerScheme(String scheme, String method, String path) {
        JsonPath document = assertBearerScheme(scheme);
        assertEquals(
                List.of(Map.of(scheme, List.of())), document.getList("paths.'" + path + "'." + method + ".security"));
    }

    /**
     * Health, metrics and the OpenAPI document answer without a token, and the document shows the
     * bearer scheme on the API: a GET needs the read role, the given change the admin role.
     *
     * @param readPath     a GET path as written in the OpenAPI document
     * @param changeMethod POST, PUT or DELETE
     * @param changePath   a path taking that method, as written in the OpenAPI document
     */
    public static void assertOpenEndpointsAndDocumentedScheme(String readPath, String changeMethod, String changePath) {
        String change = "paths.'" + changePath + "'." + changeMethod.toLowerCase(Locale.ROOT);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("components.securitySchemes.operator-jwt.type", equalTo("http"))
                .body("components.securitySchemes.operator-jwt.scheme", equalTo("bearer"))
                .body("components.securitySchemes.operator-jwt.bearerFormat", equalTo("JWT"))
                .body("paths.'" + readPath + "'.get.security[0]", hasKey("operator-jwt"))
                .body("paths.'" + readPath + "'.get.x-erplink-role", equalTo("read"))
                .body("paths.'" + readPath + "'.get.responses", hasKey("401"))
                .body(change + ".security[0]", hasKey("operator-jwt"))
                .body(change + ".x-erplink-role", equalTo("admin"))
                .body(change + ".responses", hasKey("403"));
    }
}
