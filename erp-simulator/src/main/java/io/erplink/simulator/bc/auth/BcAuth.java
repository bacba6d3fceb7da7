package io.erplink.simulator.bc.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Microsoft Entra ID's client credentials flow as BC online needs it, and the check of every data
 * call: a bearer token this issuer handed out and that has not expired, or (when enabled) Basic
 * credentials as BC on-premises takes them. Counts token requests, so tests can assert that a
 * client caches its token.
 */
public final class BcAuth {
    public static final String SCOPE = "https://api.businesscentral.dynamics.com/.default";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String clientId;
    private final byte[] clientSecret;
    private final Duration lifetime;
    private final boolean basic;
    private final String basicUser;
    private final Clock clock;
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final AtomicLong tokenRequests = new AtomicLong();
    private final AtomicLong tokensIssued = new AtomicLong();

    public BcAuth(
            String clientId, String clientSecret, Duration lifetime, boolean basic, String basicUser, Clock clock) {
        this.clientId = clientId;
        this.clientSecret = clientSecret.getBytes(StandardCharsets.UTF_8);
        this.lifetime = lifetime;
        this.basic = basic;
        this.basicUser = basicUser;
        this.clock = clock;
    }

    /** An issued token, or the OAuth error of the refusal. */
    public sealed interface TokenAnswer {}

    public record Issued(String accessToken, long expiresIn) implements TokenAnswer {}

    /** An OAuth error: status, {@code error} and {@code error_description}. */
    public record Refused(int status, String error, String description) implements TokenAnswer {}

    /** Answers one token request (form fields). */
    public TokenAnswer token(String grantType, String id, String secret, String scope) {
        tokenRequests.incrementAndGet();
        if (!"client_credentials".equals(grantType)) {
            return new Refused(
                    400,
                    "unsupported_grant_type",
                    "AADSTS70003: The app requested an unsupported grant type '" + grantType + "'.");
        }
        if (id == null || !id.equals(clientId)) {
            return new Refused(
                    400,
                    "unauthorized_client",
                    "AADSTS700016: Application with identifier '" + id + "' was not found in the directory.");
        }
        if (secret == null || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), clientSecret)) {
            return new Refused(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
        }
        if (!SCOPE.equals(scope)) {
            return new Refused(
                    400,
                    "invalid_scope",
                    "AADSTS70011: The provided request must include a 'scope' input"
                            + " parameter; the only scope granted is " + SCOPE + ".");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(token, clock.instant().plus(lifetime));
        tokensIssued.incrementAndGet();
        tokens.entrySet().removeIf(entry -> entry.getValue().isBefore(clock.instant()));
        return new Issued(token, lifetime.toSeconds());
    }

    /** Null when the Authorization header admits the call, else why not. */
    public String refusal(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return "The request has no Authorization header.";
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Instant expiry = tokens.get(authorization.substring(7).strip());
            if (expiry == null) {
                return "The access token is not valid.";
            }
            if (!clock.instant().isBefore(expiry)) {
                return "The access token has expired.";
            }
            return null;
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6) && basic) {
            String expected = basicUser + ":" + new String(clientSecret, StandardCharsets.UTF_8);
            byte[] given;
            try {
                given = Base64.getDecoder().decode(authorization.substring(6).strip());
            } catch (IllegalArgumentException e) {
                return "The Basic credentials are not valid base64.";
            }
            return MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.UTF_8))
                    ? null
                    : "The user name or password is incorrect.";
        }
        return basic ? "Only Bearer and Basic authentication are accepted." : "Only Bearer authentication is accepted.";
    }

    public boolean basicEnabled() {
        return basic;
    }

    public long tokenRequests() {
        return tokenRequests.get();
    }

    public long tokensIssued() {
        return tokensIssued.get();
    }

    /** Expires every issued token now (a test of token refresh). */
    public void expireAll() {
        tokens.replaceAll((token, expiry) -> clock.instant());
    }

    public void resetCounts() {
        tokenRequests.set(0);
        tokensIssued.set(0);
    }
}
