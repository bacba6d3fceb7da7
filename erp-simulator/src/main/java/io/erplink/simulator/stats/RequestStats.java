package io.erplink.simulator.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts {@code /connector} requests by type ({@code GetEcomData.Products}, {@code CalculateOrder.create},
 * ... or {@code unparsed}) and HTTP status: for {@code GET /admin/stats} and as the Micrometer
 * counter {@code erplink_simulator_requests_total{type,status}}.
 */
public final class RequestStats {
    private final ConcurrentHashMap<String, ConcurrentHashMap<Integer, LongAdder>> counts = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger highWater = new AtomicInteger();

    public RequestStats(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records one answered request. */
    public void record(String type, int status) {
        counts.computeIfAbsent(type, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, s -> new LongAdder())
                .increment();
        if (registry != null) {
            Counter.builder("erplink.simulator.requests")
                    .description("Connector requests by type and status")
                    .tag("type", type)
                    .tag("status", Integer.toString(status))
                    .register(registry)
                    .increment();
        }
    }

    /** type → status → count, sorted. */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> snapshot = new TreeMap<>();
        counts.forEach((type, byStatus) -> {
            Map<String, Long> statuses = new TreeMap<>();
            byStatus.forEach((status, count) -> statuses.put(Integer.toString(status), count.sum()));
            snapshot.put(type, statuses);
        });
        return snapshot;
    }

    /** Total requests of every type and status. */
    public long total() {
        return counts.values().stream()
                .flatMap(m -> m.values().stream())
                .mapToLong(LongAdder::sum)
                .sum();
    }

    /** One more request in flight (until {@link #leave()}), for the high-water mark. */
    public void enter() {
        highWater.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    public void leave() {
        inFlight.decrementAndGet();
    }

    /** Requests being answered now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Most requests in flight at once since the last {@link #clear()}: what a call budget's concurrency bounds. */
    public int highWater() {
        return highWater.get();
    }

    /** Forgets the counts (the Micrometer counters keep counting, as counters do). */
    public void clear() {
        counts.clear();
        highWater.set(inFlight.get());
    }
}
