package io.erplink.live.erp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.CircuitBreakerName;

import io.erplink.kit.erp.ErpException;
import io.erplink.kit.erp.ErpTransport;
import io.erplink.live.LiveConfig;
import io.erplink.protocol.requests.CalculateOrder;
import io.erplink.protocol.requests.CalculateOrderResult;
import io.erplink.protocol.requests.CustomerDocuments;
import io.erplink.protocol.requests.DocumentType;
import io.erplink.protocol.requests.GetDocumentPdf;
import io.erplink.protocol.requests.GetEcomData;
import io.erplink.protocol.tables.TableRow;
import io.erplink.protocol.tables.TablesReader;

/**
 * The one way live-service talks to the ERP. Every call goes through {@link #guarded}, which owns
 * the {@code erp} circuit breaker, the hard {@link Timeout}, the {@link Bulkhead} sized to the
 * ERP's concurrency budget and the 429 handling (one bounded wait for Retry-After, then one more
 * try: a 429 means the request was not processed, so even CreateOrder may be sent again). The
 * idempotent reads (prices, calculation without creation, documents) add a {@link Retry} on top;
 * {@link #createOrder} is never retried: an unknown outcome goes to order-queue-service, which asks
 * the ERP before it resends.
 *
 * <p>Breaker, timeout and bulkhead numbers are SmallRye keys, e.g.
 * {@code quarkus.fault-tolerance."io.erplink.live.erp.ErpClient/guarded".circuit-breaker.request-volume-threshold}.
 * One breaker for all calls: they all hit the same connector, and SmallRye requires breaker names
 * to be unique per method, so the shared guarded method is the breaker.
 */
@ApplicationScoped
public class ErpClient {
    /** Name of the circuit breaker, for {@code CircuitBreakerMaintenance}. */
    public static final String BREAKER = "erp";

    /** The default ceiling of every ERP call ({@link #guarded}'s {@link Timeout}), ms. */
    static final long CEILING_MILLIS = 15_000;

    private static final String CEILING_KEY =
            "quarkus.fault-tolerance.\"io.erplink.live.erp.ErpClient/guarded\".timeout.value";

    private static final Logger LOG = Logger.getLogger(ErpClient.class);

    private final ErpTransport transport;
    private final LiveConfig.Erp config;

    ErpClient(ErpTransport transport, LiveConfig config) {
        this.transport = transport;
        this.config = config.erp();
    }

    /** The longest an ERP call (a CreateOrder included) can take: the configured ceiling of {@link #guarded}. */
    public static Duration ceiling() {
        return Duration.ofMillis(ConfigProvider.getConfig()
                .getOptionalValue(CEILING_KEY, Long.class)
                .orElse(CEILING_MILLIS));
    }

    /** A customer document page as the ERP answered it. */
    public record DocumentPage(long totalCount, List<TableRow> rows) {}

    /** A document's PDF. */
    public record Pdf(String documentNumber, String contentType, byte[] content) {}

    /**
     * Live prices and stock: one GetEcomData filter request for these products (the caller chunks).
     *
     * @param externalUserId the ERP customer or the anonymous key
     * @param products       one field map per product (ProductID, ProductVariantID, ProductNumber, CurrencyCode, Quantity, UnitId)
     * @return the EcomProducts rows
     */
    @Retry(
            maxRetries = 2,
            delay = 100,
            jitter = 50,
            retryOn = {ErpException.class, TimeoutException.class},
            abortOn = {ErpRejectedException.class, CircuitBreakerOpenException.class, BulkheadException.class})
    public List<TableRow> prices(String externalUserId, List<Map<String, String>> products) {
        GetEcomData request = GetEcomData.productFilter(externalUserId, products);
        return guarded("GetEcomData.Products", request.toXml(), config.readTimeout(), reader -> {
            List<TableRow> rows = new ArrayList<>();
            for (TableRow row = reader.next(); row != null; row = reader.next()) {
                if ("EcomProducts".equalsIgnoreCase(row.table())) {
                    rows.add(row);
                }
            }
            return rows;
        });
    }

    /** Calculates a cart (the request must say CreateOrder=False). */
    @Retry(
            maxRetries = 2,
            delay = 100,
            jitter = 50,
            retryOn = {ErpException.class, TimeoutException.class},
            abortOn = {ErpRejectedException.class, CircuitBreakerOpenException.class, BulkheadException.class})
    public CalculateOrderResult calculate(CalculateOrder request) {
        if (request.createOrder()) {
            throw new IllegalArgumentException("calculate() never creates orders; use createOrder()");
        }
        return guarded(request.describe(), request.toXml(), config.readTimeout(), CalculateOrderResult::read);
    }

    /**
     * Creates an order (CreateOrder=True), exactly one attempt. Any failure other than
     * {@link ErpRejectedException} leaves the outcome open or means the ERP was not reached: the
     * caller queues the order.
     */
    public CalculateOrderResult createOrder(CalculateOrder request) {
        if (!request.createOrder()) {
            throw new IllegalArgumentException("createOrder() needs CreateOrder=True");
        }
        return guarded(request.describe(), request.toXml(), config.createTimeout(), CalculateOrderResult::read);
    }

