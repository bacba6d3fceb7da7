package io.erplink.orderqueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

import io.erplink.kit.erp.ErpTransport;
import io.erplink.orderqueue.erp.ErpClient;
import io.erplink.orderqueue.orders.AttemptKind;
import io.erplink.orderqueue.orders.AttemptOutcome;
import io.erplink.orderqueue.orders.OrderStatus;
import io.erplink.orderqueue.orders.QueuedOrder;
import io.erplink.protocol.events.OrderQueued;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.orderqueue.QueueFixtures.clearFaults;
import static io.erplink.orderqueue.QueueFixtures.erpCreateRequests;
import static io.erplink.orderqueue.QueueFixtures.faults;
import static io.erplink.orderqueue.QueueFixtures.orderId;
import static io.erplink.orderqueue.QueueFixtures.publish;
import static io.erplink.orderqueue.QueueFixtures.publishErpUp;
import static io.erplink.orderqueue.QueueFixtures.queued;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
@QuarkusTestResource(ErpSimulatorTestResource.class)
@QuarkusTestResource(OperatorJwtTestResource.class)
class QueuedOrderSyncTest {
    private static final Duration STORED = Duration.ofSeconds(30);
    private static final Duration SYNCED = Duration.ofSeconds(60);

    @Inject
    QueueState state;

    @Inject
    ErpTransport transport;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void erpHealthyAndNoOrderTwiceInTheErp() {
        clearFaults();
        // The simulated ERP is not idempotent: a second create of an OrderID would be a second order.
        assertEquals(0, QueueFixtures.erpDuplicates(), "duplicate ERP orders");
    }

    @Test
    void ordersQueuedDuringAnOutageAreAllInTheErpExactlyOnceAfterItReturns() {
        faults("{\"outage\":true}");
        List<String> ids =
                IntStream.range(0, 25).mapToObj(i -> orderId("outage")).toList();
        ids.forEach(id -> publish(queued(id, "SHOP1", "C" + (id.hashCode() & 7))));
        await().atMost(STORED)
                .until(() -> ids.stream().allMatch(id -> state.order(id).isPresent()));

        Map<String, Integer> duringOutage = erpCreateRequests();
        assertTrue(ids.stream().noneMatch(duringOutage::containsKey), "nothing reached the ERP during the outage");

        clearFaults();
        publishErpUp();
        await().atMost(SYNCED).until(() -> ids.stream().allMatch(id -> state.hasStatus(id, OrderStatus.SYNCED)));

        Map<String, Integer> received = erpCreateRequests();
        for (String id : ids) {
            assertEquals(1, received.getOrDefault(id, 0), "CreateOrder requests the ERP received for " + id);
            QueuedOrder order = state.order(id).orElseThrow();
            assertNotNull(order.erpOrderNumber, "ERP order number recorded for " + id);
        }
        List<String> synced = SyncedEvents.await(ids, SYNCED);
        assertEquals(ids.size(), synced.size(), "one orders.synced SYNCED event per order");
    }

    @Test
    void sendThatTimesOutAfterTheErpCreatedTheOrderIsFoundInTheErpNotSentAgain() {
        faults("{\"dropAfterCreate\":true}");
        List<String> ids =
                IntStream.range(0, 5).mapToObj(i -> orderId("dropped")).toList();
        ids.forEach(id -> publish(queued(id, "SHOP1", "C1")));
        await().atMost(SYNCED)
                .until(() -> ids.stream()
                        .allMatch(id -> state.attempts(id, AttemptKind.CREATE, AttemptOutcome.UNKNOWN) > 0));

        clearFaults();
        await().atMost(SYNCED).until(() -> ids.stream().allMatch(id -> state.hasStatus(id, OrderStatus.SYNCED)));

        Map<String, Integer> received = erpCreateRequests();
        for (String id : ids) {
            assertEquals(1, received.getOrDefault(id, 0), "CreateOrder requests the ERP received for " + id);
            assertEquals(
                    1,
                    state.attempts(id, AttemptKind.LOOKUP, AttemptOutcome.FOUND),
                    "the existing ERP order was looked up and recorded for " + id);
            assertEquals(0, state.attempts(id, AttemptKind.CREATE, AttemptOutcome.CREATED), id);
            assertNotNull(state.order(id).orElseThrow().erpOrderNumber);
        }
    }

