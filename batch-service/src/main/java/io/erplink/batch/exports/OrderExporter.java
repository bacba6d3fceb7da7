package io.erplink.batch.exports;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

import io.erplink.batch.BatchConfig;
import io.erplink.batch.erp.ErpCallFailed;
import io.erplink.batch.erp.ErpClient;
import io.erplink.kit.api.DatabaseFailure;
import io.erplink.kit.erp.ErpException;
import io.erplink.protocol.requests.CalculateOrder;
import io.erplink.protocol.requests.CalculateOrderResult;
import io.erplink.protocol.tables.TablesReader;

/**
 * Export Orders: completed shop orders without an ERP order number are read from the commerce
 * database (mapping-service's schema, through the {@code commerce} datasource), each wrapped in a
 * {@code CalculateOrder} with {@code CreateOrder=True}, sent, and the ERP's order number
 * ({@code OrderIntegrationOrderId}) written back - the only column batch-service writes there.
 *
 * <p>Order creation is not retried within a run: the shop's OrderID is the ERP's idempotency key,
 * and an order whose answer did not arrive stays without an ERP number and goes again with the next
 * run. When the ERP is unavailable the run stops early and reports how far it got.
 */
@ApplicationScoped
public class OrderExporter {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** Order columns sent, in the order of seed 002's CalculateOrder (commerce column names, case-insensitive). */
    static final List<String> ORDER_COLUMNS = List.of(
            "OrderCustomerAccessUserExternalId",
            "OrderId",
            "OrderCurrencyCode",
            "OrderDate",
            "OrderPaymentMethodName",
            "OrderShippingMethodName",
            "OrderCustomerName",
            "OrderCustomerAddress",
            "OrderCustomerAddress2",
            "OrderCustomerCity",
            "OrderCustomerCountryCode",
            "OrderCustomerEmail",
            "OrderCustomerFax",
            "OrderCustomerPhone",
            "OrderCustomerZip",
            "OrderDeliveryName",
            "OrderDeliveryAddress",
            "OrderDeliveryAddress2",
            "OrderDeliveryCity",
            "OrderDeliveryCountryCode",
            "OrderDeliveryEmail",
            "OrderDeliveryFax",
            "OrderDeliveryPhone",
            "OrderDeliveryZip");

    static final List<String> LINE_COLUMNS = List.of(
            "OrderLineId",
            "OrderLineProductId",
            "OrderLineProductNumber",
            "OrderLineProductVariantId",
            "OrderLineQuantity",
            "OrderLineType",
            "OrderLinePriceWithoutVAT",
            "OrderLineUnitPriceWithoutVAT");

    /** What an export run did. */
    public record Outcome(int selected, int exported, int failed, String message) {}

    /** Where an order that did not go through is recorded (the run's error list). */
    @FunctionalInterface
    public interface FailedOrders {
        void record(String orderId, String message);
    }

    private final AgroalDataSource commerce;
    private final ErpClient erp;
    private final BatchConfig config;
    private final String schema;

    OrderExporter(@DataSource("commerce") AgroalDataSource commerce, ErpClient erp, BatchConfig config) {
        this.commerce = commerce;
        this.erp = erp;
        this.config = config;
        this.schema = config.export().commerceSchema().toLowerCase(Locale.ROOT);
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException(
                    "erplink.batch.export.commerce-schema is not a plain identifier: " + schema);
        }
    }

    /** Exports pending orders to an ERP endpoint (a name {@link io.erplink.batch.erp.ErpEndpoints#resolve} returned). */
    public Outcome export(String endpoint, Runnable checkpoint, FailedOrders failures) {
        List<CalculateOrder> orders = pending(config.export().maxOrdersPerRun());
        int exported = 0;
        int failed = 0;
        for (CalculateOrder order : orders) {
            checkpoint.run();
            String orderId = order.orderId();
            try {
                CalculateOrderResult answer = erp.send(
                        endpoint,
                        "CalculateOrder.CreateOrder",
                        order.toXml(),
                        Duration.ofSeconds(60),
                        body -> CalculateOrderResult.read(TablesReader.open(body)));
                String erpNumber = answer.integrationOrderId();
                if (!answer.orderCreated() || erpNumber == null || erpNumber.isBlank()) {
                    failed++;
                    failures.record(
                            orderId,
                            "the ERP did not create the order (OrderCreated=" + answer.get("OrderCreated") + ")");
                    continue;
                }
                writeBack(orderId, erpNumber.trim());
                exported++;
            } catch (ErpCallFailed e) {
                failed++;
                failures.record(orderId, e.getMessage());
            } catch (ErpException | CircuitBreakerOpenException | TimeoutException e) {
                failed++;
                failures.record(
                        orderId,
                        "the ERP is unavailable; the remaining orders go with the next run: " + e.getMessage());
                break;
            }
        }
        String message = exported + " of " + orders.size() + " order(s) exported"
                + (failed > 0 ? ", " + failed + " failed" : "");
        return new Outcome(orders.size(), exported, failed, message);
    }

    /** Completed orders without an ERP order number, oldest first, with their lines. */
    List<CalculateOrder> pending(int limit) {
        List<CalculateOrder> orders = new ArrayList<>();
        String orderSql = "select "
                + String.join(
                        ", ", ORDER_COLUMNS.stream().map(String::toLowerCase).toList())
                + " from " + schema + ".ecomorders where ordercomplete = true"
                + " and coalesce(orderintegrationorderid, '') = '' order by orderdate nulls last, orderid limit ?";
        String lineSql = "select "
                + String.join(
                        ", ", LINE_COLUMNS.stream().map(String::toLowerCase).toList()) + " from " + schema
                + ".ecomorderlines where orderlineorderid = ? order by orderlineid";
        try (Connection c = commerce.getConnection();
                PreparedStatement select = c.prepareStatement(orderSql);
                PreparedStatement lines = c.prepareStatement(lineSql)) {
            select.setInt(1, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> order = new LinkedHashMap<>();
                    order.put(CalculateOrder.CREATE_ORDER, "True");
                    for (String column : ORDER_COLUMNS) {
                        order.put(
                                column.equals("OrderId") ? CalculateOrder.ORDER_ID : column,
                                text(rs.getObject(column.toLowerCase(Locale.ROOT))));
                    }
                    lines.setString(1, order.get(CalculateOrder.ORDER_ID));
                    List<Map<String, String>> orderLines = new ArrayList<>();
                    try (ResultSet lr = lines.executeQuery()) {
                        while (lr.next()) {
                            Map<String, String> line = new LinkedHashMap<>();
                            for (String column : LINE_COLUMNS) {
                                line.put(
                                        column.endsWith("Id")
                                                ? column.substring(0, column.length() - 2) + "ID"
                                                : column,
                                        text(lr.getObject(column.toLowerCase(Locale.ROOT))));
                            }
                            orderLines.add(line);
                        }
                    }
                    orders.add(new CalculateOrder(order, orderLines));
                }
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("cannot read orders to export from " + schema + ".ecomorders", e);
        }
        return orders;
    }

    /** Writes the ERP's order number back, unless another export did already. */
    void writeBack(String orderId, String erpNumber) {
        try (Connection c = commerce.getConnection();
                PreparedStatement update =
                        c.prepareStatement("update " + schema + ".ecomorders set orderintegrationorderid = ?"
                                + " where orderid = ? and coalesce(orderintegrationorderid, '') = ''")) {
            update.setString(1, erpNumber);
            update.setString(2, orderId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseFailure("cannot write the ERP order number of " + orderId + " back", e);
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Timestamp ts) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(ts.toLocalDateTime());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }
}
