package io.erplink.simulator.bc;

import java.util.concurrent.atomic.AtomicInteger;

import io.erplink.simulator.stats.RequestStats;

/**
 * Requests of the BC simulator by entity set (or {@code $metadata}, {@code Company}, {@code token},
 * ...) and status, the data calls in flight and their high-water mark, so tests can assert request
 * budgets and concurrency.
 */
public final class BcStats {
    private final RequestStats requests = new RequestStats(null);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger highWater = new AtomicInteger();

    public void record(String target, int status) {
        requests.record(target, status);
    }

    /** One more data call in flight; returns how many are now. */
    public int enter() {
        int now = inFlight.incrementAndGet();
        highWater.accumulateAndGet(now, Math::max);
        return now;
    }

    public void leave() {
        inFlight.decrementAndGet();
    }

    public RequestStats requests() {
        return requests;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int highWater() {
        return highWater.get();
    }

    public void clear() {
        requests.clear();
        highWater.set(inFlight.get());
    }
}
