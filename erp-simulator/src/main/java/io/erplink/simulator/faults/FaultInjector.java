package io.erplink.simulator.faults;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the active {@link Faults} and decides, with an RNG seeded from the simulator's seed, which
 * requests get them. Setting or resetting faults restarts the RNG, so a test that sets faults and
 * sends N requests sees the same decisions on every run.
 */
public final class FaultInjector {
    private final long seed;
    private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.none());
    private SplittableRandom random;

    public FaultInjector(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    public Faults current() {
        return faults.get();
    }

    /** Replaces the faults and restarts the RNG. */
    public synchronized void set(Faults next) {
        faults.set(next);
        random = new SplittableRandom(seed);
    }

    /** Back to no faults. */
    public void reset() {
        set(Faults.none());
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
        Faults current = faults.get();
        long jitter = current.latencyJitterMs() > 0 ? random.nextLong(current.latencyJitterMs() + 1) : 0;
        return current.latencyMs() + jitter;
    }
}