    @Test
    void createsAnswered500WhileTheErpCreatesThemKeepTheBreakerClosedAndAreFoundNotSentAgain() {
        breakers.reset(ErpClient.BREAKER); // whatever earlier tests did to it
        faults("{\"dropAfterCreate\":true}"); // every create creates the order, then answers 500
        List<String> ids =
                IntStream.range(0, 30).mapToObj(i -> orderId("answer500")).toList();
        ids.forEach(id -> publish(queued(id, "SHOP1", "C2")));
        // Three times the breaker's request volume, all 500: the ERP is reachable and working, so the
        // breaker stays closed, no create is refused, and the existence checks find every order.
        await().atMost(SYNCED).until(() -> ids.stream().allMatch(id -> state.hasStatus(id, OrderStatus.SYNCED)));

        Map<String, Integer> received = erpCreateRequests();
        for (String id : ids) {
            assertEquals(1, received.getOrDefault(id, 0), "CreateOrder requests the ERP received for " + id);
            assertEquals(1, state.attempts(id, AttemptKind.CREATE, AttemptOutcome.UNKNOWN), id);
            assertEquals(
                    0,
                    state.attempts(id, AttemptKind.CREATE, AttemptOutcome.UNAVAILABLE),
                    "no create of " + id + " refused by an open circuit breaker");
            assertEquals(1, state.attempts(id, AttemptKind.LOOKUP, AttemptOutcome.FOUND), id);
        }
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(ErpClient.BREAKER));
    }

    @Test
    void orderWhoseLiveCreateTimedOutAfterTheErpCreatedItIsFoundBeforeAnyCreate() {
        String id = orderId("live-timeout");
        String xml = QueueFixtures.createOrderXml(id, "C4", true);
        String erpNumber = createWithLostAnswer(xml);

        publish(new OrderQueued(
                UUID.randomUUID().toString(),
                OrderQueued.VERSION,
                id,
                "SHOP1",
                "C4",
                xml,
                "ERP timeout",
                java.time.Instant.now(),
                true));
        publishErpUp();
        await().atMost(SYNCED).until(() -> state.hasStatus(id, OrderStatus.SYNCED));

        assertFoundNotCreatedAgain(id, erpNumber);
    }

    @Test
    void versionOneEventQueuedForATimeoutIsReadAsOutcomeUnknown() {
        String id = orderId("v1-timeout");
        String xml = QueueFixtures.createOrderXml(id, "C4", true);
        String erpNumber = createWithLostAnswer(xml);

        // as live-service wrote it before OrderQueued version 2: no outcomeUnknown field
        Map<String, Object> v1 = new java.util.LinkedHashMap<>();
        v1.put("eventId", UUID.randomUUID().toString());
        v1.put("version", 1);
        v1.put("orderId", id);
        v1.put("shopId", "SHOP1");
        v1.put("customerId", "C4");
        v1.put("calculateOrderXml", xml);
        v1.put("reason", "ERP timeout");
        v1.put("placedAt", java.time.Instant.now().toString());
        QueueFixtures.send(Topics.ORDERS_QUEUED, id, QueueFixtures.json(v1));
        publishErpUp();
        await().atMost(SYNCED).until(() -> state.hasStatus(id, OrderStatus.SYNCED));

        assertFoundNotCreatedAgain(id, erpNumber);
    }

    /**
     * Sends the CreateOrder as live-service does, while the simulated ERP creates the order and then
     * never answers (dropAfterCreate TIMEOUT): the call times out with the outcome unknown.
     *
     * @return the ERP order number the ERP gave the order
     */
    private String createWithLostAnswer(String xml) {
        faults("{\"dropAfterCreate\":true,\"dropMode\":\"TIMEOUT\",\"dropTimeoutMs\":3000}");
        try {
            io.erplink.kit.erp.ErpException lost = org.junit.jupiter.api.Assertions.assertThrows(
                    io.erplink.kit.erp.ErpException.class,
                    () -> transport.exchange("CalculateOrder.create", xml, Duration.ofMillis(500), body -> null));
            assertTrue(lost.outcomeUnknown(), lost.getMessage());
        } finally {
            clearFaults();
        }
        String id = io.erplink.protocol.requests.CalculateOrder.parse(
                        new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .orderId();
        List<String> numbers = QueueFixtures.erpOrderNumbers().get(id);
        assertEquals(1, numbers.size(), "the ERP created the order once: " + numbers);
        return numbers.get(0);
    }

    private void assertFoundNotCreatedAgain(String id, String erpNumber) {
        assertEquals(List.of(erpNumber), QueueFixtures.erpOrderNumbers().get(id), "ERP orders of " + id);
        assertEquals(1, erpCreateRequests().get(id), "CreateOrder requests the ERP received for " + id);
        assertEquals(1, state.attempts(id, AttemptKind.LOOKUP, AttemptOutcome.FOUND), "looked up first");
        assertEquals(
                0,
                state.attempts(id).stream()
                        .filter(a -> a.kind == AttemptKind.CREATE)
                        .count(),
                "never sent by the queue");
        assertEquals(erpNumber, state.order(id).orElseThrow().erpOrderNumber);
    }

    @Test
    void redeliveredOrderQueuedChangesNothing() throws Exception {
        String id = orderId("redelivered");
        OrderQueued event = queued(id, "SHOP1", "C2");
        publish(event);
        await().atMost(SYNCED).until(() -> state.hasStatus(id, OrderStatus.SYNCED));
        QueuedOrder before = state.order(id).orElseThrow();
        int attemptsBefore = state.attempts(id).size();

        publish(event);
        OrderQueued sameOrderNewEvent = new OrderQueued(
                UUID.randomUUID().toString(),
                OrderQueued.VERSION,
                id,
                "SHOP1",
                "C2",
                event.calculateOrderXml(),
                "queued twice by the shop",
                event.placedAt(),
                false);
        publish(sameOrderNewEvent);
        await().atMost(STORED).until(() -> processed(sameOrderNewEvent.eventId()));

        QueuedOrder after = state.order(id).orElseThrow();
        assertEquals(1, state.count(id), "one row per shop OrderID");
        assertEquals(OrderStatus.SYNCED, after.status);
        assertEquals(before.erpOrderNumber, after.erpOrderNumber);
        assertEquals(before.sourceEventId, after.sourceEventId);
        assertEquals(attemptsBefore, state.attempts(id).size(), "no further attempt");
        assertEquals(1, erpCreateRequests().getOrDefault(id, 0));
    }

    @Test
    void orderOfAReplicaKilledAfterItsCreateReachedTheErpIsRecordedFromTheErp() throws Exception {
        faults("{\"outage\":true}");
        String id = orderId("killed-after-send");
        OrderQueued event = queued(id, "SHOP1", "C3");
        publish(event);
        await().atMost(STORED).until(() -> state.takeOverAsDeadReplica(id, 4));

        // The dead replica's CreateOrder reached the ERP before it died.
        clearFaults();
        transport.exchange("CalculateOrder", event.calculateOrderXml(), null, body -> body.readAllBytes());

        await().atMost(SYNCED).until(() -> state.hasStatus(id, OrderStatus.SYNCED));
        assertEquals(1, state.attempts(id, AttemptKind.LEASE, AttemptOutcome.LEASE_EXPIRED));
        assertEquals(1, state.attempts(id, AttemptKind.LOOKUP, AttemptOutcome.FOUND));
        assertEquals(0, state.attempts(id, AttemptKind.CREATE, AttemptOutcome.CREATED), "not created a second time");
        assertEquals(1, erpCreateRequests().getOrDefault(id, 0));
        assertNotNull(state.order(id).orElseThrow().erpOrderNumber);
    }

    @Test
    void orderOfAReplicaKilledBeforeTheErpGotItIsSentOnceAfterTheLeaseExpires() {
        faults("{\"outage\":true}");
        String id = orderId("killed-before-send");
        publish(queued(id, "SHOP1", "C4"));
        await().atMost(STORED).until(() -> state.takeOverAsDeadReplica(id, 2));
        clearFaults();

        await().atMost(SYNCED).until(() -> state.hasStatus(id, OrderStatus.SYNCED));
        assertEquals(1, state.attempts(id, AttemptKind.LEASE, AttemptOutcome.LEASE_EXPIRED));
        assertEquals(1, state.attempts(id, AttemptKind.LOOKUP, AttemptOutcome.NOT_FOUND));
        assertEquals(1, state.attempts(id, AttemptKind.CREATE, AttemptOutcome.CREATED));
        assertEquals(1, erpCreateRequests().getOrDefault(id, 0));
    }

    @Test
    void orderWhoseRequestWouldNotCreateItIsParkedOnArrival() {
        String id = orderId("not-create");
        OrderQueued event = new OrderQueued(
                UUID.randomUUID().toString(),
                OrderQueued.VERSION,
                id,
                "SHOP1",
                "C5",
                QueueFixtures.createOrderXml(id, "C5", false),
                "cart",
                java.time.Instant.now(),
                false);
        publish(event);
        await().atMost(STORED).until(() -> state.order(id).isPresent());
        QueuedOrder order = state.order(id).orElseThrow();
        assertEquals(OrderStatus.PARKED, order.status);
        assertTrue(order.lastError.contains("CreateOrder=False"), order.lastError);
        assertFalse(erpCreateRequests().containsKey(id));
    }

    @Test
    void unreadableEventIsKeptForTheOperatorAndTheConsumerGoesOn() throws Exception {
        String marker = "garbage-" + UUID.randomUUID();
        QueueFixtures.send(Topics.ORDERS_QUEUED, marker, "{not json " + marker);
        String id = orderId("after-garbage");
        publish(queued(id, "SHOP1", "C6"));
        await().atMost(STORED).until(() -> state.order(id).isPresent());
        assertTrue(rejected(marker), "the unreadable event is kept in rejected_event");
    }

    private boolean processed(String eventId) throws Exception {
        return exists("select 1 from orderqueue.processed_event where event_id = ?", eventId);
    }

    private boolean rejected(String key) throws Exception {
        return exists("select 1 from orderqueue.rejected_event where event_key = ?", key);
    }

    private boolean exists(String sql, String value) throws Exception {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(sql)) {
            statement.setString(1, value);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    static final class SyncedEvents {
        /** Order ids with a SYNCED event on orders.synced, waiting until all arrived or the time is up. */
        static List<String> await(List<String> ids, Duration within) {
            List<String> seen = new ArrayList<>();
            var properties = new java.util.Properties();
            properties.put(
                    "bootstrap.servers",
                    org.eclipse.microprofile.config.ConfigProvider.getConfig()
                            .getValue("kafka.bootstrap.servers", String.class));
            properties.put("group.id", "test-" + UUID.randomUUID());
            properties.put("auto.offset.reset", "earliest");
            try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(
                    properties,
                    new org.apache.kafka.common.serialization.StringDeserializer(),
                    new org.apache.kafka.common.serialization.StringDeserializer())) {
                consumer.subscribe(List.of(Topics.ORDERS_SYNCED));
                long end = System.nanoTime() + within.toNanos();
                while (seen.size() < ids.size() && System.nanoTime() < end) {
                    for (var record : consumer.poll(Duration.ofMillis(500))) {
                        if (ids.contains(record.key())
                                && record.value().contains("\"SYNCED\"")
                                && !seen.contains(record.key())) {
                            seen.add(record.key());
                        }
                    }
                }
            }
            return seen;
        }
    }
}
