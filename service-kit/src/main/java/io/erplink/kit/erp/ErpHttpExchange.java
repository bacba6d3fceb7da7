package io.erplink.kit.erp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What both ERP transports share (the connector's signed XML POSTs in {@link ErpTransport}, OData's
 * GETs and writes in batch-service): sending a request on the JDK HttpClient, naming every failure as
 * an {@link ErpException} that is either retriable or fatal, as Kafka Connect splits its errors, and
 * timing each call in {@code erplink.erp.requests{endpoint,type,outcome}}.
 *
 * <p>Retriable: no connection, no answer in time, an answer that broke off, 502/503/504 (UNAVAILABLE),
 * 429 (THROTTLED, with its Retry-After). Fatal: another 4xx (REJECTED), another 5xx (FAILED). Where
 * the two protocols differ is their {@link Dialect}.
 */
public final class ErpHttpExchange {
    /** How a protocol's failures read where the connector and OData differ. */
    public enum Dialect {
        /**
         * The connector: a request sent may have been processed without an answer (a CreateOrder), so
         * its outcome is unknown after a lost answer, a 504 or a 5xx; a 429 without Retry-After waits a
         * second; a 408 is the request's fault; a 502/503/504's Retry-After is not read.
         */
        CONNECTOR(true, Duration.ofSeconds(1), false, false),
        /**
         * OData: the caller finds out itself whether a write whose answer was lost happened (the outcome
         * is never reported unknown); a 408 is retriable, and a 408/502/503/504 carries its Retry-After.
         */
        ODATA(false, null, true, true);

        private final boolean outcomeUnknownAfterSending;
        private final Duration throttledWithoutRetryAfter;
        private final boolean requestTimeoutRetriable;
        private final boolean unavailableCarriesRetryAfter;

        Dialect(
                boolean outcomeUnknownAfterSending,
                Duration throttledWithoutRetryAfter,
                boolean requestTimeoutRetriable,
                boolean unavailableCarriesRetryAfter) {
            this.outcomeUnknownAfterSending = outcomeUnknownAfterSending;
            this.throttledWithoutRetryAfter = throttledWithoutRetryAfter;
            this.requestTimeoutRetriable = requestTimeoutRetriable;
            this.unavailableCarriesRetryAfter = unavailableCarriesRetryAfter;
        }

        /** Whether a request that was sent but not answered (or answered 504 or 5xx) may have been processed. */
        public boolean outcomeUnknownAfterSending() {
            return outcomeUnknownAfterSending;
        }
    }

    private final String endpoint;
    private final HttpClient client;
    private final MeterRegistry registry;
    private final Dialect dialect;

    /**
     * @param endpoint       the endpoint's name, for metrics
     * @param connectTimeout how long a connection may take
     */
    public ErpHttpExchange(String endpoint, Duration connectTimeout, MeterRegistry registry, Dialect dialect) {
        this.endpoint = endpoint;
        this.registry = registry;
        this.dialect = dialect;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Sends the request and waits for the answer's headers (giving up on an interrupt); the body is
     * the caller's to read. A connection or wait that fails is UNAVAILABLE.
     *
     * @param type    short name for messages, e.g. {@code GetEcomData.Products}
     * @param peer    who was called, for messages, e.g. {@code the ERP}
     * @param address where, for the message of a connection that failed, e.g. {@code " at " + url}
     */
    public HttpResponse<Flow.Publisher<List<ByteBuffer>>> send(
            String type, HttpRequest request, String peer, String address) {
        boolean unknown = dialect.outcomeUnknownAfterSending;
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofPublisher());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            // never connected: certainly not processed
            throw new ErpException(
                    ErpException.Kind.UNAVAILABLE,
                    0,
                    type + ": cannot connect to " + peer + address + ": " + e,
                    null,
                    false,
                    e);
        } catch (HttpTimeoutException e) {
            throw new ErpException(
                    ErpException.Kind.UNAVAILABLE,
                    0,
                    type + ": no answer from " + peer + " within "
                            + request.timeout().orElse(null),
                    null,
                    unknown,
                    e);
        } catch (IOException e) {
            throw new ErpException(
                    ErpException.Kind.UNAVAILABLE,
                    0,
                    type + ": connection to " + peer + " failed: " + e,
                    null,
                    unknown,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErpException(ErpException.Kind.UNAVAILABLE, 0, type + ": interrupted", null, unknown, e);
        }
    }

    /**
     * A non-2xx answer as a named failure.
     *
     * @param message what the caller read of it (type, status, the ERP's own words)
     */
    public ErpException failure(int status, HttpHeaders headers, String message) {
        boolean unknown = dialect.outcomeUnknownAfterSending;
        Duration retryAfter = headers.firstValue("Retry-After")
                .map(ErpHttpExchange::parseRetryAfter)
                .orElse(null);
        if (status == 429) {
            return new ErpException(
                    ErpException.Kind.THROTTLED,
                    status,
                    message,
                    retryAfter != null ? retryAfter : dialect.throttledWithoutRetryAfter,
                    false,
                    null);
        }
        if (status == 502 || status == 503 || status == 504 || (status == 408 && dialect.requestTimeoutRetriable)) {
            return new ErpException(
                    ErpException.Kind.UNAVAILABLE,
                    status,
                    message,
                    dialect.unavailableCarriesRetryAfter ? retryAfter : null,
                    unknown && status == 504, // a gateway's timeout: the ERP may have done the work
                    null);
        }
        if (status / 100 == 4) {
            return new ErpException(ErpException.Kind.REJECTED, status, message, null, false, null);
        }
        return new ErpException(ErpException.Kind.FAILED, status, message, null, unknown, null);
    }

    /** The answer's body broke off while being read (a reset connection, a closed stream). */
    public ErpException brokenOff(String type, int status, IOException e) {
        return new ErpException(
                ErpException.Kind.UNAVAILABLE,
                status,
                type + ": the answer broke off: " + e.getMessage(),
                null,
                dialect.outcomeUnknownAfterSending,
                e);
    }

    /** Times a finished call in {@code erplink.erp.requests}. */
    public void record(String type, String outcome, long startNanos) {
        Timer.builder("erplink.erp.requests")
                .description("ERP connector calls by endpoint, request type and outcome")
                .tag("endpoint", endpoint)
                .tag("type", type)
                .tag("outcome", outcome)
                .register(registry)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    /** Retry-After in seconds; the HTTP-date form (not used by connectors) waits a second. */
    public static Duration parseRetryAfter(String value) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }
}
