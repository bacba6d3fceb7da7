package io.erplink.simulator.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import io.erplink.protocol.CaseInsensitive;
import io.erplink.protocol.requests.CalculateOrder;
import io.erplink.protocol.requests.CalculateOrderResult;
import io.erplink.simulator.catalog.Catalog;
import io.erplink.simulator.pricing.CurrencyTable;
import io.erplink.simulator.pricing.PriceFunction;

/**
 * Calculates a cart the way the simulated ERP does (README: "CalculateOrder"):
 *
 * <ol>
 * <li>each product line (OrderLineType 0) is priced at the customer's price for quantity 1;</li>
 * <li>a quantity break (from 10, from 100) becomes a product discount line (OrderLineType 3) with the
 *     same OrderLineProductNumber, so line + discount = quantity × the live unit price at that quantity;</li>
 * <li>from {@code orderDiscountFrom} (converted to the order currency) the order gets an order
 *     discount line (OrderLineType 1) of {@code orderDiscountPercent} of the subtotal;</li>
 * <li>below {@code freeShippingFrom} the order pays {@code shippingFee} (converted);</li>
 * <li>VAT of {@code vatPercent} on every line and on shipping, rounded per line.</li>
 * </ol>
 */
public final class OrderCalculator {

    /** Pricing parameters, all amounts in the system currency. */
    public record Terms(
            BigDecimal vatPercent,
            BigDecimal shippingFee,
            BigDecimal freeShippingFrom,
            BigDecimal orderDiscountFrom,
            BigDecimal orderDiscountPercent) {}

    /** An order request that cannot be calculated (unknown product, currency, bad quantity). */
    public static final class OrderRejected extends RuntimeException {
        public OrderRejected(String message) {
            super(message);
        }
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Catalog catalog;
    private final PriceFunction prices;
    private final Terms terms;

    public OrderCalculator(Catalog catalog, PriceFunction prices, Terms terms) {
        this.catalog = catalog;
        this.prices = prices;
        this.terms = terms;
    }

    /**
     * Calculates an order. {@code integrationOrderId} is the ERP order number when the order is
     * created (null while only calculating).
     */
    public CalculateOrderResult calculate(CalculateOrder request, String integrationOrderId) {
        String customer = request.customerId();
        String currency = currencyOf(request);
        String system = catalog.systemCurrency();
        String orderId = request.orderId() == null ? "" : request.orderId();
        BigDecimal vatRate = terms.vatPercent().divide(HUNDRED, 6, RoundingMode.HALF_UP);

        List<Map<String, String>> lines = new ArrayList<>();
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal vat = BigDecimal.ZERO;
        BigDecimal discounts = BigDecimal.ZERO;
        int lineNumber = 0;
        for (Map<String, String> requestLine : request.lines()) {
            lineNumber++;
            String productKey = firstNonBlank(
                    CaseInsensitive.get(requestLine, "OrderLineProductID"),
                    CaseInsensitive.get(requestLine, "OrderLineProductNumber"));
            OptionalLong index = catalog.productIndex(productKey);
            if (index.isEmpty()) {
                throw new OrderRejected("order line " + lineNumber + ": unknown product '" + productKey + "'");
            }
            BigDecimal quantity = quantity(requestLine, lineNumber);
            String lineId = firstNonBlank(CaseInsensitive.get(requestLine, "OrderLineID"), "L" + lineNumber);
            Catalog.Product product = catalog.product(index.getAsLong());
            String variant = nullToEmpty(CaseInsensitive.get(requestLine, "OrderLineProductVariantID"));

            BigDecimal unit = prices.unitPrice(customer, index.getAsLong(), currency, BigDecimal.ONE);
            BigDecimal lineNet = unit.multiply(quantity).setScale(2, RoundingMode.HALF_UP);
            Map<String, String> line = line(
                    orderId,
                    lineId,
                    "",
                    product,
                    variant,
                    quantity,
                    CalculateOrderResult.LINE_PRODUCT,
                    "Product",
                    lineNet,
                    unit,
                    vatRate);
            lines.add(line);
            net = net.add(lineNet);
            vat = vat.add(new BigDecimal(line.get("OrderLinePriceVAT")));

            BigDecimal breakUnit = prices.unitPrice(customer, index.getAsLong(), currency, quantity);
            BigDecimal discounted = breakUnit.multiply(quantity).setScale(2, RoundingMode.HALF_UP);
            BigDecimal productDiscount = discounted.subtract(lineNet);
            if (productDiscount.signum() != 0) {
                Map<String, String> discount = line(
                        orderId,
                        lineId + "-D",
                        lineId,
                        product,
                        variant,
                        BigDecimal.ONE,
                        CalculateOrderResult.LINE_PRODUCT_DISCOUNT,
                        "ProductDiscount",
                        productDiscount,
                        productDiscount,
                        vatRate);
                lines.add(discount);
                net = net.add(productDiscount);
                vat = vat.add(new BigDecimal(discount.get("OrderLinePriceVAT")));
                discounts = discounts.add(productDiscount.negate());
            }
        }

        BigDecimal subtotal = net;
        if (subtotal.compareTo(PriceFunction.convert(terms.orderDiscountFrom(), system, currency)) >= 0
                && terms.orderDiscountPercent().signum() > 0) {
            BigDecimal orderDiscount = subtotal.multiply(terms.orderDiscountPercent())
                    .divide(HUNDRED, 2, RoundingMode.HALF_UP)
                    .negate();
            Map<String, String> discount = line(
                    orderId,
                    "ORDER-DISCOUNT",
                    "",
                    null,
                    "",
                    BigDecimal.ONE,
                    CalculateOrderResult.LINE_ORDER_DISCOUNT,
                    "Discount",
                    orderDiscount,
                    orderDiscount,
                    vatRate);
            lines.add(discount);
            net = net.add(orderDiscount);
            vat = vat.add(new BigDecimal(discount.get("OrderLinePriceVAT")));
            discounts = discounts.add(orderDiscount.negate());
        }

        BigDecimal shipping = request.lines().isEmpty()
                        || subtotal.compareTo(PriceFunction.convert(terms.freeShippingFrom(), system, currency)) >= 0
                ? BigDecimal.ZERO.setScale(2)
                : PriceFunction.convert(terms.shippingFee(), system, currency);
        BigDecimal shippingVat = shipping.multiply(vatRate).setScale(2, RoundingMode.HALF_UP);
        BigDecimal totalNet = net.add(shipping);
        BigDecimal totalVat = vat.add(shippingVat);

        Map<String, String> order = new LinkedHashMap<>();
        order.put("OrderCreated", integrationOrderId != null ? "TRUE" : "FALSE");
        order.put("OrderID", orderId);
        order.put("OrderIntegrationOrderId", integrationOrderId == null ? "" : integrationOrderId);
        order.put("OrderCustomerAccessUserExternalId", nullToEmpty(customer));
        order.put("OrderCurrencyCode", currency);
        for (String echoed : List.of(
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
                "OrderDeliveryZip")) {
            order.put(echoed, nullToEmpty(request.get(echoed)));
        }
        order.put("OrderPriceWithVAT", money(totalNet.add(totalVat)));
        order.put("OrderPriceWithoutVAT", money(totalNet));
        order.put("OrderPriceVAT", money(totalVat));
        order.put("OrderSalesDiscount", money(discounts));
        order.put("OrderShippingFee", money(shipping));
        order.put("OrderShippingFeeWithVat", money(shipping.add(shippingVat)));
        order.put("OrderShippingFeeWithoutVat", money(shipping));
        order.put("OrderPriceBeforeFeesWithVat", money(net.add(vat)));
        order.put("OrderPriceBeforeFeesWithoutVat", money(net));
        return new CalculateOrderResult(order, lines);
    }

