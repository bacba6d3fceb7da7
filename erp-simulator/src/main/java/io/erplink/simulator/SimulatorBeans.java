package io.erplink.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;

import io.erplink.protocol.signing.ReplayGuard;
import io.erplink.protocol.signing.RequestSigner;
import io.erplink.simulator.catalog.Catalog;
import io.erplink.simulator.config.SimulatorConfig;
import io.erplink.simulator.connector.EcomDataResponder;
import io.erplink.simulator.connector.PageCache;
import io.erplink.simulator.documents.CustomerDocuments;
import io.erplink.simulator.faults.FaultInjector;
import io.erplink.simulator.faults.Faults;
import io.erplink.simulator.fixtures.FixtureStore;
import io.erplink.simulator.orders.OrderBook;
import io.erplink.simulator.orders.OrderCalculator;
import io.erplink.simulator.pricing.CurrencyTable;
import io.erplink.simulator.pricing.PriceFunction;
import io.erplink.simulator.stats.RequestStats;

/** Wires the plain simulator classes from {@link SimulatorConfig}; a wrong setting stops the start with a clear message. */
public class SimulatorBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    RequestSigner signer(SimulatorConfig config) {
        byte[] secret = config.secret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < RequestSigner.MIN_SECRET_BYTES) {
            throw new IllegalStateException(
                    "erplink.simulator.secret must have at least " + RequestSigner.MIN_SECRET_BYTES + " bytes");
        }
        return new RequestSigner(secret);
    }

    /** Each signed request once: a replay within the accepted clock skew is refused (401 REPLAYED). */
    @Produces
    @Singleton
    ReplayGuard replayGuard(Clock clock, SimulatorConfig config) {
        return new ReplayGuard(clock, config.maxSkew());
    }

    @Produces
    @Singleton
    Catalog catalog(SimulatorConfig config) {
        for (String currency : config.currencies()) {
            if (CurrencyTable.find(currency).isEmpty()) {
                throw new IllegalStateException(
                        "erplink.simulator.currencies: " + currency + " is not one of " + CurrencyTable.codes());
            }
        }
        if (config.pageSize() < 1) {
            throw new IllegalStateException("erplink.simulator.page-size must be at least 1");
        }
        return new Catalog(
                config.seed(), config.products(), config.customers(), config.languages(), config.currencies());
    }

    @Produces
    @Singleton
    PriceFunction prices(Catalog catalog) {
        return new PriceFunction(catalog);
    }

    @Produces
    @Singleton
    OrderBook orders(Clock clock, SimulatorConfig config) {
        return new OrderBook(clock, config.idempotentCreate());
    }

    @Produces
    @Singleton
    OrderCalculator calculator(Catalog catalog, PriceFunction prices, SimulatorConfig config) {
        return new OrderCalculator(
                catalog,
                prices,
                new OrderCalculator.Terms(
                        config.vatPercent(),
                        config.shippingFee(),
                        config.freeShippingFrom(),
                        config.orderDiscountFrom(),
                        config.orderDiscountPercent()));
    }

    @Produces
    @Singleton
    CustomerDocuments documents(Catalog catalog, OrderBook orders, SimulatorConfig config) {
        return new CustomerDocuments(catalog, orders, config.vatPercent());
    }

    @Produces
    @Singleton
    EcomDataResponder responder(
            Catalog catalog,
            PriceFunction prices,
            OrderBook orders,
            CustomerDocuments documents,
            SimulatorConfig config) {
        return new EcomDataResponder(catalog, prices, orders, documents, config.pageSize());
    }

    @Produces
    @Singleton
    FaultInjector<Faults> faults(SimulatorConfig config) {
        return new FaultInjector<>(config.seed(), Faults.none());
    }

    @Produces
    @Singleton
    Optional<FixtureStore> fixtures(SimulatorConfig config) {
        return config.fixturesDir().map(FixtureStore::new);
    }

    @Produces
    @Singleton
    RequestStats stats(MeterRegistry registry) {
        return new RequestStats(registry);
    }

    @Produces
    @Singleton
    Optional<PageCache> pageCache(SimulatorConfig config) {
        return config.pageCache()
                ? Optional.of(PageCache.temporary(config.pageCacheMaxSize().asLongValue()))
                : Optional.empty();
    }

    void closePageCache(@Disposes Optional<PageCache> cache) {
        cache.ifPresent(PageCache::close);
    }
}
