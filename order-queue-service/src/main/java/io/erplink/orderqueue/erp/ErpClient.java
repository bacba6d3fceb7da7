package io.erplink.orderqueue.erp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.smallrye.faulttolerance.api.CircuitBreakerName;

import io.erplink.kit.erp.ErpException;
import io.erplink.kit.erp.ErpTransport;
import io.erplink.orderqueue.OrderQueueConfig;
import io.erplink.protocol.requests.CalculateOrderResult;
import io.erplink.protocol.requests.FilterItem;
import io.erplink.protocol.requests.GetEcomData;
import io.erplink.protocol.requests.KnownTable;
import io.erplink.protocol.requests.RequestType;
import io.erplink.protocol.requests.TableRequest;
import io.erplink.protocol.tables.TableRow;
import io.erplink.protocol.tables.TablesReader;

/**
 * The one way order-queue-service talks to the ERP. It owns the fault-tolerance policies: a hard
 * {@link Timeout} per call, the {@code erp} circuit breaker around order creation, a bulkhead, and
 * retries for the idempotent existence check only. The breaker counts an ERP that is not reached or
 * does not answer in time; a 500 answer ({@link ErpAnswerFailed}) and a rejected request are
 * answers, not counted. CreateOrder is never retried here: the queue's
 * own backoff decides when an order is sent again, after asking the ERP whether it already has it.
 *
 * <p>Hard timeouts (the {@code @Timeout}s) are the ceiling for one call, the whole answer included;
 * the configured {@code erplink.orderqueue.erp.*-timeout} values bound the wait for the answer's
 * start and are lower. The ceilings are set from {@code erplink.orderqueue.erp.*-ceiling-millis}
 * (application.properties maps them onto the fault-tolerance keys); the annotation values are only
 * the same defaults.
 */
@ApplicationScoped
public class ErpClient {
    /** Name of the circuit breaker around order creation, for maintenance (reset after a good probe). */
    public static final String BREAKER = "erp";
    /** Largest ERP answer read for one order. */
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final ErpTransport transport;
    private final OrderQueueConfig.Erp config;

    ErpClient(ErpTransport transport, OrderQueueConfig config) {
        this.transport = transport;
        this.config = config.erp();
    }

    /** What the ERP answered to a CreateOrder request. */
    public record CreateAnswer(boolean created, String erpOrderNumber, String body) {}

    /** What the ERP answered to an existence check. */
    public record LookupAnswer(boolean found, String erpOrderNumber, String body) {}

    /**
     * Sends a complete CalculateOrder request with CreateOrder=True, once.
     *
     * @throws ErpException with {@link ErpException#outcomeUnknown()} when the ERP may have created
     *         the order without a valid answer; the FT exceptions when the call did not go out
     *         (circuit open, bulkhead full) or ran out of time (outcome unknown)
     */
    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(
            requestVolumeThreshold = 10,
            failureRatio = 0.5,
            delay = 10,
            delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2,
            skipOn = {ErpRequestRejected.class, ErpAnswerFailed.class})
    @CircuitBreakerName(BREAKER)
    @Bulkhead(16)
    public CreateAnswer createOrder(String calculateOrderXml) {
        return call("CalculateOrder.CreateOrder", calculateOrderXml, config.createTimeout(), body -> {
            CalculateOrderResult result = CalculateOrderResult.read(TablesReader.open(new ByteArrayInputStream(body)));
            return new CreateAnswer(result.orderCreated(), blankToNull(result.integrationOrderId()), text(body));
        });
    }

    /** Asks the ERP whether it has an order with the shop's OrderID (SalesHeaders filtered by OrderId). */
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, retryOn = ErpException.class, abortOn = ErpRequestRejected.class)
    @Bulkhead(16)
    public LookupAnswer findOrder(String shopOrderId) {
        return lookup(shopOrderId, config.lookupTimeout());
    }

    /**
     * Asks the ERP in one call which of these shop OrderIDs it has (SalesHeaders filtered by one
     * OrderId item each). Idempotent, so retried like {@link #findOrder}.
     *
     * @return the ERP order number by shop OrderID for the orders the ERP has (null number when the
     *         ERP gave none); the orders it does not have are absent
     */
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, retryOn = ErpException.class, abortOn = ErpRequestRejected.class)
    @Bulkhead(16)
    public BatchAnswer findOrders(List<String> shopOrderIds) {
        return call("GetEcomData.SalesHeaders", lookupRequest(shopOrderIds), config.lookupTimeout(), body -> {
            TablesReader reader = TablesReader.open(new ByteArrayInputStream(body));
            Map<String, String> found = new HashMap<>();
            TableRow row;
            while ((row = reader.next()) != null) {
                String orderId = trim(row.get("OrderId"));
                if ("EcomOrders".equalsIgnoreCase(row.tableName()) && shopOrderIds.contains(orderId)) {
                    found.put(orderId, blankToNull(row.get("OrderIntegrationOrderId")));
                }
            }
            return new BatchAnswer(found, body.length);
        });
    }

    /** What the ERP answered to a batched existence check. */
    public record BatchAnswer(Map<String, String> found, int bytes) {}

    /** The XML of a batched existence check, as recorded with each order's attempt. */
    public static String lookupRequest(List<String> shopOrderIds) {
        // The filter form of the protocol (one item per key, any item matches), as for product lookups.
        List<FilterItem> items = shopOrderIds.stream()
                .map(id -> new FilterItem("SalesHeader", Map.of("OrderId", id)))
                .toList();
        return new GetEcomData(
                        Map.of(),
                        List.of(new TableRequest(KnownTable.SalesHeaders.name(), RequestType.FILTER, Map.of(), items)))
                .toXml();
    }

    /**
     * A cheap read that tells whether the ERP answers at all; deliberately outside the circuit
     * breaker, so it can tell that the ERP is back while the breaker is still open.
     */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public void probe() {
        lookup(config.probeOrderId(), config.probeTimeout());
    }

    /** The XML of an existence check, as recorded with the attempt. */
    public static String lookupRequest(String shopOrderId) {
        return GetEcomData.salesHeaderByOrderId(shopOrderId).toXml();
    }

    private LookupAnswer lookup(String shopOrderId, Duration timeout) {
        return call("GetEcomData.SalesHeaders", lookupRequest(shopOrderId), timeout, body -> {
            TablesReader reader = TablesReader.open(new ByteArrayInputStream(body));
            TableRow row;
            while ((row = reader.next()) != null) {
                if ("EcomOrders".equalsIgnoreCase(row.tableName()) && shopOrderId.equals(trim(row.get("OrderId")))) {
                    return new LookupAnswer(true, blankToNull(row.get("OrderIntegrationOrderId")), text(body));
                }
            }
            return new LookupAnswer(false, null, text(body));
        });
    }

    private interface Parser<T> {
        T parse(byte[] body) throws IOException;
    }

    private <T> T call(String type, String xml, Duration timeout, Parser<T> parser) {
        try {
            return transport.exchange(type, xml, timeout, in -> parser.parse(readBounded(in)));
        } catch (ErpException e) {
            if (e.kind() == ErpException.Kind.REJECTED && !(e instanceof ErpRequestRejected)) {
                throw new ErpRequestRejected(e);
            }
            if (e.kind() == ErpException.Kind.FAILED && !(e instanceof ErpAnswerFailed)) {
                throw new ErpAnswerFailed(e);
            }
            throw e;
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new IOException("answer larger than " + MAX_BODY + " bytes for a single order");
        }
        return body;
    }

    private String text(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        int max = config.maxStoredResponse();
        return text.length() <= max ? text : text.substring(0, max) + "...[cut]";
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
