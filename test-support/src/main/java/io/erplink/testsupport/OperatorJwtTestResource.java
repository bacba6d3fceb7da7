package io.erplink.testsupport;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import static io.restassured.RestAssured.given;

/**
 * Bearer tokens for a service's operator API in {@code @QuarkusTest}s: makes an RSA key pair per test
 * run (nothing committed), hands the public key and {@link #ISSUER} to the service as
 * {@code mp.jwt.verify.*}, and signs tokens with the private key. The service's
 * {@code application.properties} should set {@code %test.mp.jwt.verify.publickey.location} to any
 * file URL, so Quarkus does not install its own in-memory test keys at build time.
 */
public class OperatorJwtTestResource implements QuarkusTestResourceLifecycleManager {
    /** The issuer the tokens carry and the service is told to expect. */
    public static final String ISSUER = "https://erplink.test/operators";
    /** The default read role ({@code erplink.<service>.auth.read-role}). */
    public static final String OPERATOR = "operator";
    /** The default admin role ({@code erplink.<service>.auth.admin-role}). */
    public static final String ADMIN = "admin";

    private static volatile PrivateKey privateKey;
    private TestKeyPair keys;

    @Override
    public Map<String, String> start() {
        keys = TestKeyPair.generate("operator-jwt");
        privateKey = keys.pair().getPrivate();
        return Map.of("mp.jwt.verify.publickey.location", keys.publicKeyLocation(), "mp.jwt.verify.issuer", ISSUER);
    }

    @Override
    public void stop() {
        if (keys != null) {
            keys.delete();
        }
    }

    /** A bearer token for a user with these groups (roles), valid for ten minutes. */
    public static String token(String user, String... groups) {
        return sign(Jwt.issuer(ISSUER).upn(user).groups(Set.of(groups)).expiresIn(Duration.ofMinutes(10)));
    }

    /** Any claims (another issuer, an expired token, ...) signed with the key the service trusts. */
    public static String sign(JwtClaimsBuilder claims) {
        if (privateKey == null) {
            throw new IllegalStateException("OperatorJwtTestResource has not started: add"
                    + " @QuarkusTestResource(OperatorJwtTestResource.class) to the test");
        }
        return claims.sign(privateKey);
    }

    /** A request as a user with the read role only. */
    public static RequestSpecification asOperator() {
        return given().auth().oauth2(token("ops", OPERATOR));
    }

    /** A request as a user with the admin role. */
    public static RequestSpecification asAdmin() {
        return given().auth().oauth2(token("admin", ADMIN));
    }
}
