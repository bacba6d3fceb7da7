package io.erplink.protocol.requests;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.erplink.protocol.CaseInsensitive;
import io.erplink.protocol.ProtocolException;
import io.erplink.protocol.tables.TableRow;
import io.erplink.protocol.tables.TablesReader;

/**
 * The ERP's answer to {@link CalculateOrder}: one EcomOrders row and its EcomOrderLines (seed 002).
 * Line types: {@link #LINE_PRODUCT} regular product line, {@link #LINE_ORDER_DISCOUNT} order
 * discount, {@link #LINE_PRODUCT_DISCOUNT} product discount (tied to its product line by
 * OrderLineProductNumber); other types are ignored by consumers.
 */
public record CalculateOrderResult(Map<String, String> order, List<Map<String, String>> lines) {
    public static final int LINE_PRODUCT = 0;
    public static final int LINE_ORDER_DISCOUNT = 1;
    public static final int LINE_PRODUCT_DISCOUNT = 3;

    public CalculateOrderResult {
        order = Collections.unmodifiableMap(new LinkedHashMap<>(order));
        lines = List.copyOf(lines.stream()
                .map(line -> Collections.unmodifiableMap(new LinkedHashMap<>(line)))
                .toList());
    }

    /** Reads the EcomOrders and EcomOrderLines tables of a response. */
    public static CalculateOrderResult read(TablesReader reader) {
        Map<String, String> order = null;
        List<Map<String, String>> lines = new ArrayList<>();
        for (TableRow row = reader.next(); row != null; row = reader.next()) {
            if ("EcomOrders".equalsIgnoreCase(row.table())) {
                if (order != null) {
                    throw new ProtocolException("order calculation answered with more than one EcomOrders row");
                }
                order = row.columns();
            } else if ("EcomOrderLines".equalsIgnoreCase(row.table())) {
                lines.add(row.columns());
            }
        }
        if (order == null) {
            throw new ProtocolException("order calculation answered without an EcomOrders row");
        }
        return new CalculateOrderResult(order, lines);
    }

    /** An order column, case-insensitive, or null. */
    public String get(String column) {
        return CaseInsensitive.get(order, column);
    }

    /** {@code OrderCreated} is true. */
    public boolean orderCreated() {
        return "true".equalsIgnoreCase(String.valueOf(get("OrderCreated")).strip());
    }

    /** The ERP's order number (OrderIntegrationOrderId), or null. */
    public String integrationOrderId() {
        String id = get("OrderIntegrationOrderId");
        return id == null || id.isBlank() ? null : id;
    }

    /** A line's type (OrderLineType), or -1 when missing or not a number. */
    public static int lineType(Map<String, String> line) {
        try {
            return Integer.parseInt(
                    String.valueOf(CaseInsensitive.get(line, "OrderLineType")).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
