package io.erplink.orderqueue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.erplink.orderqueue.orders.AttemptKind;
import io.erplink.orderqueue.orders.AttemptOutcome;
import io.erplink.orderqueue.orders.OrderAttempt;
import io.erplink.orderqueue.orders.OrderStatus;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.orderqueue.QueueFixtures.clearFaults;
import static io.erplink.orderqueue.QueueFixtures.erpCreateRequests;
import static io.erplink.orderqueue.QueueFixtures.faults;
import static io.erplink.orderqueue.QueueFixtures.orderId;
import static io.erplink.orderqueue.QueueFixtures.publish;
import static io.erplink.orderqueue.QueueFixtures.queued;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code erplink.orderqueue.erp.create-ceiling-millis} is the hard ceiling of a CreateOrder call. */
@QuarkusTest
@TestProfile(OperatorSettingsProfile.class)
@QuarkusTestResource(PostgresKafkaTestResource.class)
@QuarkusTestResource(ErpSimulatorTestResource.class)
@QuarkusTestResource(OperatorJwtTestResource.class)
class ErpCallCeilingTest {
    private static final long STALL_MILLIS = 8000;
    /** Slack over the ceiling for recording the attempt on a loaded machine; far below the stall. */
    private static final long SLACK_MILLIS = 2000;

    @Inject
    QueueState state;

    @AfterEach
    void erpHealthy() {
        clearFaults();
    }

    @Test
    void stalledAnswerFailsAtTheConfiguredCeilingAndTheOrderIsFoundNotSentAgain() {
        // The answer starts in time (create-timeout is met) and then stalls for 8 s: with the default
        // 20 s ceiling the call would end in a created order; the profile's 1.5 s ceiling fails it.
        faults("{\"stallMs\":" + STALL_MILLIS + "}");
        String id = orderId("stalled");
        publish(queued(id, "SHOP1", "C12"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> state.attempts(id, AttemptKind.CREATE, AttemptOutcome.UNKNOWN) > 0);
        OrderAttempt cut = state.attempts(id).stream()
                .filter(a -> a.kind == AttemptKind.CREATE && a.outcome == AttemptOutcome.UNKNOWN)
                .findFirst()
                .orElseThrow();
        assertTrue(cut.error.startsWith("TimeoutException"), cut.error);
        // The ceiling ends the call itself: the transport gives up the stalled body read when the
        // ceiling interrupts it (before, the sender thread waited for the stall to end: 9.2 s).
        long tookMillis = Duration.between(cut.startedAt, cut.finishedAt).toMillis();
        assertTrue(
                tookMillis < OperatorSettingsProfile.CREATE_CEILING_MILLIS + SLACK_MILLIS,
                "the call ended after " + tookMillis + " ms, ceiling " + OperatorSettingsProfile.CREATE_CEILING_MILLIS
                        + " ms, stall " + STALL_MILLIS + " ms");
        assertEquals(0, state.attempts(id, AttemptKind.CREATE, AttemptOutcome.CREATED));

        clearFaults();
        await().atMost(Duration.ofSeconds(60)).until(() -> state.hasStatus(id, OrderStatus.SYNCED));
        assertEquals(1, erpCreateRequests().getOrDefault(id, 0), "CreateOrder requests the ERP received");
        assertEquals(1, state.attempts(id, AttemptKind.LOOKUP, AttemptOutcome.FOUND));
    }
}
