package io.erplink.orderqueue.orders;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** Queries on queued orders. Locking queries need the caller's transaction. */
@ApplicationScoped
public class QueuedOrderRepository implements PanacheRepositoryBase<QueuedOrder, Long> {

    public Optional<QueuedOrder> findByShopOrderId(String shopOrderId) {
        return find("shopOrderId", shopOrderId).firstResultOptional();
    }

    /**
     * Locks the oldest due order whose outcome is known (it is sent with a create), skipping rows
     * another transaction holds ({@code FOR UPDATE SKIP LOCKED}), so any number of replicas claim
     * different orders without waiting for each other.
     *
     * @param minAge only orders placed (or queued, when the placing time is unknown) at least this long ago
     * @param shops  only these shops; empty for all
     */
    public Optional<QueuedOrder> lockNextDue(Duration minAge, List<String> shops) {
        return lockDue(minAge, shops, false, 1).stream().findFirst();
    }

    /**
     * Locks up to {@code limit} due orders whose earlier create had an unknown outcome (they need an
     * existence check first), the longest due first, skipping rows another transaction holds.
     */
    public List<QueuedOrder> lockDueUnknown(Duration minAge, List<String> shops, int limit) {
        return lockDue(minAge, shops, true, limit);
    }

    private List<QueuedOrder> lockDue(Duration minAge, List<String> shops, boolean outcomeUnknown, int limit) {
        // The rows come back as entities in this one query (not one select per id): every claim runs it.
        // the status as a literal, so the planner uses the partial indexes on it
        String sql = "select * from {h-schema}queued_order where status = '" + OrderStatus.QUEUED + "'"
                + " and next_attempt_at <= now()"
                + " and outcome_unknown = :unknown"
                + " and coalesce(placed_at, queued_at) <= now() - make_interval(secs => :minAge)"
                + (shops.isEmpty() ? "" : " and shop_id in (:shops)")
                + (outcomeUnknown ? " order by next_attempt_at, id" : " order by queued_at, id")
                + " limit :limit for update skip locked";
        var query = getEntityManager()
                .createNativeQuery(sql, QueuedOrder.class)
                .setParameter("unknown", outcomeUnknown)
                .setParameter("minAge", minAge.toMillis() / 1000.0)
                .setParameter("limit", limit);
        if (!shops.isEmpty()) {
            query.setParameter("shops", shops);
        }
        @SuppressWarnings("unchecked")
        List<QueuedOrder> locked = query.getResultList();
        return locked;
    }

    /** Locks orders whose sending replica's lease ran out, skipping rows another replica is recovering. */
    public List<QueuedOrder> lockExpiredLeases(int limit) {
        @SuppressWarnings("unchecked")
        List<Long> ids = getEntityManager()
                .createNativeQuery(
                        "select id from {h-schema}queued_order where status = '" + OrderStatus.SENDING + "'"
                                + " and lease_until < now() order by lease_until limit :limit for update skip locked",
                        Long.class)
                .setParameter("limit", limit)
                .getResultList();
        return ids.stream().map(this::findById).toList();
    }

    /**
     * Locks one order, waiting for a replica that holds it in a short transaction, and reads it again
     * under the lock: an order loaded earlier in this transaction (e.g. by a search) is locked but not
     * re-read by {@code find}, and writing its stale state back would undo a claim another replica
     * committed in between.
     */
    public Optional<QueuedOrder> lock(long id) {
        Optional<QueuedOrder> order = findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
        order.ifPresent(getEntityManager()::refresh);
        return order;
    }

    /** The database clock, which all replicas share: leases and due times are taken from it. */
    public Instant now() {
        return ((OffsetDateTime) getEntityManager()
                        .createNativeQuery("select now()", OffsetDateTime.class)
                        .getSingleResult())
                .toInstant();
    }

    public Map<OrderStatus, Long> countByStatus() {
        Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            counts.put(status, 0L);
        }
        List<Object[]> rows = getEntityManager()
                .createQuery("select o.status, count(o) from QueuedOrder o group by o.status", Object[].class)
                .getResultList();
        for (Object[] row : rows) {
            counts.put((OrderStatus) row[0], (Long) row[1]);
        }
        return counts;
    }

    /** When the oldest order still waiting (queued or being sent) was queued. */
    public Optional<Instant> oldestWaiting() {
        return Optional.ofNullable(getEntityManager()
                .createQuery("select min(o.queuedAt) from QueuedOrder o where o.status in (:waiting)", Instant.class)
                .setParameter("waiting", List.of(OrderStatus.QUEUED, OrderStatus.SENDING))
                .getSingleResult());
    }

    /** Orders matching a filter, oldest first. */
    public PanacheQuery<QueuedOrder> search(OrderFilter filter, Instant now) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (filter.status() != null) {
            where.append(" and status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.shopId() != null && !filter.shopId().isBlank()) {
            where.append(" and shopId = :shop");
            parameters.and("shop", filter.shopId());
        }
        if (filter.customerId() != null && !filter.customerId().isBlank()) {
            where.append(" and customerId = :customer");
            parameters.and("customer", filter.customerId());
        }
        if (filter.olderThan() != null) {
            where.append(" and queuedAt <= :queuedBefore");
            parameters.and("queuedBefore", now.minus(filter.olderThan()));
        }
        return find(where.toString(), Sort.by("queuedAt").and("id"), parameters);
    }
}
