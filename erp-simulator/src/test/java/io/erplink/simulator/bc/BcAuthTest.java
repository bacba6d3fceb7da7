package io.erplink.simulator.bc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.erplink.simulator.bc.auth.BcAuth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OAuth client credentials endpoint, bearer checks on every data call, Basic for on-premises. */
@QuarkusTest
class BcAuthTest {

    @BeforeEach
    void reset() {
        Bc.reset();
    }

    @Test
    void issuesABearerTokenForTheClientCredentialsAndCountsRequests() {
        Bc.Answer answer = Bc.tokenRequest("client_credentials", "erplink-bc-simulator", Bc.secret(), Bc.SCOPE);
        assertEquals(200, answer.status(), answer.body());
        assertEquals("Bearer", answer.json().path("token_type").asText());
        assertEquals(3600, answer.json().path("expires_in").intValue());
        String token = answer.json().path("access_token").asText();
        assertEquals(
                200,
                Bc.get(Bc.set("DynamicwebCountries"), "Authorization", "Bearer " + token)
                        .status());
        assertEquals(
                1, Bc.admin("GET", "/stats", null).json().path("tokenRequests").intValue());
    }

    @Test
    void refusesWrongCredentialsAsEntraIdDoes() {
        Bc.Answer secret =
                Bc.tokenRequest("client_credentials", "erplink-bc-simulator", "wrong-secret-0123456789", Bc.SCOPE);
        assertEquals(401, secret.status());
        assertEquals("invalid_client", secret.json().path("error").asText());
        assertEquals(
                "unauthorized_client",
                Bc.tokenRequest("client_credentials", "someone", Bc.secret(), Bc.SCOPE)
                        .json()
                        .path("error")
                        .asText());
        assertEquals(
                "invalid_scope",
                Bc.tokenRequest("client_credentials", "erplink-bc-simulator", Bc.secret(), "api://other/.default")
                        .json()
                        .path("error")
                        .asText());
        assertEquals(
                "unsupported_grant_type",
                Bc.tokenRequest("password", "erplink-bc-simulator", Bc.secret(), Bc.SCOPE)
                        .json()
                        .path("error")
                        .asText());
        Bc.Answer stats = Bc.admin("GET", "/stats", null);
        assertEquals(4, stats.json().path("tokenRequests").intValue());
        assertEquals(0, stats.json().path("tokensIssued").intValue());
    }

    @Test
    void refusesDataCallsWithoutAValidToken() {
        Bc.Answer none = Bc.get(Bc.set("DynamicwebItemCard"), "Authorization", null);
        assertEquals(401, none.status());
        assertEquals("Authentication_InvalidCredentials", none.errorCode());
        assertTrue(none.header("WWW-Authenticate").startsWith("Bearer authorization_uri="));
        assertEquals(
                401,
                Bc.get(Bc.set("DynamicwebItemCard"), "Authorization", "Bearer made-up")
                        .status());
        assertEquals(
                401, Bc.get(Bc.odata() + "/$metadata", "Authorization", null).status());
        String basic = Base64.getEncoder().encodeToString(("ERPLINK:" + Bc.secret()).getBytes());
        assertEquals(
                401,
                Bc.get(Bc.set("DynamicwebItemCard"), "Authorization", "Basic " + basic)
                        .status(),
                "Basic is off unless erplink.simulator.bc.basic-auth is set");
    }

    @Test
    void refusesAnExpiredToken() {
        String token = Bc.token();
        assertEquals(
                200,
                Bc.get(Bc.set("DynamicwebCountries"), "Authorization", "Bearer " + token)
                        .status());
        assertEquals(204, Bc.admin("POST", "/tokens/expire", null).status());
        Bc.Answer expired = Bc.get(Bc.set("DynamicwebCountries"), "Authorization", "Bearer " + token);
        assertEquals(401, expired.status());
        assertTrue(expired.body().contains("expired"));
    }

    @Test
    void acceptsBasicCredentialsWhenEnabledAndExpiresTokensOnTheClock() {
        MutableClock clock = new MutableClock();
        BcAuth auth = new BcAuth("id", "secret-0123456789abcdef", Duration.ofSeconds(60), true, "ERPLINK", clock);
        String good = Base64.getEncoder().encodeToString("ERPLINK:secret-0123456789abcdef".getBytes());
        String bad = Base64.getEncoder().encodeToString("ERPLINK:guess".getBytes());
        assertNull(auth.refusal("Basic " + good));
        assertEquals("The user name or password is incorrect.", auth.refusal("Basic " + bad));
        BcAuth.Issued issued =
                (BcAuth.Issued) auth.token("client_credentials", "id", "secret-0123456789abcdef", BcAuth.SCOPE);
        assertEquals(60, issued.expiresIn());
        clock.now = clock.now.plusSeconds(59);
        assertNull(auth.refusal("Bearer " + issued.accessToken()));
        clock.now = clock.now.plusSeconds(1);
        assertEquals("The access token has expired.", auth.refusal("Bearer " + issued.accessToken()));
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
