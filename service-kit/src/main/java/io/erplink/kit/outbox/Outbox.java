package io.erplink.kit.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

import io.erplink.kit.KitSchema;
import io.erplink.kit.tracing.TraceContext;
import io.erplink.protocol.events.Topics;

/**
 * Writes an event to the outbox in the caller's transaction, so the event exists if and only if
 * the change that caused it was committed. {@link OutboxRelay} sends it to Kafka afterwards.
 */
@ApplicationScoped
public class Outbox {
    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final String insert;
    private final String topicPrefix;

    Outbox(
            AgroalDataSource dataSource,
            ObjectMapper mapper,
            TransactionSynchronizationRegistry transactions,
            OutboxRelay relay,
            KitSchema schema,
            @ConfigProperty(name = "erplink.topic-prefix") Optional<String> topicPrefix) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.transactions = transactions;
        this.relay = relay;
        this.topicPrefix = topicPrefix.orElse("");
        this.insert = "insert into " + schema.table("outbox_event")
                + " (id, topic, event_key, event_type, payload, trace_parent) values (?, ?, ?, ?, ?::jsonb, ?)";
    }

    /**
     * Adds an event to the outbox within the current transaction.
     *
     * @param topic topic name without the installation prefix, e.g. {@link Topics#ORDERS_QUEUED}
     * @param key   Kafka record key (events with the same key keep their order)
     * @param event one of the records of {@code io.erplink.protocol.events}; its simple class name
     *              travels as the {@code erplink-type} header, the current span's {@code traceparent}
     *              (if any) as the {@code traceparent} header
     * @return the outbox row id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String topic, String key, Object event) {
        UUID id = UUID.randomUUID();
        String payload;
        try {
            payload = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.getClass().getName() + " cannot be serialized", e);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setObject(1, id);
            statement.setString(2, Topics.withPrefix(topicPrefix, topic));
            statement.setString(3, key);
            statement.setString(4, event.getClass().getSimpleName());
            statement.setString(5, payload);
            statement.setString(6, TraceContext.current());
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write event to the outbox: " + e.getMessage(), e);
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
        return id;
    }
}
