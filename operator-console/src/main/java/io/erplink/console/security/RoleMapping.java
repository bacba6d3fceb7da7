package io.erplink.console.security;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

import io.erplink.console.ConsoleConfig;

/**
 * Gives a signed-in user the console's roles from the identity provider's: any of
 * {@code erplink.console.roles.admin} makes an admin (who may also read), any of
 * {@code erplink.console.roles.operator} an operator. Which claim holds the provider's roles is
 * {@code quarkus.oidc.roles.role-claim-path}.
 */
@ApplicationScoped
public class RoleMapping implements SecurityIdentityAugmentor {
    private final List<String> operatorRoles;
    private final List<String> adminRoles;

    RoleMapping(ConsoleConfig config) {
        this.operatorRoles = List.copyOf(config.roles().operator());
        this.adminRoles = List.copyOf(config.roles().admin());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return Uni.createFrom().item(map(identity));
    }

    /** The identity with the console's roles added (the local sign-in calls this, having no identity provider). */
    public SecurityIdentity map(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return identity;
        }
        boolean admin = adminRoles.stream().anyMatch(identity::hasRole);
        boolean operator = admin || operatorRoles.stream().anyMatch(identity::hasRole);
        if (!admin && !operator) {
            return identity;
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity);
        builder.addRole(Roles.OPERATOR);
        if (admin) {
            builder.addRole(Roles.ADMIN);
        }
        return builder.build();
    }
}
