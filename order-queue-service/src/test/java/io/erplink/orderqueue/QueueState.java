package io.erplink.orderqueue;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.erplink.orderqueue.orders.AttemptKind;
import io.erplink.orderqueue.orders.AttemptOutcome;
import io.erplink.orderqueue.orders.OrderAttempt;
import io.erplink.orderqueue.orders.OrderAttemptRepository;
import io.erplink.orderqueue.orders.OrderStatus;
import io.erplink.orderqueue.orders.QueuedOrder;
import io.erplink.orderqueue.orders.QueuedOrderRepository;

/** Reads the queue's tables for assertions, each read in its own transaction. */
@ApplicationScoped
public class QueueState {
    private final QueuedOrderRepository orders;
    private final OrderAttemptRepository attempts;

    QueueState(QueuedOrderRepository orders, OrderAttemptRepository attempts) {
        this.orders = orders;
        this.attempts = attempts;
    }

    public Optional<QueuedOrder> order(String shopOrderId) {
        return QuarkusTransaction.requiringNew().call(() -> orders.findByShopOrderId(shopOrderId));
    }

    public boolean hasStatus(String shopOrderId, OrderStatus status) {
        return order(shopOrderId).map(o -> o.status == status).orElse(false);
    }

    public long count(String shopOrderId) {
        return QuarkusTransaction.requiringNew().call(() -> orders.count("shopOrderId", shopOrderId));
    }

    public List<OrderAttempt> attempts(String shopOrderId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> orders.findByShopOrderId(shopOrderId)
                        .map(o -> attempts.ofOrder(o.id))
                        .orElse(List.of()));
    }

    public long attempts(String shopOrderId, AttemptKind kind, AttemptOutcome outcome) {
        return attempts(shopOrderId).stream()
                .filter(a -> a.kind == kind && a.outcome == outcome)
                .count();
    }

    /** Makes an order look like a replica took it and died mid-send, its lease running out in {@code seconds}. */
    public boolean takeOverAsDeadReplica(String shopOrderId, int seconds) {
        return QuarkusTransaction.requiringNew()
                .call(() -> orders.getEntityManager()
                                .createNativeQuery(
                                        "update {h-schema}queued_order set status = 'SENDING', lease_owner = 'dead-replica',"
                                                + " lease_until = now() + make_interval(secs => :seconds) where shop_order_id = :id and status = 'QUEUED'")
                                .setParameter("seconds", seconds)
                                .setParameter("id", shopOrderId)
                                .executeUpdate()
                        == 1);
    }
}
