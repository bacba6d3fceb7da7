package io.erplink.console.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * The local sign-in's session: the token chosen at {@code /sign-in} lives in an HttpOnly, SameSite=Strict cookie
 * (never in a URL or a log) and is checked on every request as the services check it. Without a session the
 * browser is sent to {@code /sign-in}. Inactive unless {@code erplink.console.local.enabled=true}; then the
 * OpenID Connect code flow is off ({@code quarkus.oidc.tenant-enabled=false}).
 */
@ApplicationScoped
public class LocalSessionMechanism implements HttpAuthenticationMechanism {
    public static final String COOKIE = "erplink-console-session";

    private final LocalTokenVerifier verifier;
    private final RoleMapping roles;

    LocalSessionMechanism(LocalTokenVerifier verifier, RoleMapping roles) {
        this.verifier = verifier;
        this.roles = roles;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!verifier.enabled()) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = context.request().getCookie(COOKIE);
        if (cookie == null) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom()
                .item(verifier.verify(cookie.getValue())
                        // Built here rather than by an identity provider, so the role mapping is applied here too.
                        .map(v -> roles.map(QuarkusSecurityIdentity.builder()
                                .setPrincipal(new QuarkusPrincipal(v.user()))
                                .addRoles(Set.copyOf(v.groups()))
                                .addCredential(new TokenCredential(cookie.getValue(), "bearer"))
                                .build()))
                        .orElse(null));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (!verifier.enabled()) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(new ChallengeData(302, "Location", "/sign-in"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    @Override
    public int getPriority() {
        // Ahead of quarkus-oidc's mechanism, so the local run's challenge is the sign-in page.
        return DEFAULT_PRIORITY + 100;
    }
}
