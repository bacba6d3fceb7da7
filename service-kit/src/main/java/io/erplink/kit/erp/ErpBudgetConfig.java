package io.erplink.kit.erp;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The ERP call budget per endpoint ({@code erplink.erp.budget.endpoints.<endpoint>.*}), for the whole
 * installation: every replica of every service that calls an endpoint shares its budget through
 * PostgreSQL, so configure the same values on all of them (the chart does). An endpoint without
 * settings has no budget (no database traffic, no waits); that is the default, generous for a
 * connector. Business Central allows 6,000 requests per 5 minutes and 5 concurrent requests per user.
 */
@ConfigMapping(prefix = "erplink.erp.budget")
public interface ErpBudgetConfig {

    /** The budget of each endpoint by name ({@code default} is {@code erplink.erp.url}). */
    Map<String, Endpoint> endpoints();

    /**
     * How long a request's concurrency slot outlives its holder without renewal: a replica renews
     * the slots it holds every third of this, so a killed replica's slots are free after at most this.
     */
    @WithDefault("30s")
    Duration leaseTtl();

    /**
     * Longest wait for a permit; a call that would wait longer fails at once as throttled (retriable,
     * with the expected wait as its Retry-After), so a caller's retry policy decides.
     */
    @WithDefault("2m")
    Duration maxWait();

    /** How long a 429 without Retry-After pauses the endpoint. */
    @WithDefault("1s")
    Duration defaultPause();

    /** One endpoint's budget; a limit that is not set does not apply. */
    interface Endpoint {
        /** Requests allowed in any {@link #window()} (a sliding window on the database's clock). */
        OptionalInt permitsPerWindow();

        /** The window of {@link #permitsPerWindow()}. */
        @WithDefault("5m")
        Duration window();

        /** Requests in flight at the same time, over all replicas. */
        OptionalInt concurrency();
    }
}
