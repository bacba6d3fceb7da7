package io.erplink.orderqueue.sync;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.erplink.orderqueue.OrderQueueConfig;

/**
 * The ERP budget ({@code erplink.orderqueue.sync.rate-per-second}, {@code burst}) shared by all
 * replicas: a token bucket kept in one database row ({@code erp_budget}), refilled by the database
 * clock. Every call to the ERP about a queued order takes a token first, so the installation as a
 * whole stays within the rate however many replicas drain, and a replica that dies leaves its share
 * to the others at once. A 429 pauses the bucket for everyone. A token due within a second is
 * reserved (the bucket goes below zero) and the caller waits for it after its transaction, so
 * senders claim ahead and send on time instead of polling the shared row for every token.
 */
@ApplicationScoped
public class ErpBudget {
    private static final String BUCKET = "erp";

    private final EntityManager entityManager;
    private final double rate;
    private final int burst;

    ErpBudget(EntityManager entityManager, OrderQueueConfig config) {
        this.entityManager = entityManager;
        this.rate = config.sync().ratePerSecond();
        this.burst = Math.max(1, config.sync().burst());
        if (rate <= 0) {
            throw new IllegalArgumentException("erplink.orderqueue.sync.rate-per-second must be > 0, got " + rate);
        }
    }

    /**
     * Tokens after refilling {@code tokens} for {@code elapsedSeconds} (negative while paused). Tokens
     * below zero are reserved ones not yet due.
     */
    static double refill(double tokens, double elapsedSeconds, double rate, int burst) {
        if (elapsedSeconds <= 0) {
            return tokens;
        }
        return Math.min(burst, tokens + elapsedSeconds * rate);
    }

    /** Nanoseconds until a token is there, for a bucket holding {@code tokens} now (0 if one is). */
    static long waitFor(double tokens, double pausedSeconds, double rate) {
        if (pausedSeconds > 0) {
            return (long) Math.ceil((pausedSeconds + Math.max(0, 1 - tokens) / rate) * 1e9);
        }
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / rate * 1e9);
    }

    /**
     * What {@link #tryTake} got.
     *
     * @param taken     whether a token was taken (reserved)
     * @param waitNanos when taken: how long until the token may be used (0: at once); otherwise how
     *                  long until one may be there, to ask again then
     */
    public record Take(boolean taken, long waitNanos) {
        static final Take NOW = new Take(true, 0);
    }

    /**
     * A token is reserved when it will be there within this time: the caller claims its order now and
     * sends when the token is due, instead of asking the locked budget row again and again. It bounds
     * the bucket's debt (every sender holds at most one reservation) and the time a claimed order
     * waits under its lease.
     */
    static final long MAX_RESERVATION_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * Plans a take from a bucket that held {@code tokens} at its last refresh, {@code elapsedSeconds}
     * ago (negative while paused): reserved when the token is due within {@link #MAX_RESERVATION_NANOS}.
     *
     * @return the take and the bucket's tokens after it (below zero for reserved tokens not yet due)
     */
    static Planned plan(double tokens, double elapsedSeconds, double rate, int burst) {
        double available = refill(tokens, elapsedSeconds, rate, burst);
        long wait = waitFor(available, Math.max(0, -elapsedSeconds), rate);
        if (wait > MAX_RESERVATION_NANOS) {
            return new Planned(new Take(false, wait), available);
        }
        return new Planned(wait == 0 ? Take.NOW : new Take(true, wait), available - 1);
    }

    /** A planned take and the bucket's tokens after it. */
    record Planned(Take take, double tokensAfter) {}

    /**
     * Takes a token within the caller's transaction (the bucket row stays locked until it ends),
     * possibly one that is due only a little later ({@link Take#waitNanos()}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Take tryTake() {
        Object[] row = (Object[]) entityManager
                .createNativeQuery("select tokens, refreshed_at, clock_timestamp()"
                        + " from {h-schema}erp_budget where name = :name for update")
                .setParameter("name", BUCKET)
                .getSingleResult();
        double tokens = ((Number) row[0]).doubleValue();
        Instant refreshed = instant(row[1]);
        Instant now = instant(row[2]);
        double elapsed = Duration.between(refreshed, now).toNanos() / 1e9;
        Planned planned = plan(tokens, elapsed, rate, burst);
        if (planned.take().taken()) {
            // While paused the bucket stays dated at the pause's end; otherwise it is refreshed to now.
            Instant stamp = elapsed < 0 ? refreshed : now;
            entityManager
                    .createNativeQuery("update {h-schema}erp_budget set tokens = :tokens, refreshed_at = :at"
                            + " where name = :name")
                    .setParameter("tokens", planned.tokensAfter())
                    .setParameter("at", stamp.atOffset(ZoneOffset.UTC))
                    .setParameter("name", BUCKET)
                    .executeUpdate();
        }
        return planned.take();
    }

    /** {@link #tryTake} in a transaction of its own. */
    public Take tryTakeNow() {
        return QuarkusTransaction.requiringNew().call(this::tryTake);
    }

    /**
     * The ERP asked to slow down: no tokens for anyone for this long, and no saved-up burst after
     * (tokens already reserved stay owed).
     */
    @Transactional
    public void pause(Duration duration) {
        entityManager
                .createNativeQuery("update {h-schema}erp_budget set tokens = least(tokens, 0),"
                        + " refreshed_at = greatest(refreshed_at, clock_timestamp() + make_interval(secs => :seconds))"
                        + " where name = :name")
                .setParameter("seconds", duration.toMillis() / 1000.0)
                .setParameter("name", BUCKET)
                .executeUpdate();
    }

    /** The end of the pause a 429 started, while it runs (the bucket is dated in the future). */
    @Transactional
    public Optional<Instant> pausedUntil() {
        List<?> rows = entityManager
                .createNativeQuery("select refreshed_at from {h-schema}erp_budget"
                        + " where name = :name and refreshed_at > clock_timestamp()")
                .setParameter("name", BUCKET)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(instant(rows.get(0)));
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
