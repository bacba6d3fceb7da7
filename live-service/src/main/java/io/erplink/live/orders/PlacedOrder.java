package io.erplink.live.orders;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An order placed through the storefront API; the shop's OrderID is the key. */
@Entity
@Table(name = "placed_order")
public class PlacedOrder extends PanacheEntityBase {

    /** Where an order stands. */
    public enum Status {
        /** The CreateOrder call is under way (or was interrupted; the reaper queues it). */
        PLACING,
        /** The ERP created it live. */
        CREATED,
        /** Handed to order-queue-service; waiting for orders.synced. */
        QUEUED,
        /** The queue got it into the ERP. */
        SYNCED,
        /** The queue gave up. */
        FAILED
    }

    @Id
    @Column(name = "order_id")
    public String orderId;

    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "client_id")
    public String clientId;

    @Column(name = "shop_id")
    public String shopId;

    @Column(name = "payload_hash")
    public String payloadHash;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "erp_order_number")
    public String erpOrderNumber;

    public String currency;

    @Column(name = "total_with_vat")
    public BigDecimal totalWithVat;

    @Column(name = "calculate_order_xml")
    public String calculateOrderXml;

    @Column(name = "queue_reason")
    public String queueReason;

    public String error;

    @Column(name = "placed_at")
    public Instant placedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