    private String currencyOf(CalculateOrder request) {
        String requested = request.currencyCode();
        if (requested == null || requested.isBlank()) {
            return catalog.systemCurrency();
        }
        String code = requested.strip().toUpperCase(Locale.ROOT);
        if (!catalog.currencies().contains(code) || CurrencyTable.find(code).isEmpty()) {
            throw new OrderRejected(
                    "currency '" + requested + "' is not one of the ERP's currencies " + catalog.currencies());
        }
        return code;
    }

    private static BigDecimal quantity(Map<String, String> line, int lineNumber) {
        String text = CaseInsensitive.get(line, "OrderLineQuantity");
        try {
            BigDecimal quantity = new BigDecimal(text == null ? "" : text.strip());
            if (quantity.signum() <= 0 || quantity.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
                throw new OrderRejected(
                        "order line " + lineNumber + ": quantity " + text + " outside 0 < q <= 1000000");
            }
            return quantity;
        } catch (NumberFormatException e) {
            throw new OrderRejected("order line " + lineNumber + ": OrderLineQuantity '" + text + "' is not a number");
        }
    }

    private static Map<String, String> line(
            String orderId,
            String lineId,
            String parentId,
            Catalog.Product product,
            String variant,
            BigDecimal quantity,
            int type,
            String typeName,
            BigDecimal lineNet,
            BigDecimal unitNet,
            BigDecimal vatRate) {
        BigDecimal lineVat = lineNet.multiply(vatRate).setScale(2, RoundingMode.HALF_UP);
        BigDecimal unitVat = unitNet.multiply(vatRate).setScale(2, RoundingMode.HALF_UP);
        String percent = vatRate.multiply(HUNDRED).stripTrailingZeros().toPlainString();
        Map<String, String> line = new LinkedHashMap<>();
        line.put("OrderLineOrderId", orderId);
        line.put("OrderLineID", lineId);
        line.put("OrderLineParentLineId", parentId);
        line.put("OrderLineProductID", product == null ? "" : product.id());
        line.put("OrderLineProductNumber", product == null ? "" : product.id());
        line.put("OrderLineProductName", product == null ? "Order discount" : product.name());
        line.put("OrderLineProductVariantID", variant);
        line.put("OrderLineQuantity", quantity.stripTrailingZeros().toPlainString());
        line.put("OrderLineType", Integer.toString(type));
        line.put("OrderLineTypeName", typeName);
        line.put("OrderLinePriceWithoutVAT", money(lineNet));
        line.put("OrderLineUnitPriceWithoutVAT", money(unitNet));
        line.put("OrderLinePriceWithVAT", money(lineNet.add(lineVat)));
        line.put("OrderLineUnitPriceWithVAT", money(unitNet.add(unitVat)));
        line.put("OrderLinePriceVAT", money(lineVat));
        line.put("OrderLineUnitPriceVAT", money(unitVat));
        line.put("OrderLinePriceVATPercent", percent);
        line.put("OrderLineUnitPriceVATPercent", percent);
        return line;
    }

    static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String firstNonBlank(String first, String second) {
        return first != null && !first.isBlank() ? first.strip() : second;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
