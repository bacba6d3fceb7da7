package io.erplink.kit.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;

import io.erplink.kit.KitSchema;

/**
 * The idempotent-consumer side: a consumer records each event id in {@code processed_event} in the
 * same transaction as its effect. A redelivered event finds its id there and changes nothing; if the
 * effect rolls back, so does the record, and the redelivery is processed normally.
 */
@ApplicationScoped
public class ProcessedEvents {
    private final AgroalDataSource dataSource;
    private final String insert;

    ProcessedEvents(AgroalDataSource dataSource, KitSchema schema) {
        this.dataSource = dataSource;
        this.insert = "insert into " + schema.table("processed_event")
                + " (event_id, consumer) values (?, ?) on conflict do nothing";
    }

    /**
     * Claims an event for a consumer within the current transaction.
     *
     * @param consumer the consuming feature, e.g. {@code orders-synced}
     * @param eventId  the event's id
     * @return true the first time, false when the event was already processed by this consumer
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("event without an eventId cannot be processed idempotently");
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, eventId);
            statement.setString(2, consumer);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record processed event " + eventId + ": " + e.getMessage(), e);
        }
    }
}
