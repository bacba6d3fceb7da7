package io.erplink.orderqueue;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.erplink.testsupport.TestKeyPair;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;

/**
 * Generates an RSA key pair per test run (nothing committed), hands the public key to the service
 * as its JWT verification key and signs operator tokens with the private key.
 */
public class OperatorJwtTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String ISSUER = "https://erplink.test/operators";
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

    /** A bearer token for a user with these groups. */
    public static String token(String user, String... groups) {
        return Jwt.issuer(ISSUER).upn(user).groups(Set.of(groups)).expiresIn(Duration.ofMinutes(10)).sign(privateKey);
    }
}
