package io.erplink.simulator.bc;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.erplink.simulator.bc.auth.BcAuth;
import io.erplink.simulator.bc.data.BcData;
import io.erplink.simulator.bc.data.Catalogs;
import io.erplink.simulator.bc.faults.BcFaults;
import io.erplink.simulator.config.SimulatorConfig;
import io.erplink.simulator.faults.FaultInjector;

/** Wires the BC simulator from {@link BcConfig}; a wrong setting stops the start with a clear message. */
public class BcBeans {
    /** Widths of the generated numbers (I0000001, C00001): keys must sort as their index. */
    static final long MAX_ITEMS = 9_999_999;

    static final long MAX_CUSTOMERS = 99_999;
    static final long MAX_SALES_ORDERS = 899_999;

    @Produces
    @Singleton
    BcData data(BcConfig config, SimulatorConfig simulator) {
        check(config.items() >= 0 && config.items() <= MAX_ITEMS, "items must be within 0.." + MAX_ITEMS);
        check(
                config.customers() >= 1 && config.customers() <= MAX_CUSTOMERS,
                "customers must be within 1.." + MAX_CUSTOMERS);
        check(
                config.salesOrders() >= 0 && config.salesOrders() <= MAX_SALES_ORDERS,
                "sales-orders must be within 0.." + MAX_SALES_ORDERS);
        check(
                config.pageSize() >= 1 && config.pageSize() <= config.maxPageSize(),
                "page-size must be within 1..max-page-size");
        check(!config.companies().isEmpty(), "companies must name at least one company");
        return new BcData(
                config.companies(),
                Catalogs.build(simulator.seed(), config.items(), config.customers(), config.salesOrders()));
    }

    @Produces
    @Singleton
    BcAuth auth(BcConfig config, SimulatorConfig simulator, Clock clock) {
        String secret = config.clientSecret().orElse(simulator.secret());
        check(secret.getBytes(StandardCharsets.UTF_8).length >= 16, "client-secret must have at least 16 bytes");
        check(
                !config.tokenLifetime().isNegative() && !config.tokenLifetime().isZero(),
                "token-lifetime must be positive");
        return new BcAuth(
                config.clientId(), secret, config.tokenLifetime(), config.basicAuth(), config.basicUser(), clock);
    }

    @Produces
    @Singleton
    FaultInjector<BcFaults> faults(SimulatorConfig simulator) {
        return new FaultInjector<>(simulator.seed(), BcFaults.none());
    }

    @Produces
    @Singleton
    BcStats stats() {
        return new BcStats();
    }

    private static void check(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalStateException("erplink.simulator.bc." + problem);
        }
    }
}
