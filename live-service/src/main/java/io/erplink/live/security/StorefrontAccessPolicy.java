package io.erplink.live.security;

import jakarta.inject.Singleton;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import io.erplink.live.LiveConfig;

/**
 * The storefront API's access rule ({@code quarkus.http.auth.permission.storefront.policy}), checked
 * where JAX-RS matched the request: it asks for the caller's identity, so credentials are verified on
 * every API request (authentication is lazy, {@code quarkus.http.auth.proactive=false}) and wrong ones
 * fail there, answered 401 as a problem with the challenge by service-kit's ProblemMappers. Without
 * credentials: let in as anonymous when {@code erplink.live.anonymous.allowed}, else 401 the same way.
 * Which customer a caller may act for is {@link Caller}'s check (403).
 */
@Singleton
public class StorefrontAccessPolicy implements HttpSecurityPolicy {
    private final boolean anonymousAllowed;
    private final CurrentIdentityAssociation association;

    StorefrontAccessPolicy(LiveConfig config, CurrentIdentityAssociation association) {
        this.anonymousAllowed = config.anonymous().allowed();
        this.association = association;
    }

    @Override
    public Uni<CheckResult> checkPermission(
            RoutingContext request, Uni<SecurityIdentity> identity, AuthorizationRequestContext requestContext) {
        return identity.map(id -> {
            // Resolved now, so a resource running on the IO thread may read it without blocking.
            association.setIdentity(id);
            return id.isAnonymous() && !anonymousAllowed ? CheckResult.DENY : CheckResult.PERMIT;
        });
    }

    @Override
    public String name() {
        return "erplink-storefront";
    }
}
