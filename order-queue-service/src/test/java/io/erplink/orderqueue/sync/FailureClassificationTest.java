package io.erplink.orderqueue.sync;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import io.erplink.kit.erp.ErpException;
import io.erplink.orderqueue.orders.AttemptKind;
import io.erplink.orderqueue.orders.AttemptOutcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailureClassificationTest {

    private static AttemptResult classify(RuntimeException e) {
        return OrderSender.failure(AttemptKind.CREATE, Instant.now(), "<CalculateOrder/>", e);
    }

    @Test
    void timeoutAfterSendingMeansTheErpMayHaveCreatedTheOrder() {
        AttemptResult result =
                classify(new ErpException(ErpException.Kind.UNAVAILABLE, 0, "no answer", null, true, null));
        assertEquals(AttemptOutcome.UNKNOWN, result.outcome());
        assertTrue(result.outcomeUnknown());
        assertTrue(result.counted());
        assertTrue(classify(new TimeoutException("hard timeout")).outcomeUnknown());
        assertTrue(classify(new ErpException(ErpException.Kind.FAILED, 500, "boom", null, true, null))
                .outcomeUnknown());
    }

    @Test
    void unreachableErpIsNeitherUnknownNorCountedAsAFailure() {
        for (RuntimeException e : new RuntimeException[] {
            new ErpException(ErpException.Kind.UNAVAILABLE, 0, "connection refused", null, false, null),
            new ErpException(ErpException.Kind.UNAVAILABLE, 503, "outage", null, false, null),
            new CircuitBreakerOpenException("open")
        }) {
            AttemptResult result = classify(e);
            assertEquals(AttemptOutcome.UNAVAILABLE, result.outcome(), e.getMessage());
            assertFalse(result.outcomeUnknown());
            assertFalse(result.counted());
        }
    }

    @Test
    void throttlingCarriesTheErpsRetryAfter() {
        AttemptResult result = classify(
                new ErpException(ErpException.Kind.THROTTLED, 429, "slow down", Duration.ofSeconds(3), false, null));
        assertEquals(AttemptOutcome.THROTTLED, result.outcome());
        assertEquals(Duration.ofSeconds(3), result.retryAfter());
        assertFalse(result.counted());
    }

    @Test
    void rejectedRequestCountsButIsKnownNotCreated() {
        AttemptResult result =
                classify(new ErpException(ErpException.Kind.REJECTED, 400, "bad xml", null, false, null));
        assertEquals(AttemptOutcome.REJECTED, result.outcome());
        assertTrue(result.counted());
        assertFalse(result.outcomeUnknown());
    }
}
