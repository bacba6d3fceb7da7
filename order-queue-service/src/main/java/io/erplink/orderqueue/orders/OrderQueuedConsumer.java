package io.erplink.orderqueue.orders;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes {@code orders.queued}. The offset of a record is committed only after this method
 * returned, that is after {@link OrderIntake#accept} committed its transaction. A database hiccup
 * is retried here; if the database stays away the channel fails (health DOWN) and the record is
 * consumed again after a restart.
 */
@ApplicationScoped
public class OrderQueuedConsumer {
    private final OrderIntake intake;

    OrderQueuedConsumer(OrderIntake intake) {
        this.intake = intake;
    }

    @Incoming("orders-queued")
    @Blocking(ordered = true)
    @Retry(maxRetries = 10, delay = 1, delayUnit = ChronoUnit.SECONDS, jitter = 200)
    public void consume(ConsumerRecord<String, String> record) {
        intake.accept(record.topic(), record.key(), record.value());
    }
}
