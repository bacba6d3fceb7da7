package io.erplink.batch.odata;

import java.time.Duration;

import jakarta.enterprise.inject.Instance;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.client.OidcClientConfigBuilder;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.runtime.OidcClientConfig;

import io.erplink.batch.BatchConfig;

/** Builds an endpoint's {@link ODataAuth} from its configuration ({@code erplink.batch.endpoints.<name>.auth}). */
public final class ODataAuths {
    private static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(30);

    private ODataAuths() {}

    public static ODataAuth of(
            String endpoint, BatchConfig.Auth auth, Instance<OidcClients> oidcClients, MeterRegistry registry) {
        return switch (auth.type()) {
            case NONE -> ODataAuth.NONE;
            case BASIC ->
                ODataAuth.basic(auth.username().orElseThrow(), auth.password().orElseThrow());
            case OAUTH2 ->
                new ODataAuth.ClientCredentials(
                        endpoint,
                        () -> oidcClients
                                .get()
                                .newClient(config(endpoint, auth))
                                .await()
                                .atMost(TOKEN_TIMEOUT),
                        auth.refreshBeforeExpiry(),
                        TOKEN_TIMEOUT,
                        registry);
        };
    }

    /** A quarkus-oidc-client configuration for the client credentials grant against a fixed token URL. */
    static OidcClientConfig config(String endpoint, BatchConfig.Auth auth) {
        String tokenUrl = auth.tokenUrl().orElseThrow().toString();
        return new OidcClientConfigBuilder()
                .id("erplink-odata-" + endpoint)
                .authServerUrl(tokenUrl)
                .discoveryEnabled(false)
                .tokenPath(tokenUrl)
                .clientId(auth.clientId().orElseThrow())
                .credentials()
                .clientSecret(
                        auth.clientSecret().orElseThrow(),
                        io.quarkus.oidc.common.runtime.config.OidcClientCommonConfig.Credentials.Secret.Method.POST)
                .end()
                .scopes(auth.scope())
                .grant(OidcClientConfig.Grant.Type.CLIENT)
                .earlyTokensAcquisition(false)
                .build();
    }
}
