package io.erplink.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void tokensVerifyWithThePublicKeyTheServicesAreGiven() throws Exception {
        LocalCredentials credentials = new LocalCredentials(dir.resolve("credentials"));
        Map<String, String> env = credentials.prepare(Instant.now());

        assertEquals("file:" + credentials.publicKey().toAbsolutePath(), env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        PublicKey key = publicKey(credentials.publicKey());

        JwtClaims admin = verify(credentials.adminToken(), key, LocalCredentials.OPERATOR_ISSUER);
        assertEquals(List.of("operator", "admin"), admin.getStringListClaimValue("groups"));
        assertEquals(
                List.of("operator"),
                verify(credentials.operatorToken(), key, LocalCredentials.OPERATOR_ISSUER)
                        .getStringListClaimValue("groups"));
        JwtClaims customer = verify(credentials.customerToken(), key, LocalCredentials.STOREFRONT_ISSUER);
        assertEquals(LocalCredentials.DEMO_CUSTOMER, customer.getStringClaimValue("customer_id"));
        assertEquals(
                LocalCredentials.TOKEN_LIFETIME.toSeconds(),
                customer.getExpirationTime().getValue() - customer.getIssuedAt().getValue());
    }

    @Test
    void theServicesVerifierAcceptsTheTokensWithTheirRolesAndCustomer() throws Exception {
        LocalCredentials credentials = new LocalCredentials(dir.resolve("credentials"));
        Instant now = Instant.now();
        credentials.prepare(now);
        PublicKey key = publicKey(credentials.publicKey());

        JsonWebToken admin = smallryeJwt(credentials.adminToken(), key, LocalCredentials.OPERATOR_ISSUER);
        assertEquals("local-admin", admin.getName());
        assertEquals("local-admin", admin.getSubject());
        assertEquals(Set.of("operator", "admin"), admin.getGroups());
        assertEquals(now.getEpochSecond() + LocalCredentials.TOKEN_LIFETIME.toSeconds(), admin.getExpirationTime());
        JsonWebToken operator = smallryeJwt(credentials.operatorToken(), key, LocalCredentials.OPERATOR_ISSUER);
        assertEquals("local-operator", operator.getName());
        assertEquals(Set.of("operator"), operator.getGroups());
        JsonWebToken customer = smallryeJwt(credentials.customerToken(), key, LocalCredentials.STOREFRONT_ISSUER);
        assertEquals("local-customer", customer.getName());
        assertEquals(Set.of(), customer.getGroups());
        assertEquals(
                LocalCredentials.DEMO_CUSTOMER, customer.getClaim("customer_id").toString());
        assertThrows(
                ParseException.class,
                () -> smallryeJwt(credentials.customerToken(), key, LocalCredentials.OPERATOR_ISSUER),
                "a storefront token is no operator token");
    }

    @Test
    void storefrontGetsOnlyTheHashOfItsApiKey() throws Exception {
        LocalCredentials credentials = new LocalCredentials(dir.resolve("credentials"));
        Map<String, String> env = credentials.prepare(Instant.now());

        String apiKey = Files.readString(credentials.storefrontApiKey()).strip();
        assertEquals(LocalCredentials.sha256Hex(apiKey), env.get("ERPLINK_LIVE_AUTH_API_KEYS__LOCAL__HASH"));
        assertEquals("storefront", env.get("ERPLINK_LIVE_AUTH_API_KEYS__LOCAL__ROLE"));
        assertTrue(
                env.values().stream().noneMatch(value -> value.contains(apiKey)), "the key itself is never handed out");
    }

    @Test
    void keysSurviveARestartAndTokensAreRenewed() throws Exception {
        LocalCredentials credentials = new LocalCredentials(dir.resolve("credentials"));
        credentials.prepare(Instant.now().minusSeconds(3600));
        String publicKey = Files.readString(credentials.publicKey());
        String apiKey = Files.readString(credentials.storefrontApiKey());
        String oldToken = Files.readString(credentials.adminToken());

        credentials.prepare(Instant.now());

        assertEquals(publicKey, Files.readString(credentials.publicKey()));
        assertEquals(apiKey, Files.readString(credentials.storefrontApiKey()));
        assertNotEquals(oldToken, Files.readString(credentials.adminToken()));
        verify(credentials.adminToken(), publicKey(credentials.publicKey()), LocalCredentials.OPERATOR_ISSUER);
    }

    @Test
    void secretsAreReadableByTheOwnerOnly() throws Exception {
        LocalCredentials credentials = new LocalCredentials(dir.resolve("credentials"));
        credentials.prepare(Instant.now());

        for (Path secret : List.of(
                credentials.dir().resolve("jwt-private.pem"),
                credentials.adminToken(),
                credentials.operatorToken(),
                credentials.customerToken(),
                credentials.storefrontApiKey())) {
            assertEquals(
                    "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)),
                    secret.toString());
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials.dir())));
    }

    @Test
    void aDamagedKeyFileIsReportedWithTheWayOut() throws Exception {
        LocalCredentials credentials = new LocalCredentials(dir.resolve("credentials"));
        credentials.prepare(Instant.now());
        Files.writeString(
                credentials.dir().resolve("jwt-private.pem"),
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        java.io.IOException e = assertThrows(java.io.IOException.class, () -> credentials.prepare(Instant.now()));
        assertTrue(e.getMessage().contains("delete " + credentials.dir()), e.getMessage());
    }

    private static JwtClaims verify(Path token, PublicKey key, String issuer) throws Exception {
        try {
            return new JwtConsumerBuilder()
                    .setVerificationKey(key)
                    .setExpectedIssuer(issuer)
                    .setRequireExpirationTime()
                    .setRequireIssuedAt()
                    .build()
                    .processToClaims(Files.readString(token).strip());
        } catch (InvalidJwtException e) {
            throw new AssertionError(token.getFileName() + " does not verify: " + e.getMessage(), e);
        }
    }

    /** The token as the services' smallrye-jwt parses it (RS256, issuer, exp and iat checked). */
    private static JsonWebToken smallryeJwt(Path token, PublicKey key, String issuer) throws Exception {
        return new DefaultJWTParser(new JWTAuthContextInfo(key, issuer))
                .parse(Files.readString(token).strip());
    }

    private static PublicKey publicKey(Path pem) throws Exception {
        byte[] der = Base64.getMimeDecoder()
                .decode(Files.readString(pem)
                        .replaceAll("-----[A-Z ]+-----", "")
                        .strip());
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }
}
