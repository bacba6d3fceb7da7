package io.erplink.batch.exports;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

import io.erplink.batch.BatchConfig;
import io.erplink.kit.api.DatabaseFailure;
import io.erplink.protocol.requests.CalculateOrder;

/**
 * The commerce side of Export Orders (mapping-service's schema, through the {@code commerce}
 * datasource): completed orders without an ERP order number with their lines, and the write-back of
 * the ERP's order number ({@code OrderIntegrationOrderId}), the only column batch-service writes there.
 */
@ApplicationScoped
class CommerceOrders {
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

    private final AgroalDataSource commerce;
    private final String schema;

    CommerceOrders(@DataSource("commerce") AgroalDataSource commerce, BatchConfig config) {
        this.commerce = commerce;
        this.schema = config.export().commerceSchema().toLowerCase(Locale.ROOT);
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException(
                    "erplink.batch.export.commerce-schema is not a plain identifier: " + schema);
        }
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
