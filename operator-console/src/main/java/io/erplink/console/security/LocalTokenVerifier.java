package io.erplink.console.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import io.erplink.console.ConsoleConfig;

/**
 * Checks a token for the local sign-in exactly as the services check it: RS256, signed with the key of
 * {@code mp.jwt.verify.publickey.location}, issued by {@code mp.jwt.verify.issuer}, not expired; the roles are its
 * {@code groups} claim. Only used when {@code erplink.console.local.enabled=true}.
 */
@ApplicationScoped
public class LocalTokenVerifier {

    /** A verified token: who, which roles, until when. */
    public record Verified(String user, List<String> groups, long expiresAtEpochSecond) {}

    private final boolean enabled;
    private final Optional<String> keyLocation;
    private final String issuer;
    private volatile JwtConsumer consumer;

    LocalTokenVerifier(
            ConsoleConfig config,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation,
            @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "https://erplink.io/operators")
                    String issuer) {
        this.enabled = config.local().enabled();
        this.keyLocation = keyLocation;
        this.issuer = issuer;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The token's user and roles, or empty when it is not one the services would accept. */
    public Optional<Verified> verify(String jwt) {
        if (!enabled || jwt == null || jwt.isBlank()) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = consumer().processToClaims(jwt.strip());
            String user = claims.hasClaim("upn") ? claims.getStringClaimValue("upn") : claims.getSubject();
            List<String> groups = claims.hasClaim("groups") ? claims.getStringListClaimValue("groups") : List.of();
            return Optional.of(
                    new Verified(user, groups, claims.getExpirationTime().getValue()));
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }

    private JwtConsumer consumer() {
        JwtConsumer current = consumer;
        if (current == null) {
            current = new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setAllowedClockSkewInSeconds(30)
                    .setExpectedIssuer(issuer)
                    .setSkipDefaultAudienceValidation()
                    .setVerificationKey(publicKey())
                    .setJwsAlgorithmConstraints(
                            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                    .build();
            consumer = current;
        }
        return current;
    }

    private PublicKey publicKey() {
        String location = keyLocation.orElseThrow(() -> new IllegalStateException(
                "erplink.console.local.enabled=true needs mp.jwt.verify.publickey.location (the services' key)"));
        try (InputStream in = open(location)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder()
                    .decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the public key at " + location + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            return in;
        }
        Path file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        return Files.newInputStream(file);
    }
}
