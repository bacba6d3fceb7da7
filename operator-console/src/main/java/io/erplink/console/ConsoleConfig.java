package io.erplink.console;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the operator console ({@code erplink.console.*}). */
@ConfigMapping(prefix = "erplink.console")
public interface ConsoleConfig {

    /** Where the services' operator APIs are. */
    Services services();

    /** How the signed-in user's roles become the console's two roles. */
    Roles roles();

    /** Sign-in without an identity provider, for the local run ({@code ./erplink up}) only. */
    Local local();

    interface Services {
        /** batch-service's base URL (activities, runs). */
        @WithDefault("http://localhost:8082")
        URI batch();

        /** mapping-service's base URL (jobs, preview, mapping runs). */
        @WithDefault("http://localhost:8083")
        URI mapping();

        /** order-queue-service's base URL (queued orders). */
        @WithDefault("http://localhost:8084")
        URI orderQueue();

        /** live-service's base URL (its health tells whether the ERP is reachable). */
        @WithDefault("http://localhost:8081")
        URI live();

        /** How long the console waits for one service call before it shows the service as unreachable. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Roles {
        /**
         * Roles of the identity provider (as found at {@code quarkus.oidc.roles.role-claim-path}, e.g. Keycloak's
         * {@code realm_access/roles} or Entra's {@code roles}) that make a user an operator (read only).
         */
        @WithDefault("operator")
        List<String> operator();

        /** Roles of the identity provider that make a user an admin (every action). */
        @WithDefault("admin")
        List<String> admin();
    }

    interface Local {
        /**
         * Offer the local sign-in: a JWT signed with the key the services trust ({@code mp.jwt.verify.*}), chosen
         * from {@link #credentialsDir()} or pasted. Never on Kubernetes, where the OpenID Connect code flow signs
         * users in.
         */
        @WithDefault("false")
        boolean enabled();

        /** The local run's credentials ({@code .erplink/credentials}): {@code admin.jwt} and {@code operator.jwt}. */
        Optional<Path> credentialsDir();
    }
}
