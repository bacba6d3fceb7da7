package io.erplink.live;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Everything live-service can be told, under {@code erplink.live}. The fault-tolerance numbers of
 * the ERP client (timeout ceiling, breaker thresholds, bulkhead size) are standard SmallRye keys,
 * see {@code io.erplink.live.erp.ErpClient} and application.properties.
 */
@ConfigMapping(prefix = "erplink.live")
public interface LiveConfig {

    /** The shop id sent with queued orders (order-queue-service syncs per shop) unless an order names one. */
    @WithDefault("SHOP1")
    String shopId();

    /** Prices and stock. */
    Prices prices();

    /** Calls to the ERP. */
    Erp erp();

    /** Anonymous shop visitors. */
    Anonymous anonymous();

    /** Authentication of storefront clients. */
    Auth auth();

    /** Documents (invoices, credit notes, ...). */
    Documents documents();

    /** Order placement. */
    Orders orders();

    interface Orders {
        /**
         * An order still PLACING after this long was interrupted (crash, redeploy, or the database lost
         * the commit of its claim) between storing it and storing the ERP's answer: it is queued, and
         * order-queue-service asks the ERP whether it has it before sending it again. At least twice the
         * ERP call ceiling (the {@code ErpClient/guarded} timeout), checked at startup: a placement whose
         * CreateOrder is still under way must never be queued.
         */
        @WithDefault("2m")
        Duration placingTimeout();

        /** How often interrupted placements are looked for. */
        @WithDefault("30s")
        Duration reaperInterval();

        /**
         * How often ERP answers that the database could not store (it went away during the CreateOrder)
         * are tried again.
         */
        @WithDefault("1s")
        Duration outcomeRetryInterval();
    }

    interface Prices {
        /** Largest number of products in one GetEcomData filter request; bigger lookups are split into chunks. */
        @WithDefault("50")
        int maxProductsPerRequest();

        /** Largest number of items one price request may ask for. */
        @WithDefault("500")
        int maxItemsPerLookup();

        /** Chunks of one lookup (and of concurrent lookups) sent at the same time; keep it within the ERP budget. */
        @WithDefault("8")
        int parallelChunks();

        /** The currency used when a request names none. */
        @WithDefault("EUR")
        String defaultCurrency();

        /** The price cache. */
        Cache cache();

        /** The imported catalog (commerce DB), the last fallback while the ERP is down. */
        Catalog catalog();

        /**
         * Quantity breaks of the ERP's price lists, ascending (e.g. {@code 1,10,100}): a quantity is
         * priced and cached at the largest break not above it, so quantities 10..99 share one entry.
         * They must match the ERP's breaks for every unit. Unset: the exact quantity is the key.
         */
        Optional<List<BigDecimal>> quantityBreaks();

        /** How long a price lookup waits for the ERP before it answers from the fallback. */
        @WithDefault("5s")
        Duration lookupTimeout();
    }

    /** What the cache key's first part is. */
    enum CacheLevel {
        /** One entry per customer: always right, lower hit rate. */
        CUSTOMER,
        /** One entry per price group (the caller's price group claim, else the customer). */
        PRICE_GROUP,
        /** No caching: every lookup goes to the ERP (fallback still uses the last answer). */
        NONE
    }

    interface Cache {
        /** Cache key level. */
        @WithDefault("CUSTOMER")
        CacheLevel level();

        /** How long an ERP price counts as current (source {@code cache}, not stale). */
        @WithDefault("60s")
        Duration ttl();

        /** How long the last ERP price is kept as a fallback (answered stale) when the ERP is down. */
        @WithDefault("24h")
        Duration staleRetention();

        /** Largest number of cached prices (each level). */
        @WithDefault("200000")
        long maxEntries();
    }

    interface Catalog {
        /** Whether the imported catalog price is used as the last fallback. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Schema of the commerce tables (owned by mapping-service), read through the named
         * datasource {@code commerce}; a plain lower-case identifier.
         */
        @WithDefault("commerce")
        String schema();

        /** Language of the catalog rows to read; unset: any language (the first found). */
        Optional<String> languageId();
    }

    interface Erp {
        /** Time allowed for a price, cart or document call until the answer's headers arrive. */
        @WithDefault("4s")
        Duration readTimeout();

        /** Time allowed for CreateOrder until the answer's headers arrive; after that the outcome is unknown and the order is queued. */
        @WithDefault("10s")
        Duration createTimeout();

        /** Longest Retry-After of a 429 that is waited out (once) before the call fails. */
        @WithDefault("2s")
        Duration maxRetryAfter();

        /** Largest ERP answer read for one live call. */
        @WithDefault("8388608")
        int maxResponseBytes();

        /** The active probe while the breaker is open. */
        Probe probe();
    }

    interface Probe {
        /** How often the ERP is probed while the breaker is open. */
        @WithDefault("5s")
        Duration interval();

        /** Timeout of one probe. */
        @WithDefault("3s")
        Duration timeout();

        /** The product id the probe asks a price for (a cheap one-product GetEcomData). */
        @WithDefault("10001")
        String productId();
    }

    interface Anonymous {
        /** Whether requests without credentials are served (prices, cart, orders) as the anonymous customer. */
        @WithDefault("false")
        boolean allowed();

        /** The ERP customer key sent for anonymous users (ExternalUserID / OrderCustomerAccessUserExternalId). */
        @WithDefault("Anonymous")
        String erpKey();

        /** Whether anonymous users get quantity-break prices; false prices every anonymous lookup at quantity 1. */
        @WithDefault("false")
        boolean discounts();
    }

    interface Auth {
        /**
         * API keys by name: {@code erplink.live.auth.api-keys.<name>.hash=<sha-256 hex of the key>},
         * {@code .client=<client id>}, and either {@code .customer=<ERP customer>} or
         * {@code .role=storefront}. The keys themselves are never configured.
         */
        @WithName("api-keys")
        Map<String, ApiKey> apiKeys();

        /** Header carrying the API key. */
        @WithDefault("X-Api-Key")
        String apiKeyHeader();

        /** Whether JWT bearer tokens (verified with mp.jwt.verify.*) are accepted. */
        @WithDefault("true")
        boolean jwtEnabled();

        /** JWT claim holding the ERP customer id. */
        @WithDefault("customer_id")
        String customerClaim();

        /** JWT claim holding the customer's price group (cache level PRICE_GROUP). */
        @WithDefault("price_group")
        String priceGroupClaim();
    }

    interface ApiKey {
        /** SHA-256 of the key, hex. */
        String hash();

        /** The storefront client the key belongs to. */
        String client();

        /** The one customer this key acts as. */
        Optional<String> customer();

        /** {@code storefront}: the key may act for the customer named by a signed JWT (bearer), else anonymously. */
        Optional<String> role();
    }

    interface Documents {
        /** Default page size. */
        @WithDefault("20")
        int defaultPageSize();

        /** Largest page size. */
        @WithDefault("200")
        int maxPageSize();

        /** Largest PDF passed through. */
        @WithDefault("20971520")
        int maxPdfBytes();
    }
}
