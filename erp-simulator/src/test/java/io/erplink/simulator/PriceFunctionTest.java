package io.erplink.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.erplink.simulator.catalog.Catalog;
import io.erplink.simulator.pricing.PriceFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriceFunctionTest {
    private final Catalog catalog = new Catalog(42, 1000, 100, List.of("en-us"), List.of("EUR", "USD", "GBP"));
    private final PriceFunction prices = new PriceFunction(catalog);

    @Test
    void samePricesForSameInputsAcrossInstances() {
        PriceFunction other = new PriceFunction(new Catalog(42, 1000, 100, List.of("en-us"), List.of("EUR")));
        for (long product = 0; product < 50; product++) {
            assertEquals(
                    prices.unitPrice("50007", product, "GBP", BigDecimal.valueOf(12)),
                    other.unitPrice("50007", product, "GBP", BigDecimal.valueOf(12)));
        }
    }

    @Test
    void listPriceDependsOnSeedAndStaysInRange() {
        Catalog otherSeed = new Catalog(7, 1000, 100, List.of("en-us"), List.of("EUR"));
        int differing = 0;
        for (long product = 0; product < 200; product++) {
            BigDecimal list = catalog.listPriceEur(product);
            assertTrue(list.compareTo(new BigDecimal("5.00")) >= 0 && list.compareTo(new BigDecimal("999.99")) <= 0);
            if (!list.equals(otherSeed.listPriceEur(product))) {
                differing++;
            }
        }
        assertTrue(differing > 190, "the seed changes the list prices");
    }

    @Test
    void anonymousGetsTheListPrice() {
        for (long product = 0; product < 20; product++) {
            assertEquals(
                    catalog.listPriceEur(product).setScale(2, RoundingMode.HALF_UP),
                    prices.unitPrice("Anonymous", product, "EUR", BigDecimal.ONE));
            assertEquals(
                    prices.unitPrice("anonymous", product, "EUR", BigDecimal.ONE),
                    prices.unitPrice(null, product, "EUR", BigDecimal.ONE));
        }
        assertEquals(0, PriceFunction.discountGroup("Anonymous"));
    }

    @Test
    void customersInDifferentDiscountGroupsGetDifferentPrices() {
        String first = Catalog.customerId(0);
        String other = null;
        for (long index = 1; index < 100 && other == null; index++) {
            if (PriceFunction.discountGroup(Catalog.customerId(index)) != PriceFunction.discountGroup(first)) {
                other = Catalog.customerId(index);
            }
        }
        assertTrue(other != null, "customer ids spread over discount groups");
        assertNotEquals(
                prices.unitPrice(first, 3, "EUR", BigDecimal.ONE), prices.unitPrice(other, 3, "EUR", BigDecimal.ONE));
        // the documented formula, by hand
        BigDecimal expected = catalog.listPriceEur(3)
                .multiply(BigDecimal.ONE.subtract(PriceFunction.customerDiscount(other)))
                .multiply(new BigDecimal("1.08"))
                .setScale(2, RoundingMode.HALF_UP);
        assertEquals(expected, prices.unitPrice(other, 3, "USD", BigDecimal.ONE));
    }

    @Test
    void quantityBreaksLowerTheUnitPriceFromTenAndFromHundred() {
        BigDecimal list = catalog.listPriceEur(5);
        assertEquals(list, prices.unitPrice("Anonymous", 5, "EUR", BigDecimal.valueOf(9)));
        assertEquals(
                list.multiply(new BigDecimal("0.95")).setScale(2, RoundingMode.HALF_UP),
                prices.unitPrice("Anonymous", 5, "EUR", BigDecimal.TEN));
        assertEquals(
                list.multiply(new BigDecimal("0.90")).setScale(2, RoundingMode.HALF_UP),
                prices.unitPrice("Anonymous", 5, "EUR", BigDecimal.valueOf(100)));
    }

    @Test
    void unknownCurrencyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> prices.unitPrice("50000", 1, "XXX", BigDecimal.ONE));
    }
}
