package io.erplink.live;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import io.erplink.live.security.StorefrontAuthMechanism;
import io.erplink.testsupport.TestKeyPair;

/**
 * Storefront credentials made at test time (nothing committed): an RSA key pair whose public half
 * verifies bearer tokens, and random API keys configured by their SHA-256 only.
 * Keys: {@link #CUSTOMER_A} and {@link #CUSTOMER_B} bound to one customer each, {@link #STOREFRONT}
 * with role storefront.
 */
public class StorefrontAuthTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String ISSUER = "https://erplink.test/storefront";
    public static final String CUSTOMER_A = "50000";
    public static final String CUSTOMER_B = "50001";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "io.erplink.live.test.";
    private TestKeyPair keys;

    @Override
    public Map<String, String> start() {
        try {
            keys = TestKeyPair.generate("live-jwt");
            // System properties: the test classes may see this class under another class loader.
            System.setProperty(
                    PREFIX + "private-key",
                    Base64.getEncoder().encodeToString(keys.pair().getPrivate().getEncoded()));
            Map<String, String> config = new HashMap<>();
            config.put("mp.jwt.verify.publickey.location", keys.publicKeyLocation());
            config.put("mp.jwt.verify.issuer", ISSUER);
            apiKey(config, "customer-a", "shop-a", CUSTOMER_A, null);
            apiKey(config, "customer-b", "shop-b", CUSTOMER_B, null);
            apiKey(config, "storefront", "shop-web", null, "storefront");
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test credentials", e);
        }
    }

    private static void apiKey(Map<String, String> config, String name, String client, String customer, String role) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String key = "lk_" + HexFormat.of().formatHex(bytes);
        System.setProperty(PREFIX + "key." + name, key);
        String prefix = "erplink.live.auth.api-keys." + name + ".";
        config.put(prefix + "hash", StorefrontAuthMechanism.hash(key));
        config.put(prefix + "client", client);
        if (customer != null) {
            config.put(prefix + "customer", customer);
        }
        if (role != null) {
            config.put(prefix + "role", role);
        }
    }

    @Override
    public void stop() {
        if (keys != null) {
            keys.delete();
        }
    }

    /** The API key of customer A (50000). */
    public static String customerAKey() {
        return System.getProperty(PREFIX + "key.customer-a");
    }

    /** The API key of customer B (50001). */
    public static String customerBKey() {
        return System.getProperty(PREFIX + "key.customer-b");
    }

    /** The storefront API key (acts for the customer of a bearer token, else anonymously). */
    public static String storefrontKey() {
        return System.getProperty(PREFIX + "key.storefront");
    }

    /** A signed customer token. */
    public static String customerToken(String customer) {
        return sign(Jwt.issuer(ISSUER)
                .subject("user-" + customer)
                .claim("customer_id", customer)
                .expiresIn(Duration.ofMinutes(10)));
    }

    /** A customer token signed with the trusted key that expired an hour ago. */
    public static String expiredToken(String customer) {
        return sign(Jwt.issuer(ISSUER)
                .subject("user-" + customer)
                .claim("customer_id", customer)
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)));
    }

    /** Any claims signed with the key the service trusts. */
    public static String sign(JwtClaimsBuilder claims) {
        try {
            byte[] der = Base64.getDecoder().decode(System.getProperty(PREFIX + "private-key"));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            return claims.sign(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token signed by a key the service does not trust. */
    public static String foreignToken(String customer) {
        return Jwt.issuer(ISSUER)
                .subject("intruder")
                .claim("customer_id", customer)
                .expiresIn(Duration.ofMinutes(10))
                .sign(TestKeyPair.rsa().getPrivate());
    }
}
