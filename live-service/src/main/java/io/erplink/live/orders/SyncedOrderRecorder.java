package io.erplink.live.orders;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.erplink.kit.inbox.ProcessedEvents;
import io.erplink.protocol.events.OrderSynced;

/**
 * Applies one {@code orders.synced} event in a transaction of its own: the event recorded as processed
 * and the order made SYNCED or FAILED together. Its own bean so that every retry of
 * {@link OrdersSyncedConsumer} gets a new transaction (and a new connection): a retry inside the failed
 * transaction would reuse the connection the database dropped.
 */
@ApplicationScoped
class SyncedOrderRecorder {
    private static final Logger LOG = Logger.getLogger(SyncedOrderRecorder.class);

    private final OrderStore store;
    private final ProcessedEvents processed;

    SyncedOrderRecorder(OrderStore store, ProcessedEvents processed) {
        this.store = store;
        this.processed = processed;
    }

    @Transactional
    public void record(OrderSynced event) {
        if (!processed.firstDelivery(OrdersSyncedConsumer.CONSUMER, event.eventId())) {
            return;
        }
        boolean ours = store.synced(
                event.orderId(), event.status() == OrderSynced.Status.SYNCED, event.erpOrderNumber(), event.error());
        if (!ours) {
            LOG.debugf("orders.synced for unknown order %s ignored", event.orderId());
        }
    }
}
