package io.erplink.kit.erp;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;

/**
 * The call budget of one ERP endpoint, the same for every transport (connector XML, OData): a call
 * takes a permit before its request goes out and gives it back when the answer has been read
 * ({@link #call}). A permit is a grant in the endpoint's sliding window (rate) and, with a concurrency
 * limit, a lease on one of its slots; both are shared by every replica through PostgreSQL
 * ({@link BudgetStore}). A 429 pauses the endpoint for every replica for its Retry-After.
 *
 * <p>Within one replica, callers beyond the concurrency limit wait on a local semaphore, so only
 * callers that may get a slot ask the database. An endpoint without a budget ({@link #unlimited})
 * never touches the database.
 */
public final class ErpBudget {
    private static final long MIN_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final String endpoint;
    private final ErpBudgetConfig.Endpoint limits;
    private final ErpBudgets owner;
    private final Semaphore local;
    private final AtomicInteger inUse = new AtomicInteger();
    private volatile long pausedUntilNanos;
    private final Timer waits;
    private final Counter throttled;

    /** @param limits null for an endpoint without a budget (its 429s are still counted) */
    ErpBudget(String endpoint, ErpBudgetConfig.Endpoint limits, ErpBudgets owner, Timer waits, Counter throttled) {
        this.endpoint = endpoint;
        this.limits = limits;
        this.owner = owner;
        this.local = limits == null || limits.concurrency().isEmpty()
                ? null
                : new Semaphore(limits.concurrency().getAsInt(), true);
        this.waits = waits;
        this.throttled = throttled;
    }

    /** No budget and no metrics: every call goes out at once. */
    public static ErpBudget unlimited(String endpoint) {
        return new ErpBudget(endpoint, null, null, null, null);
    }

    /** The endpoint's name. */
    public String endpoint() {
        return endpoint;
    }

    /** Whether the endpoint has a budget (a rate or a concurrency limit). */
    public boolean limited() {
        return limits != null;
    }

    /** Permits this replica holds now (requests in flight). */
    int inUse() {
        return inUse.get();
    }

    /** 1 while this replica knows the endpoint to be paused by a 429, else 0. */
    double paused() {
        return pausedUntilNanos - System.nanoTime() > 0 ? 1 : 0;
    }

    /**
     * Runs one ERP request under a permit: waits for it, runs the call, gives the permit back, and
     * pauses the endpoint when the call failed with a 429 ({@link ErpException.Kind#THROTTLED}).
     *
     * @throws ErpException THROTTLED (retriable) when no permit is due within {@code erplink.erp.budget.max-wait},
     *                      UNAVAILABLE when the wait is interrupted (the caller's time limit)
     */
    public <T> T call(Supplier<T> call) {
        Permit permit = limits == null ? null : acquire();
        try {
            return call.get();
        } catch (ErpException e) {
            if (e.kind() == ErpException.Kind.THROTTLED && e.status() == 429) {
                throttled(e.retryAfter());
            }
            throw e;
        } finally {
            if (permit != null) {
                permit.close();
            }
        }
    }

    /** A taken permit; closing it gives it back. */
    public final class Permit implements AutoCloseable {
        private final long leaseId;
        private boolean closed;

        private Permit(long leaseId) {
            this.leaseId = leaseId;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            inUse.decrementAndGet();
            try {
                if (leaseId != 0) {
                    owner.released(leaseId);
                }
            } finally {
                if (local != null) {
                    local.release();
                }
            }
        }
    }

