package io.erplink.kit.erp;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;

import io.erplink.kit.tracing.TraceContext;
import io.erplink.protocol.ProtocolException;
import io.erplink.protocol.signing.RequestSigner;

/**
 * The low-level ERP connector call: signs the XML body, POSTs it, classifies failures as
 * {@link ErpException}s and hands the response body to the caller as a stream (batch pages are
 * never held in memory). It has no fault-tolerance policy of its own: each service wraps it in one
 * public client bean that owns timeout, circuit breaker, retry and bulkhead for its use.
 *
 * <p>The JDK's HttpClient is used rather than a Quarkus REST client because it streams the body as
 * it arrives, which the batch imports need. Every call ends: the call's timeout bounds the wait for
 * the answer's start and each wait for more of its body, and both waits give up when the calling
 * thread is interrupted, which is how the callers' {@code @Timeout} ceilings stop a call (see
 * {@link BodyStream}).
 */
@ApplicationScoped
public class ErpTransport {
    /** The endpoint tag of the transport for {@code erplink.erp.url}. */
    public static final String DEFAULT_ENDPOINT = "default";

    private final String endpoint;
    private final ErpConfig config;
    private final RequestSigner signer;
    private final ErpHttpExchange http;
    private final Clock clock = Clock.systemUTC();
    private final URI url;
    private final Tracer tracer = TraceContext.tracer();
    private final ErpBudget budget;

    @Inject
    ErpTransport(ErpConfig config, MeterRegistry registry, ErpBudgets budgets) {
        this(config, registry, budgets.of(DEFAULT_ENDPOINT));
    }

    /** The transport of {@code erplink.erp.url} under the given call budget. */
    ErpTransport(ErpConfig config, MeterRegistry registry, ErpBudget budget) {
        this(
                DEFAULT_ENDPOINT,
                config.url()
                        .orElseThrow(() -> new IllegalStateException(
                                "erplink.erp.url (ERPLINK_ERP_URL) is not set: where is the ERP connector?")),
                new RequestSigner(config.secret()
                        .orElseThrow(
                                () -> new IllegalStateException(
                                        "erplink.erp.secret (ERPLINK_ERP_SECRET) is not set: the shared secret for request signing"))
                        .getBytes(StandardCharsets.UTF_8)),
                config,
                registry,
                budget);
    }

    private ErpTransport(
            String endpoint,
            URI url,
            RequestSigner signer,
            ErpConfig config,
            MeterRegistry registry,
            ErpBudget budget) {
        this.endpoint = endpoint;
        this.budget = budget;
        this.config = config;
        this.url = url;
        this.signer = signer;
        this.http = new ErpHttpExchange(endpoint, config.connectTimeout(), registry, ErpHttpExchange.Dialect.CONNECTOR);
    }

    /**
     * A transport to another connector than {@code erplink.erp.url} (e.g. a second ERP company), with
     * its own URL and signing secret; connect timeout, default request timeout and request size limit
     * come from {@code erplink.erp.*}. Its calls are tagged {@code endpoint=<name>} in the metrics.
     *
     * @param endpoint the endpoint's name, for metrics
     * @param secret   the signing secret (at least {@value RequestSigner#MIN_SECRET_BYTES} bytes); never logged
     * @param budget   the endpoint's call budget ({@link ErpBudgets#of})
     * @throws IllegalArgumentException when the secret is too short (the message does not contain it)
     */
    public static ErpTransport forEndpoint(
            String endpoint, URI url, String secret, ErpConfig config, MeterRegistry registry, ErpBudget budget) {
        return new ErpTransport(
                endpoint, url, new RequestSigner(secret.getBytes(StandardCharsets.UTF_8)), config, registry, budget);
    }

    /** Reads a response body; the stream is closed by the transport afterwards. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /**
     * Sends one request and reads the answer.
     *
     * @param requestType short name for metrics and messages, e.g. {@code GetEcomData.Products}
     * @param xml         the request document
     * @param timeout     time allowed until the response headers arrive, and for each wait for more of the
     *                    body; null for the configured default
     * @param reader      consumes the body of a 2xx answer; its reads fail (outcome unknown) when the body
     *                    stalls for {@code timeout} or the calling thread is interrupted
     */
    public <T> T exchange(String requestType, String xml, Duration timeout, BodyReader<T> reader) {
        // The endpoint's call budget: a permit from before the request until the body has been read.
        return budget.call(() -> exchangeNow(requestType, xml, timeout, reader));
    }

    private <T> T exchangeNow(String requestType, String xml, Duration timeout, BodyReader<T> reader) {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        if (body.length > config.maxRequestSize().asLongValue()) {
            throw new ErpException(
                    ErpException.Kind.REJECTED,
                    0,
                    requestType + ": request of " + body.length + " bytes exceeds erplink.erp.max-request-size",
                    null,
                    false,
                    null);
        }
        RequestSigner.Signature signature = signer.signNow(body, clock);
        Duration wait = timeout == null ? config.requestTimeout() : timeout;
        ErpCallTrace trace = ErpCallTrace.start(tracer, endpoint, requestType);
        HttpRequest request = trace.propagate(HttpRequest.newBuilder(url))
                .timeout(wait)
                .header("Content-Type", "application/xml; charset=utf-8")
                .header(RequestSigner.TIMESTAMP_HEADER, Long.toString(signature.timestamp()))
                .header(RequestSigner.NONCE_HEADER, signature.nonce())
                .header(RequestSigner.SIGNATURE_HEADER, signature.value())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long start = System.nanoTime();
        String outcome = "error";
        try {
            // send() gives up the wait for the headers on an interrupt (it cancels the exchange).
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response =
                    http.send(requestType, request, "the ERP", " at " + url);
            try (InputStream in = BodyStream.of(response.body(), wait)) {
                int status = response.statusCode();
                if (status / 100 != 2) {
                    outcome = Integer.toString(status);
                    throw failure(requestType, status, in, response);
                }
                T result = reader.read(in);
                outcome = "ok";
                return result;
            } catch (ProtocolException e) {
                outcome = "malformed";
                throw new ErpException(
                        ErpException.Kind.MALFORMED_RESPONSE,
                        response.statusCode(),
                        requestType + ": the ERP answered with a malformed document: " + e.getMessage(),
                        null,
                        false,
                        e);
            } catch (HttpTimeoutException e) {
                outcome = "stalled";
                throw new ErpException(
                        ErpException.Kind.UNAVAILABLE,
                        response.statusCode(),
                        requestType + ": " + e.getMessage(),
                        null,
                        true,
                        e);
            } catch (InterruptedIOException e) {
                outcome = "cut";
                throw new ErpException(
                        ErpException.Kind.UNAVAILABLE,
                        response.statusCode(),
                        requestType + ": the answer was cut at the call's time limit: " + e.getMessage(),
                        null,
                        true,
                        e);
            } catch (IOException e) {
                outcome = "interrupted";
                throw http.brokenOff(requestType, response.statusCode(), e);
            }
        } finally {
            trace.end(outcome);
            http.record(requestType, outcome, start);
        }
    }

    private ErpException failure(String requestType, int status, InputStream in, HttpResponse<?> response) {
        String detail = snippet(in);
        return http.failure(
                status,
                response.headers(),
                requestType + ": the ERP answered HTTP " + status + (detail.isEmpty() ? "" : ": " + detail));
    }

    /** The first bytes of an error body, for the message; never the whole body. */
    private static String snippet(InputStream in) {
        try {
            byte[] head = in.readNBytes(512);
            return new String(head, StandardCharsets.UTF_8)
                    .replaceAll("\\s+", " ")
                    .trim();
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }
}
