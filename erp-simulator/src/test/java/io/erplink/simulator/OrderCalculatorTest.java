package io.erplink.simulator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.erplink.protocol.requests.CalculateOrder;
import io.erplink.protocol.requests.CalculateOrderResult;
import io.erplink.protocol.requests.ConnectorRequest;
import io.erplink.simulator.catalog.Catalog;
import io.erplink.simulator.orders.OrderCalculator;
import io.erplink.simulator.pricing.PriceFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderCalculatorTest {
    private final Catalog catalog = new Catalog(42, 1000, 100, List.of("en-us"), List.of("EUR", "GBP"));
    private final PriceFunction prices = new PriceFunction(catalog);
    private final OrderCalculator calculator = new OrderCalculator(
            catalog,
            prices,
            new OrderCalculator.Terms(
                    new BigDecimal("25"),
                    new BigDecimal("9.95"),
                    new BigDecimal("500"),
                    new BigDecimal("1000"),
                    new BigDecimal("2")));

    private CalculateOrderResult calculate(String currency, String... lines) {
        CalculateOrder order = (CalculateOrder)
                ConnectorRequest.parse(Connector.calculateOrder("CART1", "50003", currency, false, lines));
        return calculator.calculate(order, null);
    }

    private static BigDecimal sum(CalculateOrderResult result, String column) {
        return result.lines().stream()
                .map(line -> new BigDecimal(line.get(column)))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal amount(CalculateOrderResult result, String column) {
        return new BigDecimal(result.get(column));
    }

    @Test
    void totalsAreTheSumOfTheLinesPlusShippingAndVat() {
        CalculateOrderResult result = calculate("GBP", "10001", "2", "10002", "15", "10003", "120");
        BigDecimal linesNet = sum(result, "OrderLinePriceWithoutVAT");
        BigDecimal linesVat = sum(result, "OrderLinePriceVAT");
        BigDecimal shipping = amount(result, "OrderShippingFee");
        BigDecimal shippingVat = amount(result, "OrderShippingFeeWithVat").subtract(shipping);
        assertEquals(linesNet.add(shipping), amount(result, "OrderPriceWithoutVAT"));
        assertEquals(linesVat.add(shippingVat), amount(result, "OrderPriceVAT"));
        assertEquals(
                amount(result, "OrderPriceWithoutVAT").add(amount(result, "OrderPriceVAT")),
                amount(result, "OrderPriceWithVAT"));
        for (Map<String, String> line : result.lines()) {
            BigDecimal net = new BigDecimal(line.get("OrderLinePriceWithoutVAT"));
            assertEquals(
                    net.multiply(new BigDecimal("0.25")).setScale(2, java.math.RoundingMode.HALF_UP),
                    new BigDecimal(line.get("OrderLinePriceVAT")),
                    "25 % VAT on " + line.get("OrderLineID"));
            assertEquals(
                    net.add(new BigDecimal(line.get("OrderLinePriceVAT"))),
                    new BigDecimal(line.get("OrderLinePriceWithVAT")));
        }
        assertEquals("FALSE", result.get("OrderCreated"));
    }

    @Test
    void quantityBreaksBecomeProductDiscountLinesOfTheSameProduct() {
        CalculateOrderResult result = calculate("EUR", "10002", "15");
        List<Map<String, String>> discounts = result.lines().stream()
                .filter(line -> CalculateOrderResult.lineType(line) == CalculateOrderResult.LINE_PRODUCT_DISCOUNT)
                .toList();
        assertEquals(1, discounts.size());
        assertEquals("10002", discounts.get(0).get("OrderLineProductNumber"));
        BigDecimal productNet = result.lines().stream()
                .filter(line -> "10002".equals(line.get("OrderLineProductNumber")))
                .map(line -> new BigDecimal(line.get("OrderLinePriceWithoutVAT")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        // line + discount = 15 × the live price at quantity 15
        assertEquals(
                prices.unitPrice("50003", 1, "EUR", BigDecimal.valueOf(15)).multiply(BigDecimal.valueOf(15)),
                productNet);
        assertTrue(amount(result, "OrderSalesDiscount").signum() > 0);
    }

    @Test
    void bigOrdersGetAnOrderDiscountLineAndFreeShipping() {
        CalculateOrderResult result = calculate("EUR", "10001", "400");
        assertTrue(result.lines().stream()
                .anyMatch(line -> CalculateOrderResult.lineType(line) == CalculateOrderResult.LINE_ORDER_DISCOUNT));
        assertEquals(new BigDecimal("0.00"), amount(result, "OrderShippingFee"));
        BigDecimal discounts = sum(result, "OrderLinePriceWithoutVAT")
                .subtract(result.lines().stream()
                        .filter(line -> CalculateOrderResult.lineType(line) == CalculateOrderResult.LINE_PRODUCT)
                        .map(line -> new BigDecimal(line.get("OrderLinePriceWithoutVAT")))
                        .reduce(BigDecimal.ZERO, BigDecimal::add));
        assertEquals(discounts.negate(), amount(result, "OrderSalesDiscount"));
    }

    @Test
    void smallOrdersPayShippingInTheOrderCurrency() {
        long cheap = 0;
        while (prices.unitPrice("50003", cheap, "EUR", BigDecimal.ONE).compareTo(new BigDecimal("400")) >= 0) {
            cheap++;
        }
        CalculateOrderResult result = calculate("GBP", Catalog.productId(cheap), "1");
        assertEquals(PriceFunction.convert(new BigDecimal("9.95"), "EUR", "GBP"), amount(result, "OrderShippingFee"));
        assertEquals("GBP", result.get("OrderCurrencyCode"));
    }

    @Test
    void unknownProductsAndCurrenciesAreRejected() {
        assertThrows(OrderCalculator.OrderRejected.class, () -> calculate("EUR", "99", "1"));
        assertThrows(OrderCalculator.OrderRejected.class, () -> calculate("JPY", "10001", "1"));
        assertThrows(OrderCalculator.OrderRejected.class, () -> calculate("EUR", "10001", "-1"));
    }
}
