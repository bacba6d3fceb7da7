package io.erplink.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * The credentials of the local run ({@code ./erplink up}), so its APIs are protected as on Kubernetes
 * and still usable at once. The local run has no identity provider, so this class plays one:
 * <ul>
 * <li>an RSA key pair ({@code jwt-private.pem}, {@code jwt-public.pem}), made once and kept; every
 * service verifies bearer tokens with the public half;</li>
 * <li>tokens signed with the private half, written afresh on every start and valid for a day:
 * {@code admin.jwt} and {@code operator.jwt} for the operator APIs (batch, mapping, order-queue;
 * issuer {@value #OPERATOR_ISSUER}) and {@code customer-50000.jwt} for live-service (issuer
 * {@value #STOREFRONT_ISSUER}, claim {@code customer_id}: the simulator's first customer);</li>
 * <li>a storefront API key ({@code storefront-api-key}, made once and kept) with the role
 * {@code storefront}; live-service is given only its SHA-256, as in production.</li>
 * </ul>
 * Everything lives in {@code .erplink/credentials/}, readable by the owner only; the e2e tests make the
 * same credentials for the suite they start (so the class is public). The tokens are minted with
 * jose4j, the JOSE library smallrye-jwt verifies them with in the services.
 */
public final class LocalCredentials {

    static final String OPERATOR_ISSUER = "https://erplink.io/operators";
    static final String STOREFRONT_ISSUER = "https://erplink.io/storefront";
    static final String DEMO_CUSTOMER = "50000";
    static final Duration TOKEN_LIFETIME = Duration.ofDays(1);

    private final Path dir;

    public LocalCredentials(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    Path publicKey() {
        return dir.resolve("jwt-public.pem");
    }

    public Path adminToken() {
        return dir.resolve("admin.jwt");
    }

    public Path operatorToken() {
        return dir.resolve("operator.jwt");
    }

    public Path customerToken() {
        return dir.resolve("customer-" + DEMO_CUSTOMER + ".jwt");
    }

    Path storefrontApiKey() {
        return dir.resolve("storefront-api-key");
    }

    /**
     * Makes the key pair and the API key if they do not exist yet, and writes fresh tokens.
     *
     * @return the environment that points the services at these credentials
     */
    public Map<String, String> prepare(Instant now) throws IOException {
        Files.createDirectories(dir);
        restrict(dir, "rwx------");
        PrivateKey signingKey = keyPair();
        String apiKey = apiKey();
        writeSecret(
                adminToken(),
                token(signingKey, OPERATOR_ISSUER, "local-admin", List.of("operator", "admin"), null, now));
        writeSecret(
                operatorToken(), token(signingKey, OPERATOR_ISSUER, "local-operator", List.of("operator"), null, now));
        writeSecret(
                customerToken(), token(signingKey, STOREFRONT_ISSUER, "local-customer", List.of(), DEMO_CUSTOMER, now));

        Map<String, String> env = new LinkedHashMap<>();
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:" + publicKey().toAbsolutePath());
        env.put("ERPLINK_LIVE_AUTH_API_KEYS__LOCAL__HASH", sha256Hex(apiKey));
        env.put("ERPLINK_LIVE_AUTH_API_KEYS__LOCAL__CLIENT", "local-demo");
        env.put("ERPLINK_LIVE_AUTH_API_KEYS__LOCAL__ROLE", "storefront");
        return env;
    }

    private PrivateKey keyPair() throws IOException {
        Path privateFile = dir.resolve("jwt-private.pem");
        try {
            if (Files.isRegularFile(privateFile) && Files.isRegularFile(publicKey())) {
                byte[] der = Base64.getMimeDecoder()
                        .decode(Files.readString(privateFile)
                                .replaceAll("-----[A-Z ]+-----", "")
                                .strip());
                return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            writeSecret(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey(), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return pair.getPrivate();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(
                    "unusable key in " + privateFile + " (delete " + dir + " to make a new one): " + e.getMessage(), e);
        }
    }

    private String apiKey() throws IOException {
        Path file = storefrontApiKey();
        if (Files.isRegularFile(file)) {
            String key = Files.readString(file).strip();
            if (!key.isEmpty()) {
                return key;
            }
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String key = "local-" + HexFormat.of().formatHex(bytes);
        writeSecret(file, key + "\n");
        return key;
    }

    /** An RS256 JWT with the claims the services read (iss, sub, upn, groups, customer_id, iat, exp). */
    static String token(
            PrivateKey key, String issuer, String subject, List<String> groups, String customer, Instant now) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        if (!groups.isEmpty()) {
            claims.setStringListClaim("groups", groups);
        }
        if (customer != null) {
            claims.setClaim("customer_id", customer);
        }
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.getEpochSecond() + TOKEN_LIFETIME.toSeconds()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
    }

    static String sha256Hex(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void writeSecret(Path file, String content) throws IOException {
        Files.writeString(file, content);
        restrict(file, "rw-------");
    }

    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own permissions apply
        }
    }
}
