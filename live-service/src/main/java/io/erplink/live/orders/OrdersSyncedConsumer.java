package io.erplink.live.orders;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.reactive.messaging.annotations.Blocking;

import io.erplink.kit.inbox.ProcessedEvents;
import io.erplink.protocol.events.OrderSynced;

/**
 * Consumes {@code orders.synced}: a queued order becomes SYNCED (with the ERP number) or FAILED.
 * Idempotent through processed_event in the same transaction; the offset is committed after it.
 */
@ApplicationScoped
public class OrdersSyncedConsumer {
    private static final Logger LOG = Logger.getLogger(OrdersSyncedConsumer.class);
    static final String CONSUMER = "orders-synced";

    private final OrderStore store;
    private final ProcessedEvents processed;
    private final ObjectMapper mapper;

    OrdersSyncedConsumer(OrderStore store, ProcessedEvents processed, ObjectMapper mapper) {
        this.store = store;
        this.processed = processed;
        this.mapper = mapper;
    }

    @Incoming("orders-synced")
    @Blocking(ordered = true)
    @Retry(maxRetries = 10, delay = 1, delayUnit = ChronoUnit.SECONDS, jitter = 200)
    @Transactional
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
        if (!processed.firstDelivery(CONSUMER, event.eventId())) {
            return;
        }
        boolean ours = store.synced(
                event.orderId(), event.status() == OrderSynced.Status.SYNCED, event.erpOrderNumber(), event.error());
        if (!ours) {
            LOG.debugf("orders.synced for unknown order %s ignored", event.orderId());
        }
    }
}
