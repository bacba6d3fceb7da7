package io.erplink.kit.security;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * The access rule of every service's operator API, written once. A service subclasses it as an
 * {@code @Singleton} bean and names it in {@code quarkus.http.auth.permission.<x>.policy}:
 * <ul>
 * <li>no valid bearer token: 401 (Quarkus challenges anonymous callers a policy denies);</li>
 * <li>GET, HEAD, OPTIONS and the service's read-only POST paths (dry runs, validation): the read
 *     role or the admin role;</li>
 * <li>everything else (POST, PUT, DELETE, PATCH, any path not listed): the admin role only, so a new
 *     endpoint is closed until someone decides it only reads;</li>
 * <li>a token without the needed role: 403.</li>
 * </ul>
 * With authentication switched off (local demos only) everyone is let in, and that is logged loudly.
 */
public abstract class ApiAccessPolicy implements HttpSecurityPolicy {
    private static final Logger LOG = Logger.getLogger(ApiAccessPolicy.class);
    private static final Set<HttpMethod> READ_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Set<String> KEY_SETTINGS =
            Set.of("mp.jwt.verify.publickey.location", "mp.jwt.verify.publickey", "smallrye.jwt.verify.key.location");

    private static final List<String> FILE_KEY_SETTINGS =
            List.of("mp.jwt.verify.publickey.location", "smallrye.jwt.verify.key.location");

    private final String name;
    private final boolean enabled;
    private final String readRole;
    private final String adminRole;
    private final Set<String> readOnlyPosts;

    /**
     * @param name          the policy's name for {@code quarkus.http.auth.permission.<x>.policy}
     * @param setting       the property that switches authentication, named in the startup warning
     * @param enabled       false lets everyone in
     * @param readRole      role that may read
     * @param adminRole     role that may change (and read)
     * @param readOnlyPosts POST paths that change nothing (exact, e.g. {@code /api/v1/preview})
     */
    protected ApiAccessPolicy(
            String name,
            String setting,
            boolean enabled,
            String readRole,
            String adminRole,
            Set<String> readOnlyPosts) {
        this.name = name;
        this.enabled = enabled;
        this.readRole = readRole;
        this.adminRole = adminRole;
        this.readOnlyPosts = Set.copyOf(readOnlyPosts);
        if (!enabled) {
            LOG.warnf("%s=false: the API is open to everyone who reaches this port (local demos only)", setting);
            return;
        }
        Optional<String> missingKey = missingKeyFile(ConfigProvider.getConfig());
        if (missingKey.isPresent()) {
            // Else smallrye-jwt answers every token with a 500 while health stays UP: refuse to start instead.
            throw new IllegalStateException(setting + "=true but " + missingKey.get()
                    + ": mount the verification key there or fix the setting (MP_JWT_VERIFY_PUBLICKEY_LOCATION)");
        }
        if (!verificationKeyConfigured(ConfigProvider.getConfig())) {
            // smallrye-jwt would refuse every token with little more than a 401; say why once.
            LOG.warnf(
                    "%s=true but no JWT verification key is set (MP_JWT_VERIFY_PUBLICKEY_LOCATION or"
                            + " MP_JWT_VERIFY_PUBLICKEY): no call to the API can get through",
                    setting);
        }
    }

    /** The same from a service's {@link ApiAuthConfig}; {@code setting} is e.g. {@code erplink.batch.auth.enabled}. */
    protected ApiAccessPolicy(String name, String setting, ApiAuthConfig config, Set<String> readOnlyPosts) {
        this(name, setting, config.enabled(), config.readRole(), config.adminRole(), readOnlyPosts);
    }

    @Override
    public Uni<CheckResult> checkPermission(
            RoutingContext request, Uni<SecurityIdentity> identity, AuthorizationRequestContext requestContext) {
        if (!enabled) {
            return CheckResult.permit();
        }
        boolean reads = readsOnly(request.request().method(), request.normalizedPath());
        return identity.map(id -> allowed(id, reads) ? CheckResult.PERMIT : CheckResult.DENY);
    }

    private boolean allowed(SecurityIdentity id, boolean reads) {
        if (id.isAnonymous()) {
            return false;
        }
        return id.hasRole(adminRole) || (reads && id.hasRole(readRole));
    }

    /** Whether a request with this method on this path changes nothing, so the read role suffices. */
    boolean readsOnly(HttpMethod method, String path) {
        if (READ_METHODS.contains(method)) {
            return true;
        }
        if (!HttpMethod.POST.equals(method) || path == null) {
            return false;
        }
        String bare = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return readOnlyPosts.contains(bare);
    }

    @Override
    public String name() {
        return name;
    }

    /** A verification key configured as a local file ({@code file:...}) that cannot be read, described. */
    static Optional<String> missingKeyFile(Config config) {
        for (String setting : FILE_KEY_SETTINGS) {
            Optional<String> location = config.getOptionalValue(setting, String.class)
                    .map(String::strip)
                    .filter(value -> value.regionMatches(true, 0, "file:", 0, 5));
            if (location.isPresent()) {
                Path file;
                try {
                    file = Path.of(URI.create(location.get()));
                } catch (IllegalArgumentException e) {
                    file = Path.of(location.get().substring(5));
                }
                if (!Files.isReadable(file)) {
                    return Optional.of(setting + "=" + location.get() + " names no readable file");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean verificationKeyConfigured(Config config) {
        return KEY_SETTINGS.stream()
                .anyMatch(key -> config.getOptionalValue(key, String.class)
                        .filter(value -> !value.isBlank())
                        .isPresent());
    }
}
