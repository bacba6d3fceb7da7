package io.erplink.protocol.requests;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.erplink.protocol.CaseInsensitive;
import io.erplink.protocol.ProtocolException;
import io.erplink.protocol.xml.XmlElement;
import io.erplink.protocol.xml.XmlOut;

/**
 * The live cart calculation / order creation request of seed 002:
 * {@code <CalculateOrder><Orders><Order><column columnName="..">..</column>...</Order></Orders>
 * <OrderLines><OrderLine>...</OrderLine></OrderLines></CalculateOrder>}. {@code CreateOrder=True}
 * asks the ERP to create the order; the shop's {@code OrderID} is the idempotency key.
 *
 * @param order order columns in document order (OrderCustomerAccessUserExternalId, CreateOrder, OrderID, ...)
 * @param lines one column map per order line (OrderLineID, OrderLineProductID, OrderLineQuantity, ...)
 */
public record CalculateOrder(Map<String, String> order, List<Map<String, String>> lines) implements ConnectorRequest {
    public static final String CREATE_ORDER = "CreateOrder";
    public static final String ORDER_ID = "OrderID";
    public static final String CUSTOMER = "OrderCustomerAccessUserExternalId";
    public static final String CURRENCY = "OrderCurrencyCode";

    public CalculateOrder {
        order = Collections.unmodifiableMap(new LinkedHashMap<>(order));
        List<Map<String, String>> copies = new ArrayList<>();
        for (Map<String, String> line : lines) {
            copies.add(Collections.unmodifiableMap(new LinkedHashMap<>(line)));
        }
        lines = List.copyOf(copies);
    }

    /** An order column by name, case-insensitive, or null. */
    public String get(String column) {
        return CaseInsensitive.get(order, column);
    }

    /** Whether the ERP should create the order ({@code CreateOrder=True}). */
    public boolean createOrder() {
        return "true".equalsIgnoreCase(String.valueOf(get(CREATE_ORDER)).strip());
    }

    /** The shop's order id (the idempotency key). */
    public String orderId() {
        return get(ORDER_ID);
    }

    /** The ERP customer key, or "anonymous". */
    public String customerId() {
        return get(CUSTOMER);
    }

    public String currencyCode() {
        return get(CURRENCY);
    }

    /** The same request with CreateOrder set. */
    public CalculateOrder withCreateOrder(boolean create) {
        Map<String, String> copy = new LinkedHashMap<>(order);
        copy.keySet().removeIf(key -> key.equalsIgnoreCase(CREATE_ORDER));
        copy.put(CREATE_ORDER, create ? "True" : "False");
        return new CalculateOrder(copy, lines);
    }

    /** Parses a {@code <CalculateOrder>} document. */
    public static CalculateOrder parse(InputStream in) {
        ConnectorRequest request = ConnectorRequest.parse(in);
        if (request instanceof CalculateOrder typed) {
            return typed;
        }
        throw new ProtocolException("expected <CalculateOrder> but found <" + request.rootElement() + ">");
    }

    @Override
    public String describe() {
        return createOrder() ? "CalculateOrder.create" : "CalculateOrder.calculate";
    }

    @Override
    public String toXml() {
        XmlOut out = new XmlOut().start("CalculateOrder").start("Orders").start("Order");
        order.forEach(out::column);
        out.end().end().start("OrderLines");
        for (Map<String, String> line : lines) {
            out.start("OrderLine");
            line.forEach(out::column);
            out.end();
        }
        return out.end().end().toString();
    }

    static CalculateOrder from(XmlElement root) {
        XmlElement orders = root.child("Orders");
        List<XmlElement> orderElements = orders == null ? List.of() : orders.children("Order");
        if (orderElements.size() != 1) {
            throw new ProtocolException(
                    "CalculateOrder must hold exactly one <Orders><Order>, found " + orderElements.size());
        }
        Map<String, String> order = columns(orderElements.get(0));
        if (order.keySet().stream().noneMatch(key -> key.equalsIgnoreCase(ORDER_ID))) {
            throw new ProtocolException("CalculateOrder without the mandatory OrderID column");
        }
        List<Map<String, String>> lines = new ArrayList<>();
        XmlElement orderLines = root.child("OrderLines");
        if (orderLines != null) {
            for (XmlElement line : orderLines.children("OrderLine")) {
                lines.add(columns(line));
            }
        }
        return new CalculateOrder(order, lines);
    }

    private static Map<String, String> columns(XmlElement element) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (XmlElement column : element.children()) {
            if (!"column".equals(column.name())) {
                throw new ProtocolException("unexpected <" + column.name() + "> in <" + element.name() + ">");
            }
            String name = column.attribute("columnName");
            if (name == null || name.isBlank()) {
                throw new ProtocolException("<column> without columnName in <" + element.name() + ">");
            }
            columns.put(name, "true".equalsIgnoreCase(column.attribute("isNull")) ? null : column.text());
        }
        return columns;
    }
}
