package io.erplink.batch.activities;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.reactive.messaging.annotations.Blocking;

import io.erplink.kit.kafka.EventRedelivery;
import io.erplink.protocol.events.JobSourcesChanged;

/**
 * Consumes {@code jobs.changed} (mapping-service's saved job versions) into {@link ActivityJobSync}. The
 * offset is committed after its transaction committed. An unreadable event, or one of a contract version
 * this replica does not know, is logged and skipped: retrying cannot make it readable. A database outage
 * is waited out, as for {@code batch.results}.
 */
@ApplicationScoped
public class JobSourcesConsumer {
    private static final Logger LOG = Logger.getLogger(JobSourcesConsumer.class);

    private final ActivityJobSync sync;
    private final ObjectMapper mapper;

    JobSourcesConsumer(ActivityJobSync sync, ObjectMapper mapper) {
        this.sync = sync;
        this.mapper = mapper;
    }

    @Incoming("jobs-changed")
    @Blocking(ordered = true)
    @ApplyGuard(EventRedelivery.GUARD)
    public void consume(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        JobSourcesChanged event;
        try {
            event = mapper.readValue(record.value(), JobSourcesChanged.class);
        } catch (JsonProcessingException e) {
            LOG.warnf("jobs.changed offset %d: unreadable event skipped: %s", record.offset(), e.getOriginalMessage());
            return;
        }
        if (event.version() != JobSourcesChanged.VERSION || event.eventId() == null || event.job() == null) {
            LOG.warnf(
                    "jobs.changed offset %d: job %s event of contract version %d (this replica reads %d) skipped",
                    record.offset(), event.job(), event.version(), JobSourcesChanged.VERSION);
            return;
        }
        sync.apply(event);
    }
}
