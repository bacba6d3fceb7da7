package io.erplink.simulator.connector;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.logging.Logger;

import io.vertx.core.http.HttpServerRequest;

import io.erplink.protocol.ProtocolException;
import io.erplink.protocol.requests.CalculateOrder;
import io.erplink.protocol.requests.CalculateOrderResult;
import io.erplink.protocol.requests.ConnectorRequest;
import io.erplink.protocol.requests.GetDocumentPdf;
import io.erplink.protocol.requests.GetEcomData;
import io.erplink.protocol.requests.TableRequest;
import io.erplink.protocol.signing.ReplayGuard;
import io.erplink.protocol.signing.RequestSigner;
import io.erplink.protocol.signing.SignatureException;
import io.erplink.protocol.tables.TableRow;
import io.erplink.protocol.tables.TablesHeader;
import io.erplink.protocol.tables.TablesWriter;
import io.erplink.simulator.RequestRejected;
import io.erplink.simulator.config.SimulatorConfig;
import io.erplink.simulator.faults.Disruptions;
import io.erplink.simulator.faults.FaultInjector;
import io.erplink.simulator.faults.Faults;
import io.erplink.simulator.fixtures.FixtureStore;
import io.erplink.simulator.orders.OrderBook;
import io.erplink.simulator.orders.OrderCalculator;
import io.erplink.simulator.stats.RequestStats;

/**
 * The connector endpoint: one signed XML request per POST, one {@code <tables>} document back,
 * streamed. Order of checks: outage fault, body size (413), signature and replay (401), parsing (400), then the
 * injected latency, throttling (429) and errors (500), then the answer from fixtures or generated data.
 * Errors are plain text with the reason.
 */
@Path("/connector")
public class ConnectorResource {
    private static final Logger LOG = Logger.getLogger(ConnectorResource.class);
    private static final String XML = "application/xml; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String UNPARSED = "unparsed";

    @Inject
    SimulatorConfig config;

    @Inject
    RequestSigner signer;

    @Inject
    ReplayGuard replays;

    @Inject
    Clock clock;

    @Inject
    EcomDataResponder responder;

    @Inject
    OrderCalculator calculator;

    @Inject
    OrderBook orders;

    @Inject
    FaultInjector<Faults> faults;

    @Inject
    RequestStats stats;

    @Inject
    Optional<FixtureStore> fixtures;

    @Inject
    Optional<PageCache> pageCache;

