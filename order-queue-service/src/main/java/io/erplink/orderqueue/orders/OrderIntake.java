package io.erplink.orderqueue.orders;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;

import io.erplink.kit.inbox.ProcessedEvents;
import io.erplink.kit.logging.LogContext;
import io.erplink.kit.tracing.TraceContext;
import io.erplink.protocol.events.OrderQueued;
import io.erplink.protocol.requests.CalculateOrder;
import io.erplink.protocol.requests.ConnectorRequest;

/**
 * Stores orders arriving on {@code orders.queued}, idempotently: the event id is recorded in the
 * same transaction (a redelivery changes nothing) and the shop's OrderID is unique (a second event
 * for the same order changes nothing either). An order whose request is not a complete
 * CalculateOrder with CreateOrder=True for that OrderID is stored PARKED with the reason, so an
 * operator sees it; an event that is not readable at all is kept as a rejected event.
 */
@ApplicationScoped
public class OrderIntake {
    private static final Logger LOG = Logger.getLogger(OrderIntake.class);
    static final String CONSUMER = "order-queue/orders-queued";

    /** What became of an incoming event. */
    public enum Result {
        QUEUED,
        PARKED,
        DUPLICATE_EVENT,
        DUPLICATE_ORDER,
        REJECTED
    }

    private final QueuedOrderRepository orders;
    private final ProcessedEvents processed;
    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;

    OrderIntake(
            QueuedOrderRepository orders,
            ProcessedEvents processed,
            EntityManager entityManager,
            ObjectMapper mapper,
            MeterRegistry registry) {
        this.orders = orders;
        this.processed = processed;
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.registry = registry;
    }

    @Transactional
    public Result accept(String topic, String key, String payload) {
        Result result;
        // The record key is the shop's OrderID (live-service keys orders.queued by it).
        try (LogContext log = LogContext.put(LogContext.ORDER_ID, key)) {
            result = store(topic, key, payload);
        }
        registry.counter("erplink.orderqueue.received", "result", result.name()).increment();
        return result;
    }

    private Result store(String topic, String key, String payload) {
        OrderQueued event;
        try {
            event = mapper.readValue(payload, OrderQueued.class);
        } catch (Exception e) {
            return reject(topic, key, payload, "not an OrderQueued event: " + e.getMessage());
        }
        if (event == null || blank(event.eventId()) || blank(event.orderId())) {
            return reject(topic, key, payload, "OrderQueued without eventId or orderId");
        }
        if (!OrderQueued.known(event.version())) {
            return reject(
                    topic,
                    key,
                    payload,
                    "OrderQueued version " + event.version() + " is not known (expected 1 to " + OrderQueued.VERSION
                            + ")");
        }
        if (!processed.firstDelivery(CONSUMER, event.eventId())) {
            LOG.debugf(
                    "OrderQueued %s for order %s was processed before: nothing to do",
                    event.eventId(), event.orderId());
            return Result.DUPLICATE_EVENT;
        }
        Optional<QueuedOrder> existing = orders.findByShopOrderId(event.orderId());
        if (existing.isPresent()) {
            LOG.infof(
                    "order %s is queued already (event %s); event %s changes nothing",
                    event.orderId(), existing.get().sourceEventId, event.eventId());
            return Result.DUPLICATE_ORDER;
        }
        Instant now = orders.now();
        QueuedOrder order = new QueuedOrder();
        order.shopOrderId = event.orderId();
        order.shopId = event.shopId();
        order.customerId = event.customerId();
        order.requestXml = event.calculateOrderXml() == null ? "" : event.calculateOrderXml();
        order.queueReason = event.reason();
        order.sourceEventId = event.eventId();
        order.placedAt = event.placedAt();
        order.queuedAt = now;
        order.nextAttemptAt = now;
        order.updatedAt = now;
        order.traceParent = TraceContext.current();
        // live-service's create may have reached the ERP: the sender's existence check comes before the first create.
        order.outcomeUnknown = event.createOutcomeUnknown();
        String problem = problemWithRequest(event);
        if (problem == null) {
            order.status = OrderStatus.QUEUED;
        } else {
            order.status = OrderStatus.PARKED;
            order.lastError = problem;
            LOG.warnf("order %s parked on arrival: %s", event.orderId(), problem);
        }
        orders.persist(order);
        return order.status == OrderStatus.QUEUED ? Result.QUEUED : Result.PARKED;
    }

    /** Why the request cannot be sent as it is, or null when it is a CreateOrder request for this order. */
    static String problemWithRequest(OrderQueued event) {
        if (blank(event.calculateOrderXml())) {
            return "the event carries no CalculateOrder request";
        }
        CalculateOrder request;
        try {
            if (!(ConnectorRequest.parse(
                            new ByteArrayInputStream(event.calculateOrderXml().getBytes(StandardCharsets.UTF_8)))
                    instanceof CalculateOrder calculate)) {
                return "the request is not a CalculateOrder request";
            }
            request = calculate;
        } catch (Exception e) {
            return "the CalculateOrder request cannot be read: " + e.getMessage();
        }
        if (!request.createOrder()) {
            return "the CalculateOrder request has CreateOrder=False: it would not create the order";
        }
        if (!event.orderId().equals(request.orderId())) {
            return "the request's OrderID " + request.orderId() + " differs from the event's " + event.orderId();
        }
        return null;
    }

    private Result reject(String topic, String key, String payload, String error) {
        LOG.errorf("rejected an event on %s (key %s): %s", topic, key, error);
        RejectedEvent rejected = new RejectedEvent();
        rejected.topic = topic;
        rejected.eventKey = key;
        rejected.payload = payload == null ? "" : payload;
        rejected.error = error;
        rejected.receivedAt = Instant.now();
        entityManager.persist(rejected);
        return Result.REJECTED;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
