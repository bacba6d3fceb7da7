package io.erplink.orderqueue.sync;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.reactive.messaging.annotations.Blocking;

import io.erplink.protocol.events.ErpStatusChanged;

/**
 * Consumes {@code erp.status}: UP starts draining at once, DOWN pauses sending until this
 * replica's probe gets an answer. Only a trigger, so it needs no processed-event record: applying
 * a status twice changes nothing.
 */
@ApplicationScoped
public class ErpStatusConsumer {
    private static final Logger LOG = Logger.getLogger(ErpStatusConsumer.class);

    private final ErpAvailability availability;
    private final ObjectMapper mapper;

    ErpStatusConsumer(ErpAvailability availability, ObjectMapper mapper) {
        this.availability = availability;
        this.mapper = mapper;
    }

    @Incoming("erp-status")
    @Blocking
    public void consume(String payload) {
        ErpStatusChanged event;
        try {
            event = mapper.readValue(payload, ErpStatusChanged.class);
        } catch (Exception e) {
            LOG.warnf("ignored an unreadable erp.status event: %s", e.getMessage());
            return;
        }
        if (event == null || event.status() == null) {
            LOG.warnf("ignored an erp.status event without status: %s", payload);
            return;
        }
        if (event.status() == ErpStatusChanged.Status.UP) {
            availability.markUp("erp.status UP from " + event.source());
        } else {
            availability.markDown("erp.status DOWN from " + event.source() + ": " + event.detail());
        }
    }
}
