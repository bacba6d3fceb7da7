package io.erplink.batch.odata;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;

import io.erplink.kit.erp.ErpException;

/**
 * The {@code Authorization} header of an OData endpoint's requests. Secrets are held here only, never
 * in a message, a log line or the database.
 */
public interface ODataAuth {
    /** The header value for the next request, or empty for none. */
    Optional<String> authorization();

    /** The server answered 401: a cached token is dropped, so the next request gets a fresh one. */
    default void rejected() {}

    /** No authentication (a server behind a gateway that authenticates, or a test server). */
    ODataAuth NONE = Optional::empty;

    /** HTTP Basic (Business Central on-premises: user name and password or web service access key). */
    static ODataAuth basic(String username, String password) {
        String header = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return () -> Optional.of(header);
    }

    /**
     * OAuth 2.0 client credentials through a quarkus-oidc-client {@link OidcClient}: one token request,
     * then the token is reused until {@code refreshBefore} before it expires (or until a 401), so a run of
     * thousands of pages asks for a handful of tokens. Requests for tokens are counted in
     * {@code erplink_erp_token_requests_total{endpoint,outcome}}.
     */
    final class ClientCredentials implements ODataAuth {
        private static final Logger LOG = Logger.getLogger(ClientCredentials.class);

        private final String endpoint;
        private final java.util.function.Supplier<OidcClient> clients;
        private OidcClient client;
        private final Duration refreshBefore;
        private final Duration timeout;
        private final MeterRegistry registry;
        private String token;
        private Instant renewAt = Instant.MIN;

        public ClientCredentials(
                String endpoint,
                java.util.function.Supplier<OidcClient> clients,
                Duration refreshBefore,
                Duration timeout,
                MeterRegistry registry) {
            this.endpoint = endpoint;
            this.clients = clients;
            this.refreshBefore = refreshBefore;
            this.timeout = timeout;
            this.registry = registry;
            // served from the start (at 0), so rate() and the alerts see the first failure
            registry.counter("erplink.erp.token.requests", "endpoint", endpoint, "outcome", "ok");
            registry.counter("erplink.erp.token.requests", "endpoint", endpoint, "outcome", "failed");
        }

        @Override
        public synchronized Optional<String> authorization() {
            Instant now = Instant.now();
            if (token == null || !now.isBefore(renewAt)) {
                Tokens tokens;
                try {
                    if (client == null) {
                        client = clients.get(); // made at the first request: a replica starts without the IdP
                    }
                    tokens = client.getTokens().await().atMost(timeout);
                } catch (RuntimeException e) {
                    count("failed");
                    // the exception names the token endpoint's answer, never the client secret
                    throw new ErpException(
                            ErpException.Kind.UNAVAILABLE,
                            0,
                            "OData endpoint " + endpoint + ": no OAuth token from the token endpoint: "
                                    + e.getMessage(),
                            null,
                            false,
                            e);
                }
                count("ok");
                token = tokens.getAccessToken();
                Long expiresAt = tokens.getAccessTokenExpiresAt();
                // no expires_in: keep it until the server refuses it
                renewAt = expiresAt == null
                        ? Instant.MAX
                        : Instant.ofEpochSecond(expiresAt).minus(refreshBefore);
                LOG.debugf("OData endpoint %s: new OAuth token, renewed after %s", endpoint, renewAt);
            }
            return Optional.of("Bearer " + token);
        }

        @Override
        public synchronized void rejected() {
            token = null;
        }

        private void count(String outcome) {
            registry.counter("erplink.erp.token.requests", "endpoint", endpoint, "outcome", outcome)
                    .increment();
        }
    }
}
