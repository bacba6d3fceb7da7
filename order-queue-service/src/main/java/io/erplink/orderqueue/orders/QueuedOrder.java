package io.erplink.orderqueue.orders;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An order that could not reach the ERP when it was placed, with its full request and sync state. */
@Entity
@Table(name = "queued_order")
public class QueuedOrder {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The shop's OrderID, the idempotency key towards the ERP. */
    @Column(name = "shop_order_id", nullable = false, unique = true, updatable = false)
    public String shopOrderId;

    @Column(name = "shop_id")
    public String shopId;

    @Column(name = "customer_id")
    public String customerId;

    /** The complete CalculateOrder request with CreateOrder=True. */
    @Column(name = "request_xml", nullable = false, updatable = false)
    public String requestXml;

    @Column(name = "queue_reason")
    public String queueReason;

    @Column(name = "source_event_id", nullable = false, updatable = false)
    public String sourceEventId;

    @Column(name = "placed_at")
    public Instant placedAt;

    @Column(name = "queued_at", nullable = false)
    public Instant queuedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrderStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(nullable = false)
    public int failures;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "outcome_unknown", nullable = false)
    public boolean outcomeUnknown;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "erp_order_number")
    public String erpOrderNumber;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "synced_at")
    public Instant syncedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The W3C traceparent of the delivery that queued the order; null with tracing off. */
    @Column(name = "trace_parent", updatable = false)
    public String traceParent;
}
