package io.erplink.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;

import static io.restassured.RestAssured.given;

/** A signed-in session without a browser: the CSRF cookie and field, the session cookie. */
final class Browserless {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    final String csrf;
    final String session;

    private Browserless(String csrf, String session) {
        this.csrf = csrf;
        this.session = session;
    }

    /** Signs in with the pasted token and returns the session. */
    static Browserless signIn(String token) {
        Response page = given().redirects().follow(false).get("/sign-in");
        String csrf = csrfField(page.asString());
        Response signedIn = given().redirects()
                .follow(false)
                .cookie("csrf-token", page.getCookie("csrf-token"))
                .formParam("csrf-token", csrf)
                .formParam("token", token)
                .post("/sign-in");
        if (signedIn.statusCode() != 303) {
            throw new AssertionError("sign-in answered " + signedIn.statusCode() + ": " + signedIn.asString());
        }
        return new Browserless(page.getCookie("csrf-token"), signedIn.getCookie("erplink-console-session"));
    }

    static String csrfField(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF field in " + html);
        }
        return m.group(1);
    }

    io.restassured.specification.RequestSpecification request() {
        return given().redirects()
                .follow(false)
                .cookie("erplink-console-session", session)
                .cookie("csrf-token", csrf);
    }

    /** An action as htmx sends it: form-encoded, the CSRF token in X-CSRF-TOKEN. */
    Response action(String path) {
        return request()
                .header("X-CSRF-TOKEN", csrf)
                .header("HX-Request", "true")
                .contentType("application/x-www-form-urlencoded")
                .post(path);
    }
}
