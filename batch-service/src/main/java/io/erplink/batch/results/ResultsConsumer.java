package io.erplink.batch.results;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.reactive.messaging.annotations.Blocking;

import io.erplink.kit.kafka.EventRedelivery;
import io.erplink.protocol.events.ChunkResult;
import io.erplink.protocol.events.RunResult;

/**
 * Consumes {@code batch.results} (ChunkResult and RunResult from mapping-service). The offset is
 * committed after {@link ResultHandler}'s transaction committed; a redelivery changes nothing.
 * The event type comes from the {@code erplink-type} header the outbox relay writes, or from the
 * payload's shape when the header is missing. Unreadable events are logged and skipped: they can
 * never become readable by retrying. A database outage is waited out (each retry is a new transaction
 * of {@link ResultHandler}): without the retry the channel stopped for good at the first failed event,
 * and batch-service stayed unready after PostgreSQL came back.
 */
@ApplicationScoped
public class ResultsConsumer {
    private static final Logger LOG = Logger.getLogger(ResultsConsumer.class);

    private final ResultHandler handler;
    private final ObjectMapper mapper;

    ResultsConsumer(ResultHandler handler, ObjectMapper mapper) {
        this.handler = handler;
        this.mapper = mapper;
    }

    @Incoming("batch-results")
    @Blocking(ordered = true)
    @ApplyGuard(EventRedelivery.GUARD)
    public void consume(ConsumerRecord<String, String> record) {
        String value = record.value();
        if (value == null) {
            return;
        }
        String type = header(record, "erplink-type");
        JsonNode json;
        try {
            json = mapper.readTree(value);
        } catch (Exception e) {
            LOG.warnf("batch.results offset %d: not JSON, skipped: %s", record.offset(), e.getMessage());
            return;
        }
        if (type == null) {
            type = json.has("status") ? "RunResult" : json.has("sequence") ? "ChunkResult" : "unknown";
        }
        try {
            switch (type) {
                case "ChunkResult" -> handler.chunk(mapper.treeToValue(json, ChunkResult.class));
                case "RunResult" -> handler.run(mapper.treeToValue(json, RunResult.class));
                default -> LOG.debugf("batch.results offset %d: event type %s ignored", record.offset(), type);
            }
        } catch (JsonProcessingException e) {
            LOG.warnf("batch.results offset %d: unreadable %s skipped: %s", record.offset(), type, e.getMessage());
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
