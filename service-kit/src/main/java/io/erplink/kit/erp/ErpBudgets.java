package io.erplink.kit.erp;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * This replica's side of the shared ERP call budgets: one {@link ErpBudget} per endpoint, the holder
 * id its leases carry, and their renewal (every third of {@code erplink.erp.budget.lease-ttl} while it
 * holds any), so a replica that dies without releasing its slots loses them after one TTL.
 *
 * <p>Metrics per endpoint: {@code erplink.erp.budget.wait} (timer, time until a permit),
 * {@code erplink.erp.budget.in.use} (permits
 * this replica holds), {@code erplink.erp.budget.throttled} (429s that paused the endpoint) and
 * {@code erplink.erp.budget.paused} (1 while paused), registered for every endpoint, with a budget or not.
 */
@ApplicationScoped
public class ErpBudgets {
    private static final Logger LOG = Logger.getLogger(ErpBudgets.class);

    /** Metric names (Prometheus: dots become underscores, the timer gets {@code _seconds}). */
    public static final String WAIT = "erplink.erp.budget.wait";

    public static final String IN_USE = "erplink.erp.budget.in.use";
    public static final String THROTTLED = "erplink.erp.budget.throttled";
    public static final String PAUSED = "erplink.erp.budget.paused";

    private final ErpBudgetConfig config;
    private final BudgetStore store;
    private final MeterRegistry registry;
    private final String holder;
    private final Map<String, ErpBudget> budgets = new ConcurrentHashMap<>();
    private final ScheduledExecutorService renewal;

    @Inject
    ErpBudgets(ErpBudgetConfig config, BudgetStore store, MeterRegistry registry) {
        this(
                config,
                store,
                registry,
                Optional.ofNullable(System.getenv("HOSTNAME")).orElse("replica"));
    }

    ErpBudgets(ErpBudgetConfig config, BudgetStore store, MeterRegistry registry, String name) {
        this.config = config;
        this.store = store;
        this.registry = registry;
        this.holder = name + "/" + UUID.randomUUID();
        this.renewal = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "erp-budget-renewal");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, config.leaseTtl().toMillis() / 3);
        renewal.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    /** The budget of an endpoint ({@link ErpBudget#unlimited} when none is configured for it). */
    public ErpBudget of(String endpoint) {
        return budgets.computeIfAbsent(endpoint, this::create);
    }

    /** Every endpoint asked for so far, by name. */
    public Map<String, ErpBudget> known() {
        return Map.copyOf(budgets);
    }

    private ErpBudget create(String endpoint) {
        ErpBudgetConfig.Endpoint limits = config.endpoints().get(endpoint);
        if (limits != null
                && limits.permitsPerWindow().isEmpty()
                && limits.concurrency().isEmpty()) {
            limits = null; // a window alone limits nothing
        }
        if (limits != null) {
            limits.permitsPerWindow().ifPresent(p -> require(p > 0, endpoint, "permits-per-window must be > 0"));
            limits.concurrency().ifPresent(c -> require(c > 0, endpoint, "concurrency must be > 0"));
            require(!limits.window().isNegative() && !limits.window().isZero(), endpoint, "window must be > 0");
            store.ensure(endpoint);
        }
        // The meters exist for every endpoint, with or without a budget: dashboards and alerts always find them.
        ErpBudget budget = new ErpBudget(
                endpoint,
                limits,
                this,
                Timer.builder(WAIT)
                        .description("Time ERP calls waited for a permit of their endpoint's call budget")
                        .tag("endpoint", endpoint)
                        .register(registry),
                Counter.builder(THROTTLED)
                        .description("429 answers of an ERP endpoint (each pauses its call budget, when it has one)")
                        .tag("endpoint", endpoint)
                        .register(registry));
        Gauge.builder(IN_USE, budget, ErpBudget::inUse)
                .description("Permits of an ERP endpoint's call budget this replica holds (requests in flight)")
                .tag("endpoint", endpoint)
                .register(registry);
        Gauge.builder(PAUSED, budget, ErpBudget::paused)
                .description("1 while an ERP endpoint's call budget is paused by a 429")
                .tag("endpoint", endpoint)
                .register(registry);
        return budget;
    }

    private static void require(boolean ok, String endpoint, String what) {
        if (!ok) {
            throw new IllegalStateException("erplink.erp.budget.endpoints." + endpoint + "." + what);
        }
    }

    MeterRegistry registry() {
        return registry;
    }

    Duration maxWait() {
        return config.maxWait();
    }

    Duration defaultPause() {
        return config.defaultPause();
    }

    BudgetStore.Attempt tryAcquire(ErpBudget budget) {
        ErpBudgetConfig.Endpoint limits = budget.limits();
        return store.tryAcquire(
                budget.endpoint(),
                holder,
                limits.permitsPerWindow().orElse(0),
                limits.window(),
                limits.concurrency().orElse(0),
                config.leaseTtl());
    }

    void released(long leaseId) {
        try {
            store.release(leaseId);
        } catch (RuntimeException e) {
            // the lease expires on its own once no longer renewed
            LOG.warnf("could not release ERP budget lease %d (it expires after %s): %s", leaseId, config.leaseTtl(), e);
        }
    }

    void pause(String endpoint, Duration pause) {
        store.pause(endpoint, pause);
        LOG.infof("ERP endpoint %s answered 429: its call budget pauses for %s (all replicas)", endpoint, pause);
    }

    BudgetStore.Use use(ErpBudget budget) {
        return store.use(budget.endpoint(), budget.limits().window());
    }

    private void renew() {
        if (budgets.values().stream().allMatch(b -> b.inUse() == 0)) {
            return; // nothing held: no database traffic
        }
        try {
            store.renew(holder, config.leaseTtl());
        } catch (RuntimeException e) {
            LOG.warnf("could not renew ERP budget leases of %s: %s", holder, e);
        }
    }

    /** Stops renewing: the leases still held expire after the TTL (as a killed replica's do). */
    @PreDestroy
    void close() {
        renewal.shutdownNow();
    }
}
