package io.erplink.orderqueue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;

/**
 * Generates an RSA key pair per test run (nothing committed), hands the public key to the service
 * as its JWT verification key and signs operator tokens with the private key.
 */
public class OperatorJwtTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String ISSUER = "https://erplink.test/operators";
    private static volatile PrivateKey privateKey;
    private Path publicKeyFile;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            privateKey = pair.getPrivate();
            publicKeyFile = Files.createTempFile("operator-jwt", ".pem");
            Files.writeString(publicKeyFile, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            return Map.of("mp.jwt.verify.publickey.location", publicKeyFile.toUri().toString(),
                    "mp.jwt.verify.issuer", ISSUER);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate the operator key pair", e);
        }
    }

    @Override
    public void stop() {
        try {
            if (publicKeyFile != null) {
                Files.deleteIfExists(publicKeyFile);
            }
        } catch (Exception ignored) {
            // a temp file
        }
    }

    /** A bearer token for a user with these groups. */
    public static String token(String user, String... groups) {
        return Jwt.issuer(ISSUER).upn(user).groups(Set.of(groups)).expiresIn(Duration.ofMinutes(10)).sign(privateKey);
    }
}
