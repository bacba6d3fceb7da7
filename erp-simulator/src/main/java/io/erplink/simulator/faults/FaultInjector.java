package io.erplink.simulator.faults;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the active faults ({@link Faults} of the connector, {@code BcFaults} of the BC simulator)
 * and decides, with an RNG seeded from the simulator's seed, which requests get them. Setting or
 * resetting faults restarts the RNG, so a test that sets faults and sends N requests sees the same
 * decisions on every run.
 */
public final class FaultInjector<F extends FaultInjector.Settings> {
    private final long seed;
    private final F none;
    private final AtomicReference<F> faults;
    private SplittableRandom random;
    private long requests;

    /** What every kind of faults has: the latency added to an answer. */
    public interface Settings {
        long latencyMs();

        long latencyJitterMs();
    }

    public FaultInjector(long seed, F none) {
        this.seed = seed;
        this.none = none;
        this.faults = new AtomicReference<>(none);
        this.random = new SplittableRandom(seed);
    }

    public F current() {
        return faults.get();
    }

    /** Replaces the faults and restarts the RNG. */
    public synchronized void set(F next) {
        faults.set(next);
        random = new SplittableRandom(seed);
        requests = 0;
    }

    /** Counts one request in the faults' scope; returns its number since the faults were set (1, 2, ...). */
    public synchronized long countRequest() {
        return ++requests;
    }

    /** Back to no faults. */
    public void reset() {
        set(none);
    }

    /** True with probability {@code rate}; consumes one draw whenever rate is above 0. */
    public synchronized boolean roll(double rate) {
        if (rate <= 0) {
            return false;
        }
        return random.nextDouble() < rate;
    }

    /** The latency for the next answer: latencyMs plus a draw in 0..latencyJitterMs. */
    public synchronized long latency() {
        F current = faults.get();
        long jitter = current.latencyJitterMs() > 0 ? random.nextLong(current.latencyJitterMs() + 1) : 0;
        return current.latencyMs() + jitter;
    }
}