    @POST
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @Produces({MediaType.APPLICATION_XML, MediaType.TEXT_PLAIN})
    @Operation(
            summary = "Answer one connector request (GetEcomData, CalculateOrder, GetDocumentPdf)",
            description = "Signed with X-Erplink-Timestamp, X-Erplink-Nonce and X-Erplink-Signature (v2=hex"
                    + " HMAC-SHA256 of timestamp + '.' + nonce + '.' + body); each nonce is accepted once."
                    + " Answers a <tables> document; errors are text/plain.")
    @RequestBody(description = "The XML request")
    public Response connector(
            InputStream body,
            @HeaderParam(RequestSigner.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(RequestSigner.NONCE_HEADER) String nonce,
            @HeaderParam(RequestSigner.SIGNATURE_HEADER) String signature,
            @HeaderParam("Content-Length") Long contentLength,
            @Context HttpServerRequest http) {
        stats.enter();
        try {
            return answer(body, timestamp, nonce, signature, contentLength, http);
        } finally {
            stats.leave();
        }
    }

    private Response answer(
            InputStream body,
            String timestamp,
            String nonce,
            String signature,
            Long contentLength,
            HttpServerRequest http) {
        Faults active = faults.current();
        if (active.outage()) {
            if (active.outageMode() == Faults.OutageMode.REFUSE) {
                stats.record(UNPARSED, 0);
                Disruptions.closeConnection(http);
                return Response.status(503).build();
            }
            return error(UNPARSED, 503, "ERP connector unavailable (outage)");
        }
        byte[] bytes;
        try {
            bytes = readBounded(body, contentLength);
        } catch (RequestRejected e) {
            return error(UNPARSED, e.status(), e.getMessage());
        } catch (IOException e) {
            return error(UNPARSED, 400, "cannot read the request body: " + e.getMessage());
        }
        try {
            long signedAt = signer.verify(timestamp, nonce, signature, bytes, clock, config.maxSkew());
            replays.firstUse(nonce, signedAt);
        } catch (SignatureException e) {
            return error(UNPARSED, 401, "signature rejected (" + e.reason() + "): " + e.getMessage());
        }
        ConnectorRequest request;
        try {
            request = ConnectorRequest.parse(new ByteArrayInputStream(bytes));
        } catch (ProtocolException e) {
            return error(UNPARSED, 400, "bad request: " + e.getMessage());
        }
        String type = request.describe();

        Disruptions.sleep(faults.latency());
        if (active.throttle429() != null && faults.roll(active.throttle429().rate())) {
            stats.record(type, 429);
            return Response.status(429)
                    .type(TEXT)
                    .header("Retry-After", active.throttle429().retryAfterSeconds())
                    .entity("too many requests (throttled)")
                    .build();
        }
        if (faults.roll(active.errorRate())) {
            return error(type, 500, "internal ERP error (injected)");
        }

        try {
            if (fixtures.isPresent()) {
                return fixture(fixtures.get(), request, type, active);
            }
            Reply reply;
            if (request instanceof GetEcomData data) {
                reply = responder.respond(data);
                java.nio.file.Path cached = cachedAnswer(data, reply, active);
                if (cached != null) {
                    stats.record(type, 200);
                    return Response.ok(cached).type(XML).build();
                }
            } else if (request instanceof CalculateOrder order) {
                reply = calculate(order, active, http);
            } else {
                reply = responder.documentPdf((GetDocumentPdf) request);
            }
            if (reply == null) { // dropped after create
                return Response.status(500)
                        .type(TEXT)
                        .entity("internal ERP error while answering")
                        .build();
            }
            stats.record(type, 200);
            return Response.ok(stream(reply, active.stallMs())).type(XML).build();
        } catch (RequestRejected e) {
            return error(type, e.status(), e.getMessage());
        } catch (OrderCalculator.OrderRejected e) {
            return error(type, 400, "order rejected: " + e.getMessage());
        } catch (FixtureStore.InvalidFixture e) {
            LOG.warn(e.getMessage());
            return error(type, 502, e.getMessage());
        }
    }

    /**
     * The page cache's file for a paged answer that depends on the request alone (never on received
     * orders), when the cache is on and no stall is injected; null otherwise (the reply is streamed).
     */
    private java.nio.file.Path cachedAnswer(GetEcomData data, Reply reply, Faults active) {
        if (pageCache.isEmpty() || active.stallMs() > 0 || reply.header().batchId() == null || !responder.pure(data)) {
            return null;
        }
        try {
            return pageCache.get().answer(data.toXml(), reply);
        } catch (IOException e) {
            LOG.warnf("page cache: %s; answering without it", e.toString());
            return null;
        }
    }

    private Reply calculate(CalculateOrder order, Faults active, HttpServerRequest http) {
        if (!order.createOrder()) {
            CalculateOrderResult result = calculator.calculate(order, null);
            orders.recordCalculation(order.orderId());
            return result(result);
        }
        String orderId = order.orderId() == null ? "" : order.orderId().strip();
        if (orderId.isEmpty()) {
            throw new RequestRejected(400, "CreateOrder=True needs the shop's OrderID (the idempotency key)");
        }
        calculator.calculate(order, null); // refuses an order that cannot be priced before anything is created
        OrderBook.CreatedOrder created =
                orders.create(orderId, order.customerId(), number -> calculator.calculate(order, number));
        if (active.dropAfterCreate()) {
            stats.record("CalculateOrder.create", active.dropMode() == Faults.DropMode.TIMEOUT ? 0 : 500);
            if (active.dropMode() == Faults.DropMode.TIMEOUT) {
                Disruptions.sleep(active.dropTimeoutMs());
                Disruptions.closeConnection(http);
            }
            return null;
        }
        return result(created.result());
    }

    private static Reply result(CalculateOrderResult result) {
        return new Reply(TablesHeader.single(), out -> {
            out.accept(TableRow.of("EcomOrders", result.order()));
            result.lines().forEach(line -> out.accept(TableRow.of("EcomOrderLines", line)));
        });
    }

    private Response fixture(FixtureStore store, ConnectorRequest request, String type, Faults active) {
        String name;
        int page = 1;
        if (request instanceof GetEcomData data) {
            name = data.tables().stream().map(TableRequest::name).collect(Collectors.joining("+"));
            page = data.pageNumber().orElse(1);
        } else if (request instanceof CalculateOrder) {
            name = "CalculateOrder";
        } else {
            name = "GetDocumentPdf";
        }
        java.nio.file.Path file = store.file(name, page);
        stats.record(type, 200);
        long stall = active.stallMs();
        StreamingOutput output = out -> {
            try (InputStream in = Files.newInputStream(file)) {
                if (stall > 0) {
                    byte[] first = in.readNBytes(16);
                    out.write(first);
                    out.flush();
                    Disruptions.sleep(stall);
                }
                in.transferTo(out);
            }
        };
        return Response.ok(output).type(XML).build();
    }

    private static StreamingOutput stream(Reply reply, long stallMs) {
        return out -> {
            TablesWriter writer = TablesWriter.open(out, reply.header());
            if (stallMs > 0) {
                writer.flush();
                out.flush();
                Disruptions.sleep(stallMs);
            }
            try {
                reply.rows().produce(writer::write);
                writer.close();
            } catch (RuntimeException e) {
                LOG.error("answer aborted while streaming", e);
                throw new IOException("answer aborted while streaming: " + e.getMessage(), e);
            }
        };
    }

    private byte[] readBounded(InputStream body, Long contentLength) throws IOException {
        long limit = config.maxBodySize().asLongValue();
        if (contentLength != null && contentLength > limit) {
            throw new RequestRejected(
                    413, "request body of " + contentLength + " bytes exceeds the limit of " + limit + " bytes");
        }
        if (body == null) {
            throw new RequestRejected(400, "empty request body");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = body.read(buffer)) != -1) {
            if (out.size() + (long) read > limit) {
                throw new RequestRejected(413, "request body exceeds the limit of " + limit + " bytes");
            }
            out.write(buffer, 0, read);
        }
        if (out.size() == 0) {
            throw new RequestRejected(400, "empty request body");
        }
        return out.toByteArray();
    }

    private Response error(String type, int status, String message) {
        stats.record(type, status);
        return Response.status(status).type(TEXT).entity(message + "\n").build();
    }
}
