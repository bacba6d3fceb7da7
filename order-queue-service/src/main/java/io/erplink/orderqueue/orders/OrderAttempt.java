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

/** One conversation with the ERP about a queued order: what was sent, what came back, what it meant. */
@Entity
@Table(name = "order_attempt")
public class OrderAttempt {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "order_id", nullable = false, updatable = false)
    public Long orderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public AttemptKind kind;

    @Column(name = "started_at", nullable = false, updatable = false)
    public Instant startedAt;

    @Column(name = "finished_at", nullable = false, updatable = false)
    public Instant finishedAt;

    /** The replica that made the call. */
    @Column(nullable = false, updatable = false)
    public String replica;

    @Column(name = "request_xml", updatable = false)
    public String requestXml;

    /** The ERP's answer (cut to erplink.orderqueue.erp.max-stored-response). */
    @Column(updatable = false)
    public String response;

    @Column(updatable = false)
    public String error;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public AttemptOutcome outcome;
}