    /** Waits for a permit (see {@link #call}). */
    public Permit acquire() {
        if (limits == null) {
            throw new IllegalStateException("ERP endpoint " + endpoint + " has no budget");
        }
        long start = System.nanoTime();
        long deadline = start + owner.maxWait().toNanos();
        boolean slot = false;
        try {
            if (local != null) {
                slot = local.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (!slot) {
                    throw exhausted(owner.maxWait());
                }
            }
            long backoff = MIN_BACKOFF_NANOS;
            while (true) {
                BudgetStore.Attempt attempt = owner.tryAcquire(this);
                if (attempt.granted()) {
                    inUse.incrementAndGet();
                    Permit permit = new Permit(attempt.leaseId());
                    slot = false; // the permit owns it now
                    return permit;
                }
                long wait = attempt.retryIn().toNanos();
                if (attempt.pausedUntil().isPresent()) {
                    pausedUntilNanos = System.nanoTime() + wait;
                }
                if (wait == 0) { // all slots taken: they free as requests end
                    wait = backoff;
                    backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2);
                }
                if (System.nanoTime() + wait > deadline) {
                    throw exhausted(attempt.retryIn().isZero() ? owner.maxWait() : attempt.retryIn());
                }
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErpException(
                    ErpException.Kind.UNAVAILABLE,
                    0,
                    "ERP endpoint " + endpoint + ": interrupted while waiting for a permit of the call budget",
                    null,
                    false,
                    e);
        } finally {
            if (slot) {
                local.release();
            }
            waits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private ErpException exhausted(Duration retryAfter) {
        return new ErpException(
                ErpException.Kind.THROTTLED,
                0,
                "ERP endpoint " + endpoint + ": no permit of the call budget (" + describe()
                        + ") within erplink.erp.budget.max-wait " + owner.maxWait(),
                retryAfter,
                false,
                null);
    }

    private String describe() {
        StringBuilder s = new StringBuilder();
        limits.permitsPerWindow().ifPresent(p -> s.append(p).append(" per ").append(limits.window()));
        limits.concurrency()
                .ifPresent(c -> s.append(s.isEmpty() ? "" : ", ").append(c).append(" concurrent"));
        return s.toString();
    }

    /**
     * The ERP answered 429: no permits for anyone for its Retry-After ({@code erplink.erp.budget.default-pause}
     * without one).
     */
    public void throttled(Optional<Duration> retryAfter) {
        if (throttled != null) {
            throttled.increment();
        }
        if (limits == null) {
            return;
        }
        Duration pause = retryAfter.filter(d -> !d.isZero()).orElse(owner.defaultPause());
        pausedUntilNanos = System.nanoTime() + pause.toNanos();
        owner.pause(endpoint, pause);
    }

    /** The configured rate (null when not limited). */
    OptionalInt permitsPerWindow() {
        return limits == null ? OptionalInt.empty() : limits.permitsPerWindow();
    }

    ErpBudgetConfig.Endpoint limits() {
        return limits;
    }

    /**
     * The endpoint's budget as the operator API shows it: limits as configured here, use over the whole
     * installation (from the database).
     */
    public State state() {
        if (limits == null) {
            return new State(null, null, null, 0, 0, null);
        }
        BudgetStore.Use use = owner.use(this);
        return new State(
                limits.permitsPerWindow().isPresent()
                        ? limits.permitsPerWindow().getAsInt()
                        : null,
                limits.permitsPerWindow().isPresent() ? limits.window().toString() : null,
                limits.concurrency().isPresent() ? limits.concurrency().getAsInt() : null,
                use.used(),
                use.inFlight(),
                use.pausedUntil().orElse(null));
    }

    /**
     * An endpoint's budget and its use.
     *
     * @param permitsPerWindow requests allowed per window (null: no rate limit)
     * @param window           the window, ISO-8601 (null: no rate limit)
     * @param concurrency      requests allowed in flight (null: no limit)
     * @param used             requests granted in the last window, all replicas
     * @param inFlight         requests in flight now, all replicas (counted when concurrency is limited)
     * @param pausedUntil      end of the pause a 429 started, while it runs
     */
    public record State(
            Integer permitsPerWindow,
            String window,
            Integer concurrency,
            long used,
            long inFlight,
            Instant pausedUntil) {}
}
