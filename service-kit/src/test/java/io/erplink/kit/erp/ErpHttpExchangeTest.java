package io.erplink.kit.erp;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.erplink.kit.erp.ErpException.Kind;
import io.erplink.kit.erp.ErpHttpExchange.Dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How both transports name a non-2xx answer: kind, status, message, Retry-After, outcome unknown
 * and retriable, for the connector's and OData's dialect.
 */
class ErpHttpExchangeTest {
    private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (name, value) -> true);

    @Test
    void theConnectorWaitsOutA429ForItsRetryAfterOrOneSecond() {
        assertFailure(Dialect.CONNECTOR, 429, retryAfter("7"), Kind.THROTTLED, Duration.ofSeconds(7), false, true);
        assertFailure(Dialect.CONNECTOR, 429, NONE, Kind.THROTTLED, Duration.ofSeconds(1), false, true);
    }

    @Test
    void theConnectorsGatewayFailuresAreRetriableAndOnlyA504MayHaveBeenProcessed() {
        assertFailure(Dialect.CONNECTOR, 502, NONE, Kind.UNAVAILABLE, null, false, true);
        assertFailure(Dialect.CONNECTOR, 503, retryAfter("9"), Kind.UNAVAILABLE, null, false, true);
        assertFailure(Dialect.CONNECTOR, 504, NONE, Kind.UNAVAILABLE, null, true, true);
    }

    @Test
    void theConnectorsOther4xxAreRejectedAndOther5xxFailedWithTheOutcomeUnknown() {
        assertFailure(Dialect.CONNECTOR, 400, NONE, Kind.REJECTED, null, false, false);
        assertFailure(Dialect.CONNECTOR, 408, retryAfter("3"), Kind.REJECTED, null, false, false);
        assertFailure(Dialect.CONNECTOR, 500, NONE, Kind.FAILED, null, true, false);
    }

    @Test
    void odataThrottlesWithTheRetryAfterItSentAndNoneWithoutOne() {
        assertFailure(Dialect.ODATA, 429, retryAfter("7"), Kind.THROTTLED, Duration.ofSeconds(7), false, true);
        assertFailure(Dialect.ODATA, 429, NONE, Kind.THROTTLED, null, false, true);
    }

    @Test
    void odatasRequestTimeoutAndGatewayFailuresAreRetriableWithTheirRetryAfter() {
        assertFailure(Dialect.ODATA, 408, retryAfter("3"), Kind.UNAVAILABLE, Duration.ofSeconds(3), false, true);
        assertFailure(Dialect.ODATA, 502, NONE, Kind.UNAVAILABLE, null, false, true);
        assertFailure(Dialect.ODATA, 503, retryAfter("9"), Kind.UNAVAILABLE, Duration.ofSeconds(9), false, true);
        assertFailure(Dialect.ODATA, 504, NONE, Kind.UNAVAILABLE, null, false, true);
    }

    @Test
    void odatasOther4xxAreRejectedAndOther5xxFailedNeverWithTheOutcomeUnknown() {
        assertFailure(Dialect.ODATA, 412, NONE, Kind.REJECTED, null, false, false);
        assertFailure(Dialect.ODATA, 500, NONE, Kind.FAILED, null, false, false);
    }

    @Test
    void aRetryAfterIsReadInSecondsAndAnHttpDateWaitsOneSecond() {
        assertEquals(Duration.ofSeconds(12), ErpHttpExchange.parseRetryAfter(" 12 "));
        assertEquals(Duration.ZERO, ErpHttpExchange.parseRetryAfter("-4"));
        assertEquals(Duration.ofSeconds(1), ErpHttpExchange.parseRetryAfter("Wed, 21 Oct 2026 07:28:00 GMT"));
    }

    private static HttpHeaders retryAfter(String value) {
        return HttpHeaders.of(Map.of("Retry-After", List.of(value)), (name, v) -> true);
    }

    private static void assertFailure(
            Dialect dialect,
            int status,
            HttpHeaders headers,
            Kind kind,
            Duration retryAfter,
            boolean outcomeUnknown,
            boolean retriable) {
        ErpHttpExchange http = new ErpHttpExchange("test", Duration.ofSeconds(1), new SimpleMeterRegistry(), dialect);
        String message = "Type: HTTP " + status;
        ErpException e = http.failure(status, headers, message);
        assertEquals(
                Arrays.asList(kind, status, message, retryAfter, outcomeUnknown, retriable),
                Arrays.asList(
                        e.kind(),
                        e.status(),
                        e.getMessage(),
                        e.retryAfter().orElse(null),
                        e.outcomeUnknown(),
                        e.retriable()),
                dialect + " " + status);
    }
}
