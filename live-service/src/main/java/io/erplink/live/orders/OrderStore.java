package io.erplink.live.orders;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.erplink.kit.outbox.Outbox;
import io.erplink.protocol.events.OrderQueued;
import io.erplink.protocol.events.Topics;
import io.erplink.protocol.requests.CalculateOrder;

/** The placed_order table; every state change in its own transaction, events through the outbox. */
@ApplicationScoped
public class OrderStore {
    private final Outbox outbox;

    OrderStore(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Stores a new order as PLACING unless the OrderID exists.
     *
     * @return empty when this call stored it (go on and send it), else the order stored before
     */
    @Transactional
    public Optional<PlacedOrder> claim(PlacedOrder order) {
        int inserted = PlacedOrder.getEntityManager()
                .createNativeQuery(
                        "insert into {h-schema}placed_order (order_id, customer_id, client_id, shop_id, payload_hash, status, currency,"
                                + " calculate_order_xml, placed_at, updated_at) values (?1, ?2, ?3, ?4, ?5, '"
                                + PlacedOrder.Status.PLACING + "', ?6, ?7, ?8, ?8)"
                                + " on conflict (order_id) do nothing")
                .setParameter(1, order.orderId)
                .setParameter(2, order.customerId)
                .setParameter(3, order.clientId)
                .setParameter(4, order.shopId)
                .setParameter(5, order.payloadHash)
                .setParameter(6, order.currency)
                .setParameter(7, order.calculateOrderXml)
                .setParameter(8, order.placedAt)
                .executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        return Optional.of(PlacedOrder.<PlacedOrder>findById(order.orderId));
    }

    @Transactional
    public Optional<PlacedOrder> find(String orderId) {
        return PlacedOrder.findByIdOptional(orderId);
    }

    /** The ERP created the order live. */
    @Transactional
    public PlacedOrder created(String orderId, String erpOrderNumber, BigDecimal totalWithVat) {
        PlacedOrder order = PlacedOrder.findById(orderId, LockModeType.PESSIMISTIC_WRITE);
        if (order == null || order.status != PlacedOrder.Status.PLACING) {
            return order; // stored before (a held outcome), or queued by the reaper: the queue finds it in the ERP
        }
        order.status = PlacedOrder.Status.CREATED;
        order.erpOrderNumber = erpOrderNumber;
        order.totalWithVat = totalWithVat;
        order.updatedAt = Instant.now();
        return order;
    }

    /** The ERP refused the order: forget it, so the shop can correct and place it again. */
    @Transactional
    public void forget(String orderId) {
        PlacedOrder.delete("orderId = ?1 and status = ?2", orderId, PlacedOrder.Status.PLACING);
    }

    /**
     * Queues an order: status QUEUED and OrderQueued on orders.queued, in one transaction.
     *
     * @param outcomeUnknown the CreateOrder may have reached the ERP (the queue checks before creating)
     */
    @Transactional
    public PlacedOrder queue(String orderId, String reason, boolean outcomeUnknown) {
        PlacedOrder order = PlacedOrder.findById(orderId, LockModeType.PESSIMISTIC_WRITE);
        if (order == null || order.status != PlacedOrder.Status.PLACING) {
            return order; // queued already (reaper) or answered meanwhile
        }
        queueLocked(order, reason, outcomeUnknown);
        return order;
    }

    private void queueLocked(PlacedOrder order, String reason, boolean outcomeUnknown) {
        order.status = PlacedOrder.Status.QUEUED;
        order.queueReason = reason;
        order.updatedAt = Instant.now();
        outbox.publish(
                Topics.ORDERS_QUEUED,
                order.orderId,
                new OrderQueued(
                        UUID.randomUUID().toString(),
                        OrderQueued.VERSION,
                        order.orderId,
                        order.shopId,
                        order.customerId == null ? customerOf(order.calculateOrderXml) : order.customerId,
                        order.calculateOrderXml,
                        reason,
                        order.placedAt,
                        outcomeUnknown));
    }

    /** Queues orders left PLACING since before {@code before}; returns how many. */
    @Transactional
    public int queueInterrupted(Instant before, int max) {
        @SuppressWarnings("unchecked")
        List<String> ids = PlacedOrder.getEntityManager()
                .createNativeQuery(
                        "select order_id from {h-schema}placed_order where status = '" + PlacedOrder.Status.PLACING
                                + "' and placed_at < ?1 order by placed_at"
                                + " limit ?2 for update skip locked")
                .setParameter(1, before)
                .setParameter(2, max)
                .getResultList();
        for (String id : ids) {
            // The CreateOrder may have gone out before the interruption.
            queueLocked(PlacedOrder.findById(id), "placement interrupted before the ERP's answer was stored", true);
        }
        return ids.size();
    }

    /** Applies the queue's outcome; false when the order is not one of ours. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean synced(String orderId, boolean success, String erpOrderNumber, String error) {
        PlacedOrder order = PlacedOrder.findById(orderId, LockModeType.PESSIMISTIC_WRITE);
        if (order == null) {
            return false;
        }
        if (order.status == PlacedOrder.Status.CREATED || order.status == PlacedOrder.Status.SYNCED) {
            return true; // the ERP has it already; a late FAILED cannot undo that
        }
        order.status = success ? PlacedOrder.Status.SYNCED : PlacedOrder.Status.FAILED;
        if (erpOrderNumber != null && !erpOrderNumber.isBlank()) {
            order.erpOrderNumber = erpOrderNumber;
        }
        order.error = success ? null : error;
        order.updatedAt = Instant.now();
        return true;
    }

    private static String customerOf(String xml) {
        return CalculateOrder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .customerId();
    }
}
