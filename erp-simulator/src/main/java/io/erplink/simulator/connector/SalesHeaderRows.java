package io.erplink.simulator.connector;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.erplink.protocol.requests.FilterItem;
import io.erplink.protocol.requests.RequestType;
import io.erplink.protocol.requests.TableRequest;
import io.erplink.protocol.tables.TableRow;
import io.erplink.simulator.orders.OrderBook;

import static io.erplink.simulator.connector.RowBuilder.nullToEmpty;

/** The orders received and created (SalesHeaders): EcomOrders and EcomOrderLines, all of them or those asked for by OrderId or ERP number. */
final class SalesHeaderRows {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC);

    private final OrderBook orders;

    SalesHeaderRows(OrderBook orders) {
        this.orders = orders;
    }

    void rows(TableRequest table, Consumer<TableRow> out) {
        List<OrderBook.CreatedOrder> selected = new ArrayList<>();
        if (table.type() == RequestType.FILTER) {
            for (FilterItem item : table.items()) {
                String orderId = item.get("OrderId");
                if (orderId != null && !orderId.isBlank()) {
                    orders.find(orderId.strip()).stream()
                            .filter(o -> !selected.contains(o))
                            .forEach(selected::add);
                }
                String erpNumber = item.get("OrderIntegrationOrderId");
                if (erpNumber != null && !erpNumber.isBlank()) {
                    orders.createdOrders().stream()
                            .filter(o -> o.erpOrderNumber().equals(erpNumber.strip()))
                            .filter(o -> !selected.contains(o))
                            .forEach(selected::add);
                }
            }
        } else {
            selected.addAll(orders.createdOrders());
        }
        for (OrderBook.CreatedOrder order : selected) {
            out.accept(salesHeader(order));
        }
        for (OrderBook.CreatedOrder order : selected) {
            for (Map<String, String> line : order.result().lines()) {
                out.accept(RowBuilder.of("EcomOrderLines")
                        .putAll(line)
                        .put("OrderLineOrderId", order.shopOrderId())
                        .put("NetPrice", line.get("OrderLineUnitPriceWithoutVAT"))
                        .build());
            }
        }
    }

    private static TableRow salesHeader(OrderBook.CreatedOrder order) {
        Map<String, String> calc = order.result().order();
        return RowBuilder.of("EcomOrders")
                .put("OrderCreated", "TRUE")
                .put("OrderComplete", "TRUE")
                .put("OrderIntegrationOrderId", order.erpOrderNumber())
                .put("OrderId", order.shopOrderId())
                .put("OrderShopId", "")
                .put("OrderCurrencyCode", calc.get("OrderCurrencyCode"))
                .put("OrderDate", ISO.format(order.createdAt()))
                .put("OrderIsLedgerEntry", "False")
                .put("OrderPaymentMethod", calc.get("OrderPaymentMethodName"))
                .put("OrderShippingMethodName", calc.get("OrderShippingMethodName"))
                .put("OrderCustomerNumber", nullToEmpty(order.customerId()))
                .put("OrderCustomerName", calc.get("OrderCustomerName"))
                .put("OrderCustomerEmail", calc.get("OrderCustomerEmail"))
                .put("OrderCustomerPhone", calc.get("OrderCustomerPhone"))
                .put("OrderDeliveryName", calc.get("OrderDeliveryName"))
                .put("OrderDeliveryAddress", calc.get("OrderDeliveryAddress"))
                .put("OrderDeliveryAddress2", calc.get("OrderDeliveryAddress2"))
                .put("OrderDeliveryCity", calc.get("OrderDeliveryCity"))
                .put("OrderDeliveryCountryCode", calc.get("OrderDeliveryCountryCode"))
                .put("OrderDeliveryZip", calc.get("OrderDeliveryZip"))
                .put("OrderShippingFee", calc.get("OrderShippingFee"))
                .put("OrderShippingFeeWithVat", calc.get("OrderShippingFeeWithVat"))
                .put("OrderShippingFeeWithoutVat", calc.get("OrderShippingFeeWithoutVat"))
                .put("OrderSalesDiscount", calc.get("OrderSalesDiscount"))
                .put("OrderPriceWithVat", calc.get("OrderPriceWithVAT"))
                .put("OrderPriceWithoutVat", calc.get("OrderPriceWithoutVAT"))
                .put("OrderPriceVat", calc.get("OrderPriceVAT"))
                .put("OrderPriceBeforeFeesWithVat", calc.get("OrderPriceBeforeFeesWithVat"))
                .put("OrderPriceBeforeFeesWithoutVat", calc.get("OrderPriceBeforeFeesWithoutVat"))
                .build();
    }
}
