package io.erplink.orderqueue.sync;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with jitter: {@code initial * 2^(failures-1)}, capped, then spread by +-jitter. */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max, double jitter, DoubleSupplier random) {
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be within 0..1, got " + jitter);
        }
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.random = random;
    }

    /** The wait after the given number of counted failures (1 for the first). */
    public Duration after(int failures) {
        int exponent = Math.max(0, Math.min(failures - 1, 30));
        double base = Math.min(max.toMillis(), initial.toMillis() * Math.pow(2, exponent));
        double spread = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.max(0, Math.round(base * spread)));
    }
}
