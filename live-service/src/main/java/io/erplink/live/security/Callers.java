package io.erplink.live.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotAuthorizedException;

import io.quarkus.security.identity.SecurityIdentity;

import io.erplink.live.LiveConfig;

/** Turns the request's {@link SecurityIdentity} into a {@link Caller}, applying the anonymous policy. */
@ApplicationScoped
public class Callers {
    private final LiveConfig.Anonymous anonymous;

    Callers(LiveConfig config) {
        this.anonymous = config.anonymous();
    }

    /**
     * The caller of the current request.
     *
     * @throws NotAuthorizedException (401) for anonymous requests when anonymous access is off
     */
    public Caller of(SecurityIdentity identity) {
        String customer = identity.isAnonymous() ? null : identity.getAttribute(StorefrontAuthMechanism.CUSTOMER);
        String client = identity.isAnonymous() ? null : identity.getAttribute(StorefrontAuthMechanism.CLIENT);
        if (customer == null) {
            if (!anonymous.allowed()) {
                throw new NotAuthorizedException("credentials required (API key or bearer token)", "Bearer, ApiKey");
            }
            return new Caller(null, anonymous.erpKey(), client, null);
        }
        String group = identity.getAttribute(StorefrontAuthMechanism.PRICE_GROUP);
        return new Caller(customer, customer, client, group);
    }
}
