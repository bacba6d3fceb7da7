package io.erplink.simulator.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the erp-simulator ({@code erplink.simulator.*}, env {@code ERPLINK_SIMULATOR_*}). */
@ConfigMapping(prefix = "erplink.simulator")
public interface SimulatorConfig {

    /** Shared secret that signs every request (HMAC-SHA256, at least 16 bytes). Required. */
    String secret();

    /** Largest accepted distance between the request's timestamp and the simulator's clock. */
    @WithDefault("5m")
    Duration maxSkew();

    /** Largest accepted request body; bigger bodies are answered with 413. */
    @WithDefault("4M")
    MemorySize maxBodySize();

    /** Seed of all generated data (names, prices, stock, documents) and of the fault RNG. */
    @WithDefault("42")
    long seed();

    /** Number of generated products (computed from their index on the fly, so millions are fine). */
    @WithDefault("1000")
    long products();

    /** Number of generated customers (external ids 50000, 50001, ...). */
    @WithDefault("100")
    long customers();

    /** Entities (products, customers) per page of a paged export; a request's pageSize may lower it. */
    @WithDefault("5000")
    int pageSize();

    /** Language ids; the first is the language of product rows. */
    @WithDefault("en-us,da-dk,de-de")
    List<String> languages();

    /** Currency codes; the first is the system currency of list prices and batch prices. */
    @WithDefault("EUR,USD,GBP,DKK,SEK")
    List<String> currencies();

    /** VAT percent applied by CalculateOrder. */
    @WithDefault("25")
    BigDecimal vatPercent();

    /** Shipping fee without VAT, in the system currency (converted to the order currency). */
    @WithDefault("9.95")
    BigDecimal shippingFee();

    /** Order subtotal (system currency, after product discounts) from which shipping is free. */
    @WithDefault("500")
    BigDecimal freeShippingFrom();

    /** Order subtotal (system currency, after product discounts) from which the order discount applies. */
    @WithDefault("1000")
    BigDecimal orderDiscountFrom();

    /** Order discount percent (an order line of OrderLineType 1). */
    @WithDefault("2")
    BigDecimal orderDiscountPercent();

    /**
     * Fixture ("test mode") directory: when set, requests are answered with the files in it
     * instead of generated data (see README: fixture layout).
     */
    Optional<Path> fixturesDir();

    /**
     * Keep the answers of paged exports (Products, ProductPrices, ... type all: pure functions of the
     * request) as files in a temporary directory and answer a repeated request from them, byte for byte.
     * For benchmarks on one machine, where the simulator's XML generation would compete with erplink for
     * the same cores. Answers that depend on received orders are never cached.
     */
    @WithDefault("false")
    boolean pageCache();

    /**
     * Whether CreateOrder is idempotent by the shop's OrderID (a repeated OrderID returns the order created
     * before). Off by default: like Business Central and most ERPs, every CreateOrder then creates a new
     * sales order with a new number, so a second create of an OrderID is a duplicate order
     * ({@code GET /admin/orders/summary}). Switchable at runtime with {@code PUT /admin/create-mode}.
     */
    @WithDefault("false")
    boolean idempotentCreate();

    /** Largest total size of the page cache's files; beyond it answers are generated as without the cache. */
    @WithDefault("8G")
    MemorySize pageCacheMaxSize();
}
