package io.erplink.live.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;

import io.erplink.live.LiveConfig;

/**
 * Storefront authentication, one mechanism for both credential kinds:
 * <ul>
 * <li>API key ({@code X-Api-Key}): looked up by its SHA-256 among {@code erplink.live.auth.api-keys};
 *     a key bound to a customer acts as that customer; a key with role {@code storefront} acts for
 *     the customer named by a signed JWT in {@code Authorization: Bearer}, or anonymously without one;</li>
 * <li>JWT bearer alone: verified with {@code mp.jwt.verify.*}; the customer is the configured claim.</li>
 * </ul>
 * No credentials: anonymous (allowed or refused by {@link Callers}). Wrong credentials: 401.
 */
@ApplicationScoped
public class StorefrontAuthMechanism implements HttpAuthenticationMechanism {
    public static final String CUSTOMER = "erplink.customer";
    public static final String CLIENT = "erplink.client";
    public static final String PRICE_GROUP = "erplink.price-group";
    public static final String STOREFRONT_ROLE = "storefront";

    /**
     * A configured API key. {@code identity}: what the key alone authenticates as (its customer, or
     * the storefront acting anonymously), built once since it is the same for every request.
     */
    private record Binding(
            String name, String client, String customer, boolean storefront, Uni<SecurityIdentity> identity) {

        Binding(String name, String client, String customer, boolean storefront) {
            this(
                    name,
                    client,
                    customer,
                    storefront,
                    Uni.createFrom().item(StorefrontAuthMechanism.identity(name, customer, client, null, storefront)));
        }
    }

    /** SHA-256 per thread: {@code MessageDigest.getInstance} looks the provider up on every call. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final Map<String, Binding> keysByHash = new HashMap<>();
    private final LiveConfig.Auth config;
    private final Instance<JWTParser> parser;

    StorefrontAuthMechanism(LiveConfig config, Instance<JWTParser> parser) {
        this.config = config.auth();
        this.parser = parser;
        config.auth().apiKeys().forEach((name, key) -> {
            boolean storefront = key.role()
                    .map(role -> role.strip().equalsIgnoreCase(STOREFRONT_ROLE))
                    .orElse(false);
            if (key.role().isPresent() && !storefront) {
                throw new IllegalArgumentException(
                        "erplink.live.auth.api-keys." + name + ".role: only 'storefront' exists");
            }
            if (storefront == key.customer().isPresent()) {
                throw new IllegalArgumentException(
                        "erplink.live.auth.api-keys." + name + ": set either customer or role=storefront");
            }
            String hash = key.hash().strip().toLowerCase(Locale.ROOT);
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(
                        "erplink.live.auth.api-keys." + name + ".hash is not a SHA-256 hex digest");
            }
            keysByHash.put(
                    hash,
                    new Binding(
                            name,
                            key.client(),
                            key.customer().map(String::strip).orElse(null),
                            storefront));
        });
    }

    /** SHA-256 hex of an API key, as configured in {@code erplink.live.auth.api-keys.<name>.hash}. */
    public static String hash(String apiKey) {
        return HexFormat.of().formatHex(SHA_256.get().digest(apiKey.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100; // before the plain JWT mechanism
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String apiKey = context.request().getHeader(config.apiKeyHeader());
        String authorization = context.request().getHeader("Authorization");
        String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip()
                : null;
        if (apiKey == null && bearer == null) {
            return Uni.createFrom().nullItem();
        }
        Binding binding = null;
        if (apiKey != null) {
            binding = keysByHash.get(hash(apiKey.strip()));
            if (binding == null) {
                return Uni.createFrom().failure(new AuthenticationFailedException("unknown API key"));
            }
            if (binding.customer() != null || bearer == null) {
                return binding.identity();
            }
        }
        if (!config.jwtEnabled()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("bearer tokens are not accepted"));
        }
        Binding storefront = binding;
        return Uni.createFrom()
                .item(() -> fromJwt(bearer, storefront))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private SecurityIdentity fromJwt(String token, Binding storefront) {
        JsonWebToken jwt;
        try {
            jwt = parser.get().parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new AuthenticationFailedException("invalid bearer token: " + e.getMessage());
        }
        Object claim = jwt.getClaim(config.customerClaim());
        String customer = claim == null
                ? null
                : claim.toString().replaceAll("^\"|\"$", "").strip();
        if (customer == null || customer.isEmpty()) {
            throw new AuthenticationFailedException("the token has no " + config.customerClaim() + " claim");
        }
        Object group = jwt.getClaim(config.priceGroupClaim());
        String client = storefront != null
                ? storefront.client()
                : jwt.getClaim("azp") != null ? jwt.getClaim("azp").toString() : jwt.getIssuer();
        String name = storefront != null ? storefront.name() + "/" + customer : "jwt/" + customer;
        return identity(
                name,
                customer,
                client,
                group == null ? null : group.toString().replaceAll("^\"|\"$", ""),
                storefront != null);
    }

    private static SecurityIdentity identity(
            String name, String customer, String client, String priceGroup, boolean storefront) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRole(customer == null ? "anonymous" : "customer");
        if (storefront) {
            builder.addRole(STOREFRONT_ROLE);
        }
        if (customer != null) {
            builder.addAttribute(CUSTOMER, customer);
        }
        if (client != null) {
            builder.addAttribute(CLIENT, client);
        }
        if (priceGroup != null && !priceGroup.isBlank()) {
            builder.addAttribute(PRICE_GROUP, priceGroup);
        }
        return builder.build();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom()
                .item(new ChallengeData(
                        401, "WWW-Authenticate", "Bearer, ApiKey header=\"" + config.apiKeyHeader() + "\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }
}
