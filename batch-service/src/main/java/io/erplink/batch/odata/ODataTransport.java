package io.erplink.batch.odata;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;

import io.erplink.kit.erp.BodyStream;
import io.erplink.kit.erp.ErpBudget;
import io.erplink.kit.erp.ErpCallTrace;
import io.erplink.kit.erp.ErpException;
import io.erplink.kit.erp.ErpHttpExchange;
import io.erplink.kit.tracing.TraceContext;

/**
 * GET requests to one OData v4 endpoint: authentication, {@code Prefer: odata.maxpagesize}, and the
 * classification of every failure as an {@link ErpException} whose message names the HTTP status and
 * the service's error code and message. The body of a 2xx JSON answer is handed to the caller as a
 * stream (never held in memory). What is never taken as data: a non-2xx answer, a 2xx answer that is not
 * JSON (an HTML error page from a proxy), an error object, a body cut off before its end.
 *
 * <p>Retriable ({@link ErpException#retriable()}): 429 (THROTTLED, with its Retry-After), 408, 502, 503
 * and 504 (UNAVAILABLE, with a Retry-After when sent), connections that fail or break off, and
 * truncated pages. A 401 drops the cached OAuth token and is sent once more with a fresh one. Other 4xx
 * are REJECTED, other 5xx FAILED, malformed bodies MALFORMED_RESPONSE: none retried.
 *
 * <p>Calls are timed in {@code erplink_erp_requests_seconds{endpoint,type,outcome}} like the connector
 * calls ({@code outcome} = ok, the HTTP status, malformed, truncated, ...).
 */
public class ODataTransport {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int ERROR_BODY_BYTES = 8192;

    private final String endpoint;
    private final ODataAuth auth;
    private final ErpHttpExchange http;
    private final Tracer tracer = TraceContext.tracer();
    private final ErpBudget budget;

    /** @param budget the endpoint's call budget: every request sent takes a permit of it */
    public ODataTransport(
            String endpoint, ODataAuth auth, Duration connectTimeout, MeterRegistry registry, ErpBudget budget) {
        this.endpoint = endpoint;
        this.budget = budget;
        this.auth = auth;
        this.http = new ErpHttpExchange(endpoint, connectTimeout, registry, ErpHttpExchange.Dialect.ODATA);
    }

    /** Reads a 2xx body. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /**
     * Sends a GET and reads the answer.
     *
     * @param type        short name for metrics and messages, e.g. {@code OData.DynamicwebItemCard}
     * @param accept      {@code application/json} for pages, {@code application/xml} for {@code $metadata}
     * @param maxPageSize rows per page asked for ({@code Prefer: odata.maxpagesize}), 0 for none
     * @param timeout     time allowed until the headers arrive, and for each pause in the body
     */
    public <T> T get(String type, URI url, String accept, int maxPageSize, Duration timeout, BodyReader<T> reader) {
        return exchange(type, trace -> request(trace, url, accept, maxPageSize, timeout), accept, timeout, reader);
    }

    /**
     * Sends a POST or PATCH with a JSON body (a PATCH with {@code If-Match}) and reads the JSON answer,
     * classified as {@link #get} classifies: 409 and 412 come out REJECTED with their status (the record
     * changed since it was read). Never repeated here: whether a write whose answer was lost happened is
     * for the caller to find out.
     */
    public <T> T write(
            String type, String method, URI url, byte[] json, String ifMatch, Duration timeout, BodyReader<T> reader) {
        return exchange(
                type,
                trace -> {
                    HttpRequest.Builder request = trace.propagate(HttpRequest.newBuilder(url))
                            .timeout(timeout)
                            .header("Accept", "application/json")
                            .header("Content-Type", "application/json")
                            .header("OData-MaxVersion", "4.0")
                            .method(method, HttpRequest.BodyPublishers.ofByteArray(json));
                    if (ifMatch != null) {
                        request.header("If-Match", ifMatch);
                    }
                    auth.authorization().ifPresent(value -> request.header("Authorization", value));
                    return request.build();
                },
                "application/json",
                timeout,
                reader);
    }

    private <T> T exchange(
            String type,
            Function<ErpCallTrace, HttpRequest> request,
            String accept,
            Duration timeout,
            BodyReader<T> reader) {
        long start = System.nanoTime();
        String[] outcome = {"error"};
        ErpCallTrace trace = ErpCallTrace.start(tracer, endpoint, type);
        try {
            // The endpoint's call budget: a permit per request sent, held until its body has been read;
            // the request is built per attempt, so a retry after a 401 carries the fresh token.
            Sent<T> sent = budget.call(() -> send(type, request.apply(trace), accept, timeout, reader, true, outcome));
            if (sent.unauthorized()) { // an expired or revoked token: once more with a fresh one
                sent = budget.call(() -> send(type, request.apply(trace), accept, timeout, reader, false, outcome));
            }
            return sent.result();
        } finally {
            trace.end(outcome[0]);
            http.record(type, outcome[0], start);
        }
    }

