package io.erplink.orderqueue.orders;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An incoming event that could not be read as an order at all, kept for the operator instead of dropped. */
@Entity
@Table(name = "rejected_event")
public class RejectedEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "event_key")
    public String eventKey;

    @Column(nullable = false)
    public String payload;

    @Column(nullable = false)
    public String error;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
