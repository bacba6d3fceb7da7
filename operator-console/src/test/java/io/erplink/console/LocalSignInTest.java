package io.erplink.console;

import java.nio.file.Files;
import java.security.KeyPairGenerator;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;

import io.erplink.testsupport.OperatorJwtTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local run's sign-in: the tokens the local run makes (or a pasted one), checked as the services check them,
 * kept in an HttpOnly SameSite=Strict cookie; CSRF on every form; operators read, admins act.
 */
@QuarkusTest
@TestProfile(LocalSignInProfile.class)
@QuarkusTestResource(value = OperatorJwtTestResource.class, restrictToAnnotatedClass = true)
class LocalSignInTest {
    static String admin;
    static String operator;

    @BeforeAll
    static void localCredentials() throws Exception {
        admin = OperatorJwtTestResource.token("local-admin", "operator", "admin");
        operator = OperatorJwtTestResource.token("local-operator", "operator");
        Files.createDirectories(LocalSignInProfile.CREDENTIALS);
        Files.writeString(LocalSignInProfile.CREDENTIALS.resolve("admin.jwt"), admin);
        Files.writeString(LocalSignInProfile.CREDENTIALS.resolve("operator.jwt"), operator);
    }

    @Test
    void sendsAnonymousVisitorsToTheSignInPage() {
        given().redirects().follow(false).get("/runs").then().statusCode(302).header("Location", "/sign-in");
    }

    @Test
    void offersTheLocalRunsTokensByRole() {
        given().get("/sign-in")
                .then()
                .statusCode(200)
                .body(containsString("id=\"sign-in-operator\""))
                .body(containsString("id=\"sign-in-admin\""))
                .body(not(containsString(admin)));
    }

    @Test
    void signsInAsAdminFromTheLocalTokenIntoAnHttpOnlyStrictCookie() {
        Response page = given().get("/sign-in");
        Response signedIn = given().redirects()
                .follow(false)
                .cookie("csrf-token", page.getCookie("csrf-token"))
                .formParam("csrf-token", Browserless.csrfField(page.asString()))
                .formParam("as", "admin")
                .post("/sign-in");
        assertEquals(303, signedIn.statusCode());
        assertTrue(signedIn.getHeader("Location").endsWith("/"), signedIn.getHeader("Location"));
        String cookie = signedIn.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("erplink-console-session="))
                .findFirst()
                .orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertEquals(admin, signedIn.getCookie("erplink-console-session"));
        given().cookie("erplink-console-session", admin)
                .get("/runs")
                .then()
                .statusCode(200)
                .body(containsString("local-admin (admin)"))
                .body(not(containsString("Read only: actions need the admin role")))
                .body(not(containsString(admin)));
    }

    @Test
    void refusesASignInWithoutTheCsrfToken() {
        given().redirects()
                .follow(false)
                .formParam("as", "admin")
                .post("/sign-in")
                .then()
                .statusCode(400);
    }

    @Test
    void refusesATokenTheServicesWouldRefuse() throws Exception {
        var otherKey = KeyPairGenerator.getInstance("RSA");
        otherKey.initialize(2048);
        String foreign = Jwt.issuer(OperatorJwtTestResource.ISSUER)
                .upn("mallory")
                .groups("admin")
                .expiresIn(Duration.ofMinutes(5))
                .sign(otherKey.generateKeyPair().getPrivate());
        String expired = OperatorJwtTestResource.sign(Jwt.issuer(OperatorJwtTestResource.ISSUER)
                .upn("late")
                .groups("admin")
                .issuedAt(System.currentTimeMillis() / 1000 - 7200)
                .expiresAt(System.currentTimeMillis() / 1000 - 3600));
        for (String token : new String[] {foreign, expired}) {
            Response page = given().get("/sign-in");
            given().redirects()
                    .follow(false)
                    .cookie("csrf-token", page.getCookie("csrf-token"))
                    .formParam("csrf-token", Browserless.csrfField(page.asString()))
                    .formParam("token", token)
                    .post("/sign-in")
                    .then()
                    .statusCode(401)
                    .body(containsString("That token is not accepted"));
            given().redirects()
                    .follow(false)
                    .cookie("erplink-console-session", token)
                    .get("/runs")
                    .then()
                    .statusCode(302)
                    .header("Location", "/sign-in");
        }
    }

    @Test
    void operatorSeesReadOnlyPagesAndIsRefusedAnAdminAction() {
        Browserless session = Browserless.signIn(operator);
        session.request()
                .get("/activities")
                .then()
                .statusCode(200)
                .body(containsString("local-operator (operator)"))
                .body(containsString("Read only: actions need the admin role."));
        session.action("/activities/import-products/run")
                .then()
                .statusCode(403)
                .body(containsString("Refused: this action needs the admin role."));
        session.action("/queue/7/replay").then().statusCode(403);
    }

    @Test
    void adminActionWithoutCsrfTokenIsRefused() {
        Browserless session = Browserless.signIn(admin);
        session.request()
                .header("HX-Request", "true")
                .contentType("application/x-www-form-urlencoded")
                .post("/activities/import-products/run")
                .then()
                .statusCode(400);
    }

    @Test
    void showsAnUnreachableServiceReadablyInThePage() {
        Browserless session = Browserless.signIn(admin);
        session.request()
                .get("/runs")
                .then()
                .statusCode(200)
                .body(containsString("batch-service: unreachable at http://localhost:9"));
        session.action("/activities/import-products/run")
                .then()
                .statusCode(502)
                .header("HX-Retarget", "#result")
                .body(containsString("batch-service: unreachable at http://localhost:9"));
    }

    @Test
    void servesHtmxFromItsWebJar() {
        given().get("/webjars/htmx.org/2.0.4/dist/htmx.min.js")
                .then()
                .statusCode(200)
                .body(containsString("htmx"));
    }

    @Test
    void signOutClearsTheSession() {
        Browserless session = Browserless.signIn(admin);
        Response out = session.action("/sign-out");
        assertEquals(303, out.statusCode());
        assertEquals("", out.getCookie("erplink-console-session"));
    }
}
