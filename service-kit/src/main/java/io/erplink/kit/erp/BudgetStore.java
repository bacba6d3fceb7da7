package io.erplink.kit.erp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The SQL of the shared budget ({@code erplink_budget} schema, see {@code V0_3__erp_budget.sql}). Every
 * decision is taken under the endpoint's row lock and on the database's clock, so replicas with
 * skewed clocks still agree. Each operation runs in a transaction of its own: a permit is never
 * part of (or rolled back with) the caller's work.
 */
@ApplicationScoped
public class BudgetStore {
    private final AgroalDataSource dataSource;

    BudgetStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What a permit request got: a lease (0 when the endpoint has no concurrency limit) or how long
     * to wait before asking again.
     *
     * @param retryIn     how long to wait before asking again (zero: soon, a slot frees when a request ends)
     * @param pausedUntil the endpoint's pause, when one is running
     */
    public record Attempt(boolean granted, long leaseId, Duration retryIn, Optional<Instant> pausedUntil) {}

    /** The installation-wide use of an endpoint's budget, for the operator API. */
    public record Use(long used, long inFlight, Optional<Instant> pausedUntil) {}

    /** Creates the endpoint's row (once, by whichever replica comes first). */
    void ensure(String endpoint) {
        inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "insert into erplink_budget.endpoint_budget (endpoint) values (?) on conflict do nothing")) {
                s.setString(1, endpoint);
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Takes one permit when the endpoint is not paused, has fewer than {@code permits} grants in the
     * last {@code window} and fewer than {@code concurrency} live leases (0: no such limit).
     */
    Attempt tryAcquire(String endpoint, String holder, int permits, Duration window, int concurrency, Duration ttl) {
        return inTransaction(c -> {
            Instant now;
            Instant pausedUntil;
            try (PreparedStatement s = c.prepareStatement("select paused_until, clock_timestamp()"
                    + " from erplink_budget.endpoint_budget where endpoint = ? for update")) {
                s.setString(1, endpoint);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new IllegalStateException("no budget row for ERP endpoint " + endpoint);
                    }
                    pausedUntil = instant(r.getObject(1, OffsetDateTime.class));
                    now = instant(r.getObject(2, OffsetDateTime.class));
                }
            }
            if (pausedUntil != null && pausedUntil.isAfter(now)) {
                return new Attempt(false, 0, Duration.between(now, pausedUntil), Optional.of(pausedUntil));
            }
            // The main query sees the rows as they were before the deletes, hence the same conditions.
            Instant windowStart = now.minus(window);
            long inFlight;
            long granted;
            Instant oldest;
            try (PreparedStatement s = c.prepareStatement("with expired as ("
                    + "  delete from erplink_budget.lease where endpoint = ? and expires_at <= ? returning 1),"
                    + " old as ("
                    + "  delete from erplink_budget.permit_grant where endpoint = ? and granted_at <= ? returning 1)"
                    + " select (select count(*) from erplink_budget.lease where endpoint = ? and expires_at > ?),"
                    + " count(*), min(granted_at) from erplink_budget.permit_grant"
                    + " where endpoint = ? and granted_at > ?")) {
                s.setString(1, endpoint);
                s.setObject(2, offset(now));
                s.setString(3, endpoint);
                s.setObject(4, offset(windowStart));
                s.setString(5, endpoint);
                s.setObject(6, offset(now));
                s.setString(7, endpoint);
                s.setObject(8, offset(windowStart));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    inFlight = r.getLong(1);
                    granted = r.getLong(2);
                    oldest = instant(r.getObject(3, OffsetDateTime.class));
                }
            }
            if (concurrency > 0 && inFlight >= concurrency) {
                // a slot frees when a request ends: ask again soon (the caller backs off)
                return new Attempt(false, 0, Duration.ZERO, Optional.empty());
            }
            if (permits > 0 && granted >= permits) {
                // the oldest grant leaves the window first
                return new Attempt(false, 0, Duration.between(windowStart, oldest), Optional.empty());
            }
            if (permits > 0) {
                try (PreparedStatement s = c.prepareStatement(
                        "insert into erplink_budget.permit_grant (endpoint, granted_at) values (?, ?)")) {
                    s.setString(1, endpoint);
                    s.setObject(2, offset(now));
                    s.executeUpdate();
                }
            }
            long lease = 0;
            if (concurrency > 0) {
                try (PreparedStatement s = c.prepareStatement("insert into erplink_budget.lease"
                        + " (endpoint, holder, expires_at) values (?, ?, ?) returning id")) {
                    s.setString(1, endpoint);
                    s.setString(2, holder);
                    s.setObject(3, offset(now.plus(ttl)));
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        lease = r.getLong(1);
                    }
                }
            }
            return new Attempt(true, lease, Duration.ZERO, Optional.empty());
        });
    }

    /** Frees a lease (the request ended). */
    void release(long leaseId) {
        inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("delete from erplink_budget.lease where id = ?")) {
                s.setLong(1, leaseId);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Extends every lease of a holder by {@code ttl} from now; returns how many it holds. */
    int renew(String holder, Duration ttl) {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("update erplink_budget.lease"
                    + " set expires_at = clock_timestamp() + make_interval(secs => ?) where holder = ?")) {
                s.setDouble(1, ttl.toMillis() / 1000.0);
                s.setString(2, holder);
                return s.executeUpdate();
            }
        });
    }

    /** No permits for anyone for {@code duration} from now (a pause running longer stays). */
    Instant pause(String endpoint, Duration duration) {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("update erplink_budget.endpoint_budget"
                    + " set paused_until = greatest(paused_until, clock_timestamp() + make_interval(secs => ?))"
                    + " where endpoint = ? returning paused_until")) {
                s.setDouble(1, duration.toMillis() / 1000.0);
                s.setString(2, endpoint);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new IllegalStateException("no budget row for ERP endpoint " + endpoint);
                    }
                    return instant(r.getObject(1, OffsetDateTime.class));
                }
            }
        });
    }

    /** Grants in the last {@code window}, live leases and the running pause of an endpoint. */
    Use use(String endpoint, Duration window) {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("select"
                    + " (select count(*) from erplink_budget.permit_grant"
                    + "   where endpoint = b.endpoint and granted_at > clock_timestamp() - make_interval(secs => ?)),"
                    + " (select count(*) from erplink_budget.lease"
                    + "   where endpoint = b.endpoint and expires_at > clock_timestamp()),"
                    + " case when b.paused_until > clock_timestamp() then b.paused_until end"
                    + " from erplink_budget.endpoint_budget b where b.endpoint = ?")) {
                s.setDouble(1, window.toMillis() / 1000.0);
                s.setString(2, endpoint);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return new Use(0, 0, Optional.empty());
                    }
                    return new Use(
                            r.getLong(1),
                            r.getLong(2),
                            Optional.ofNullable(instant(r.getObject(3, OffsetDateTime.class))));
                }
            }
        });
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return work.run(c);
            }
        });
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
