package io.erplink.live.orders;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.reactive.messaging.annotations.Blocking;

import io.erplink.kit.kafka.EventRedelivery;
import io.erplink.protocol.events.OrderSynced;

/**
 * Consumes {@code orders.synced}: a queued order becomes SYNCED (with the ERP number) or FAILED.
 * Idempotent through processed_event in the same transaction; the offset is committed after it.
 * A database outage is retried (each attempt a new transaction) for up to 30 minutes instead of
 * failing the channel, which would stop it until the process restarts.
 */
@ApplicationScoped
public class OrdersSyncedConsumer {
    private static final Logger LOG = Logger.getLogger(OrdersSyncedConsumer.class);
    static final String CONSUMER = "orders-synced";

    private final SyncedOrderRecorder recorder;
    private final ObjectMapper mapper;

    OrdersSyncedConsumer(SyncedOrderRecorder recorder, ObjectMapper mapper) {
        this.recorder = recorder;
        this.mapper = mapper;
    }

    @Incoming("orders-synced")
    @Blocking(ordered = true)
    @ApplyGuard(EventRedelivery.GUARD)
    public void consume(String payload) {
        OrderSynced event;
        try {
            event = mapper.readValue(payload, OrderSynced.class);
        } catch (Exception e) {
            LOG.warnf("ignored an unreadable orders.synced event: %s", e.getMessage());
            return;
        }
        if (event == null || event.eventId() == null || event.orderId() == null || event.status() == null) {
            LOG.warnf("ignored an incomplete orders.synced event: %s", payload);
            return;
        }
        recorder.record(event);
    }
}
