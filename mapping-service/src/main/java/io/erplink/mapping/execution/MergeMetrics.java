package io.erplink.mapping.execution;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * How long merges take: {@code erplink.mapping.merge.duration{outcome}} (merged or failed) for the
 * finished ones, and {@code erplink.mapping.merge.running.seconds}, the age of the longest merge this
 * replica is running now, so a merge that hangs is seen while it hangs, not when it ends.
 */
@ApplicationScoped
class MergeMetrics {
    /** A merge: the body of {@code RunExecutor.merge}. */
    @FunctionalInterface
    interface MergeCall {
        void run() throws SQLException;
    }

    private final Map<String, Long> running = new ConcurrentHashMap<>();
    private final Timer merged;
    private final Timer failed;

    MergeMetrics(MeterRegistry registry) {
        Gauge.builder("erplink.mapping.merge.running.seconds", this, MergeMetrics::longestRunningSeconds)
                .description("Age of the longest merge running in this replica (0 when none)")
                .strongReference(true)
                .register(registry);
        merged = timer(registry, "merged");
        failed = timer(registry, "failed");
    }

    private static Timer timer(MeterRegistry registry, String outcome) {
        return Timer.builder("erplink.mapping.merge.duration")
                .description("Merges of staged runs into the commerce tables, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    /** Runs a run's merge, timed and visible as running meanwhile. */
    void time(String runId, MergeCall merge) throws SQLException {
        long start = System.nanoTime();
        running.put(runId, start);
        boolean ok = false;
        try {
            merge.run();
            ok = true;
        } finally {
            running.remove(runId, start);
            (ok ? merged : failed).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    double longestRunningSeconds() {
        long now = System.nanoTime();
        return running.values().stream().mapToLong(start -> now - start).max().orElse(0L) / 1e9;
    }
}
