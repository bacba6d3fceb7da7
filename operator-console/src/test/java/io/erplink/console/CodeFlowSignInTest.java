package io.erplink.console;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenID Connect code flow as on Kubernetes, against Quarkus's in-test provider: the console sends the browser
 * to the provider's login page, takes the code back, and maps the provider's roles ({@code groups}: user, admin)
 * onto its own through {@code erplink.console.roles.*}. The provider's tokens never show up in a URL the browser
 * visits.
 */
@QuarkusTest
@TestProfile(CodeFlowSignInTest.Provider.class)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class CodeFlowSignInTest {

    public static class Provider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.LinkedHashMap<>();
            config.put("quarkus.oidc.tenant-enabled", "true");
            config.put("quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/");
            config.put("quarkus.oidc.client-id", "quarkus-web-app");
            config.put("quarkus.oidc.credentials.secret", "secret");
            config.put(
                    "quarkus.oidc.token-state-manager.encryption-secret",
                    "a-test-session-key-of-32-characters-at-least");
            config.put("quarkus.oidc.roles.role-claim-path", "groups");
            config.put("erplink.console.roles.operator", "user");
            config.put("erplink.console.roles.admin", "admin");
            config.put("erplink.console.services.batch", "http://localhost:9");
            config.put("erplink.console.services.timeout", "2s");
            return config;
        }
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void signsInThroughTheProvidersLoginPageAndMapsItsAdminRole() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<String> challenge = browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/runs"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, challenge.statusCode());
        URI login = URI.create(challenge.headers().firstValue("Location").orElseThrow());
        assertTrue(login.getPath().endsWith("/auth/realms/quarkus"), login.toString());
        Map<String, String> query = Arrays.stream(login.getRawQuery().split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        assertEquals("code", query.get("response_type"));

        // What the provider's login form submits: back to the console with a code.
        HttpResponse<String> loggedIn = browser.send(
                HttpRequest.newBuilder(login.resolve("/login?state=" + enc(query.get("state")) + "&redirect_uri="
                                + enc(query.get("redirect_uri"))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, loggedIn.statusCode());
        URI callback = URI.create(loggedIn.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> exchanged =
                browser.send(HttpRequest.newBuilder(callback).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, exchanged.statusCode(), exchanged.body());
        String cookies = String.join(" | ", exchanged.headers().allValues("Set-Cookie"));
        String back = exchanged.headers().firstValue("Location").orElseThrow();
        assertTrue(back.endsWith("/runs"), back);
        assertFalse(back.contains("token"), back);

        HttpResponse<String> runs = browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/runs"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(
                200,
                runs.statusCode(),
                "session cookies set: " + cookies + "; then " + runs.headers().map());
        assertTrue(runs.body().contains("(admin)</span>"), runs.body());
        assertFalse(runs.body().contains("Read only: actions need the admin role"), runs.body());
        assertTrue(runs.body().contains("batch-service: unreachable at http://localhost:9"), runs.body());
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