    /** One page of a customer's documents. */
    @Retry(
            maxRetries = 2,
            delay = 100,
            jitter = 50,
            retryOn = {ErpException.class, TimeoutException.class},
            abortOn = {ErpRejectedException.class, CircuitBreakerOpenException.class, BulkheadException.class})
    public DocumentPage documents(
            String externalUserId, DocumentType type, int pageIndex, int pageSize, String sortBy, boolean descending) {
        GetEcomData request =
                GetEcomData.customerDocuments(externalUserId, type, pageIndex, pageSize, sortBy, descending);
        return guarded("GetEcomData.CustomerDocuments", request.toXml(), config.readTimeout(), reader -> {
            List<TableRow> rows = new ArrayList<>();
            for (TableRow row = reader.next(); row != null; row = reader.next()) {
                if (CustomerDocuments.TABLE.equalsIgnoreCase(row.table())) {
                    rows.add(row);
                }
            }
            return new DocumentPage(reader.header().totalCount().orElse(rows.size()), rows);
        });
    }

    /** A customer's document as PDF, or null when the ERP has no such document for that customer. */
    @Retry(
            maxRetries = 2,
            delay = 100,
            jitter = 50,
            retryOn = {ErpException.class, TimeoutException.class},
            abortOn = {ErpRejectedException.class, CircuitBreakerOpenException.class, BulkheadException.class})
    public Pdf documentPdf(String externalUserId, DocumentType type, String documentNumber) {
        GetDocumentPdf request = new GetDocumentPdf(externalUserId, type.name(), documentNumber);
        return guarded(request.describe(), request.toXml(), config.readTimeout(), reader -> {
            for (TableRow row = reader.next(); row != null; row = reader.next()) {
                if (CustomerDocuments.PDF_TABLE.equalsIgnoreCase(row.table())) {
                    String base64 = row.get(CustomerDocuments.CONTENT_BASE64);
                    if (base64 == null || base64.isBlank()) {
                        return null;
                    }
                    String contentType = row.get(CustomerDocuments.CONTENT_TYPE);
                    return new Pdf(
                            row.get(CustomerDocuments.DOCUMENT_NUMBER),
                            contentType == null || contentType.isBlank() ? "application/pdf" : contentType.strip(),
                            Base64.getMimeDecoder().decode(base64.strip()));
                }
            }
            return null;
        });
    }

    /**
     * A cheap one-product price request that tells whether the ERP answers. Deliberately outside
     * the breaker, so it can find the ERP back while the breaker is open.
     */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public void probe(String productId, Duration timeout) {
        GetEcomData request = GetEcomData.productFilter(
                null, List.of(Map.of("ProductID", productId, "ProductVariantID", "", "ProductNumber", productId)));
        exchange("GetEcomData.probe", request.toXml(), timeout, reader -> {
            while (reader.next() != null) {
                // read to the end: a malformed answer is a failed probe
            }
            return null;
        });
    }

    /** Parses a {@code <tables>} answer. */
    public interface Parser<T> {
        T parse(TablesReader reader) throws IOException;
    }

    /**
     * The breaker, ceiling timeout and bulkhead around every ERP call. Rejected requests (4xx) and
     * a full bulkhead do not count as ERP failures.
     */
    @Timeout(CEILING_MILLIS)
    @CircuitBreaker(
            requestVolumeThreshold = 10,
            failureRatio = 0.5,
            delay = 30_000,
            successThreshold = 1,
            skipOn = {ErpRejectedException.class, BulkheadException.class})
    @CircuitBreakerName(BREAKER)
    @Bulkhead(16)
    <T> T guarded(String type, String xml, Duration timeout, Parser<T> parser) {
        try {
            return exchange(type, xml, timeout, parser);
        } catch (ErpException e) {
            Duration wait = e.retryAfter().orElse(null);
            if (e.kind() != ErpException.Kind.THROTTLED || wait == null || wait.compareTo(config.maxRetryAfter()) > 0) {
                throw e;
            }
            LOG.debugf("%s throttled by the ERP, waiting %s (Retry-After) before one more try", type, wait);
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw e;
            }
            return exchange(type, xml, timeout, parser);
        }
    }

    private <T> T exchange(String type, String xml, Duration timeout, Parser<T> parser) {
        try {
            return transport.exchange(type, xml, timeout, body -> {
                byte[] bytes = readBounded(body, config.maxResponseBytes());
                try (TablesReader reader = TablesReader.open(new ByteArrayInputStream(bytes))) {
                    return parser.parse(reader);
                }
            });
        } catch (ErpException e) {
            if (e.kind() == ErpException.Kind.REJECTED) {
                throw new ErpRejectedException(e);
            }
            throw e;
        }
    }

    private static byte[] readBounded(InputStream in, int max) throws IOException {
        byte[] body = in.readNBytes(max + 1);
        if (body.length > max) {
            throw new IOException("answer larger than " + max + " bytes (erplink.live.erp.max-response-bytes)");
        }
        return body;
    }
}
