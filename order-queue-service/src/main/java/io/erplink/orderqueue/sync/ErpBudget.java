package io.erplink.orderqueue.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.erplink.orderqueue.OrderQueueConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The ERP budget ({@code erplink.orderqueue.sync.rate-per-second}, {@code burst}) shared by all
 * replicas: a token bucket kept in one database row ({@code erp_budget}), refilled by the database
 * clock. Every call to the ERP about a queued order takes a token first, so the installation as a
 * whole stays within the rate however many replicas drain, and a replica that dies leaves its share
 * to the others at once. A 429 pauses the bucket for everyone.
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

    /** Tokens after refilling {@code tokens} for {@code elapsedSeconds} (negative while paused). */
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
     * Takes a token within the caller's transaction (the bucket row stays locked until it ends).
     *
     * @return 0 when a token was taken, else the nanoseconds until one may be there
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long tryTake() {
        Object[] row = (Object[]) entityManager.createNativeQuery("select tokens, refreshed_at, clock_timestamp()"
                + " from {h-schema}erp_budget where name = :name for update")
                .setParameter("name", BUCKET).getSingleResult();
        double tokens = ((Number) row[0]).doubleValue();
        Instant refreshed = instant(row[1]);
        Instant now = instant(row[2]);
        double elapsed = Duration.between(refreshed, now).toNanos() / 1e9;
        if (elapsed < 0) {
            return waitFor(tokens, -elapsed, rate);
        }
        double available = refill(tokens, elapsed, rate, burst);
        long wait = waitFor(available, 0, rate);
        entityManager.createNativeQuery("update {h-schema}erp_budget set tokens = :tokens, refreshed_at = :now"
                + " where name = :name")
                .setParameter("tokens", wait == 0 ? available - 1 : available)
                .setParameter("now", now.atOffset(java.time.ZoneOffset.UTC))
                .setParameter("name", BUCKET).executeUpdate();
        return wait;
    }

    /** Takes a token in a transaction of its own, waiting as long as needed. */
    public void take() throws InterruptedException {
        long wait;
        while ((wait = QuarkusTransaction.requiringNew().call(this::tryTake)) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.SECONDS.toNanos(1)));
        }
    }

    /** The ERP asked to slow down: no tokens for anyone for this long, and no saved-up burst after. */
    @Transactional
    public void pause(Duration duration) {
        entityManager.createNativeQuery("update {h-schema}erp_budget set tokens = 0,"
                + " refreshed_at = greatest(refreshed_at, clock_timestamp() + make_interval(secs => :seconds))"
                + " where name = :name").setParameter("seconds", duration.toMillis() / 1000.0)
                .setParameter("name", BUCKET).executeUpdate();
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
