package io.erplink.kit.erp;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the ERP connector is and how to talk to it. Shared by every service that calls the ERP;
 * url and secret are optional here so services that never call the ERP start without them, and
 * {@link ErpTransport} refuses to start without them.
 */
@ConfigMapping(prefix = "erplink.erp")
public interface ErpConfig {

    /** The connector endpoint that takes the XML requests, e.g. {@code https://erp-connector.example/connector}. */
    Optional<URI> url();

    /**
     * Shared secret for request signing (HMAC-SHA256 of timestamp and body; the secret itself never
     * travels). At least 16 bytes. Provide it from a Kubernetes Secret ({@code ERPLINK_ERP_SECRET}).
     */
    Optional<String> secret();

    /** Time allowed to open a connection to the connector. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * Time allowed until the connector's response headers arrive, and for each wait for more of the
     * body after that (a body that stalls longer fails, outcome unknown), unless a call passes its own.
     */
    @WithDefault("30s")
    Duration requestTimeout();

    /** Largest request body sent; bigger requests are refused before anything goes out. */
    @WithDefault("16M")
    MemorySize maxRequestSize();
}
