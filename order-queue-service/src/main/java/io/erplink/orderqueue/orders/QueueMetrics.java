package io.erplink.orderqueue.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Queue gauges, refreshed from the database on a timer (so a scrape never queries it):
 * {@code erplink.orderqueue.depth{status}}, {@code erplink.orderqueue.oldest.age.seconds} (the
 * oldest order still waiting) and {@code erplink.orderqueue.sync.rate} (orders synced per second by
 * this replica since the previous refresh). Attempts by outcome are the counter
 * {@code erplink.orderqueue.attempts{kind,outcome}}; syncs and final failures are
 * {@code erplink.orderqueue.synced} and {@code erplink.orderqueue.failed}.
 */
@ApplicationScoped
public class QueueMetrics {
    private static final Logger LOG = Logger.getLogger(QueueMetrics.class);

    private final QueuedOrderRepository orders;
    private final Map<OrderStatus, AtomicLong> depth = new EnumMap<>(OrderStatus.class);
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final Counter synced;
    private volatile double syncRate;
    private double lastSynced;
    private long lastRefresh = System.nanoTime();

    QueueMetrics(QueuedOrderRepository orders, MeterRegistry registry) {
        this.orders = orders;
        for (OrderStatus status : OrderStatus.values()) {
            AtomicLong value = new AtomicLong();
            depth.put(status, value);
            registry.gauge("erplink.orderqueue.depth", Tags.of("status", status.name()), value);
        }
        registry.gauge("erplink.orderqueue.oldest.age.seconds", oldestAgeSeconds);
        registry.gauge("erplink.orderqueue.sync.rate", this, metrics -> metrics.syncRate);
        this.synced = registry.counter("erplink.orderqueue.synced");
    }

    @Scheduled(
            every = "${erplink.orderqueue.sync.metrics-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                orders.countByStatus()
                        .forEach((status, count) -> depth.get(status).set(count));
                Instant now = orders.now();
                oldestAgeSeconds.set(orders.oldestWaiting()
                        .map(t -> Duration.between(t, now).toSeconds())
                        .orElse(0L));
            });
        } catch (RuntimeException e) {
            LOG.warnf("queue gauges not refreshed: %s", e.getMessage());
        }
        long now = System.nanoTime();
        double total = synced.count();
        double seconds = (now - lastRefresh) / 1e9;
        if (seconds > 0) {
            syncRate = (total - lastSynced) / seconds;
        }
        lastSynced = total;
        lastRefresh = now;
    }
}
