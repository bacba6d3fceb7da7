package io.erplink.console.security;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

/** The signed-in user of this request: name, whether an admin, and the bearer token the services get. */
@RequestScoped
@Named("currentUser")
public class CurrentUser {
    private final SecurityIdentity identity;

    CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String name() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    public boolean admin() {
        return identity.hasRole(Roles.ADMIN);
    }

    public String role() {
        return admin() ? "admin" : identity.hasRole(Roles.OPERATOR) ? "operator" : "none";
    }

    /**
     * The token to call the services with: the access token of the code flow, or the local sign-in's token. Never
     * logged, never put into a page.
     */
    public Optional<String> token() {
        AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
        if (access != null) {
            return Optional.of(access.getToken());
        }
        return identity.getCredentials().stream()
                .filter(c -> c instanceof TokenCredential t && "bearer".equals(t.getType()))
                .map(c -> ((TokenCredential) c).getToken())
                .findFirst();
    }
}