    /** One request's result, or the 401 that asks for a fresh token. */
    private record Sent<T>(T result, boolean unauthorized) {}

    private <T> Sent<T> send(
            String type,
            HttpRequest request,
            String accept,
            Duration timeout,
            BodyReader<T> reader,
            boolean mayRenewToken,
            String[] outcome) {
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = http.send(
                type,
                request,
                "OData endpoint " + endpoint,
                " (" + request.uri().getHost() + ")");
        try (InputStream in = BodyStream.of(response.body(), timeout)) {
            int status = response.statusCode();
            if (status == 401 && mayRenewToken && auth != ODataAuth.NONE) {
                auth.rejected();
                return new Sent<>(null, true);
            }
            if (status / 100 != 2) {
                outcome[0] = Integer.toString(status);
                throw failure(type, status, response, in);
            }
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (!contentType.toLowerCase(Locale.ROOT).contains(accept.substring(accept.indexOf('/') + 1))) {
                outcome[0] = "malformed";
                throw new ErpException(
                        ErpException.Kind.MALFORMED_RESPONSE,
                        status,
                        type + ": HTTP " + status + " with a "
                                + (contentType.isEmpty() ? "typeless" : contentType) + " body, not " + accept
                                + ": " + snippet(in),
                        null,
                        false,
                        null);
            }
            T result = reader.read(in);
            outcome[0] = "ok";
            return new Sent<>(result, false);
        } catch (ODataFormatException.Truncated e) {
            outcome[0] = "truncated";
            throw new ErpException(
                    ErpException.Kind.UNAVAILABLE, response.statusCode(), type + ": " + e.getMessage(), null, false, e);
        } catch (ODataFormatException e) {
            outcome[0] = "malformed";
            throw new ErpException(
                    ErpException.Kind.MALFORMED_RESPONSE,
                    response.statusCode(),
                    type + ": HTTP " + response.statusCode() + " but " + e.getMessage(),
                    null,
                    false,
                    e);
        } catch (HttpTimeoutException | InterruptedIOException e) {
            outcome[0] = "stalled";
            throw new ErpException(
                    ErpException.Kind.UNAVAILABLE,
                    response.statusCode(),
                    type + ": the answer stalled: " + e.getMessage(),
                    null,
                    false,
                    e);
        } catch (IOException e) {
            outcome[0] = "interrupted";
            throw http.brokenOff(type, response.statusCode(), e);
        }
    }

    private HttpRequest request(ErpCallTrace trace, URI url, String accept, int maxPageSize, Duration timeout) {
        HttpRequest.Builder request = trace.propagate(HttpRequest.newBuilder(url))
                .timeout(timeout)
                .header("Accept", accept)
                .header("OData-MaxVersion", "4.0")
                // BC reads from a read-only replica where it has one: imports never need the primary
                .header("Data-Access-Intent", "ReadOnly")
                .GET();
        if (maxPageSize > 0) {
            request.header("Prefer", "odata.maxpagesize=" + maxPageSize);
        }
        auth.authorization().ifPresent(value -> request.header("Authorization", value));
        return request.build();
    }

    /** A non-2xx answer as a named failure: status, the service's error code and message. */
    private ErpException failure(String type, int status, HttpResponse<?> response, InputStream in) {
        String detail =
                errorDetail(response.headers().firstValue("Content-Type").orElse(""), in);
        return http.failure(
                status, response.headers(), type + ": HTTP " + status + (detail.isEmpty() ? "" : " " + detail));
    }

    /** {@code code: message} from an OData error body, else the first bytes of the body as text. */
    static String errorDetail(String contentType, InputStream in) {
        byte[] head;
        try {
            head = in.readNBytes(ERROR_BODY_BYTES);
        } catch (IOException e) {
            return "";
        }
        if (contentType.toLowerCase(Locale.ROOT).contains("json")) {
            try (JsonParser p = JSON.createParser(head)) {
                if (p.nextToken() == JsonToken.START_OBJECT) {
                    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                        String name = p.currentName();
                        JsonToken value = p.nextToken();
                        if (name.equals("error")) {
                            ODataServiceError error = ODataServiceError.of(p, value);
                            return Optional.ofNullable(error.code()).orElse("(no code)") + ": "
                                    + Optional.ofNullable(error.detail()).orElse("(no message)");
                        }
                        p.skipChildren();
                    }
                }
            } catch (IOException e) {
                // not the error object it claims to be: show the text
            }
        }
        String text =
                new String(head, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        return "(" + (contentType.isEmpty() ? "no content type" : contentType) + "): "
                + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
    }

    private static String snippet(InputStream in) {
        try {
            String text = new String(in.readNBytes(300), StandardCharsets.UTF_8)
                    .replaceAll("\\s+", " ")
                    .trim();
            return text;
        } catch (IOException e) {
            return "";
        }
    }
}
