package io.erplink.simulator.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.erplink.simulator.catalog.Catalog;
import io.erplink.simulator.catalog.Hash;

/**
 * The simulator's customer-specific price: a pure function of (customer, product, currency, quantity).
 *
 * <pre>
 * unit price = round2( listPriceEur(product) × (1 − customerDiscount(customer)) × (1 − quantityDiscount(quantity)) × rate(currency) )
 * </pre>
 *
 * <ul>
 * <li>listPriceEur: {@link Catalog#listPriceEur(long)}, 5.00 to 999.99 from the product's index and the seed;</li>
 * <li>customerDiscount: 0 % for "Anonymous" (or an empty customer), otherwise discount group
 *     {@code FNV-1a-64(customerId) mixed, mod 4} → 0 %, 5 %, 10 %, 15 %;</li>
 * <li>quantityDiscount: 0 % below 10, 5 % from 10, 10 % from 100;</li>
 * <li>rate: units per EUR from {@link CurrencyTable};</li>
 * <li>round2: half-up to 2 decimals, once, at the end.</li>
 * </ul>
 */
public final class PriceFunction {
    public static final String ANONYMOUS = "Anonymous";
    private static final BigDecimal[] GROUP_DISCOUNTS = {
        BigDecimal.ZERO, new BigDecimal("0.05"), new BigDecimal("0.10"), new BigDecimal("0.15")
    };

    private final Catalog catalog;

    public PriceFunction(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Whether the customer id means "no customer" (anonymous shop visitor). */
    public static boolean isAnonymous(String customerId) {
        return customerId == null || customerId.isBlank() || ANONYMOUS.equalsIgnoreCase(customerId.strip());
    }

    /** Discount group 0..3 of a customer; anonymous customers have group 0. */
    public static int discountGroup(String customerId) {
        if (isAnonymous(customerId)) {
            return 0;
        }
        return (int) Long.remainderUnsigned(Hash.of(customerId.strip()), GROUP_DISCOUNTS.length);
    }

    /** The customer discount as a fraction (0, 0.05, 0.10, 0.15). */
    public static BigDecimal customerDiscount(String customerId) {
        return GROUP_DISCOUNTS[discountGroup(customerId)];
    }

    /** The quantity break discount as a fraction: 0 below 10, 0.05 from 10, 0.10 from 100. */
    public static BigDecimal quantityDiscount(BigDecimal quantity) {
        if (quantity == null) {
            return BigDecimal.ZERO;
        }
        if (quantity.compareTo(BigDecimal.valueOf(100)) >= 0) {
            return new BigDecimal("0.10");
        }
        if (quantity.compareTo(BigDecimal.TEN) >= 0) {
            return new BigDecimal("0.05");
        }
        return BigDecimal.ZERO;
    }

    /** Units of the currency per EUR; unknown currencies are refused. */
    public static BigDecimal rate(String currency) {
        return CurrencyTable.find(currency)
                .orElseThrow(() -> new IllegalArgumentException("unknown currency " + currency))
                .perEuro();
    }

    /** The unit price of a product for a customer, in a currency, at a quantity (see the class comment). */
    public BigDecimal unitPrice(String customerId, long productIndex, String currency, BigDecimal quantity) {
        BigDecimal one = BigDecimal.ONE;
        return catalog.listPriceEur(productIndex)
                .multiply(one.subtract(customerDiscount(customerId)))
                .multiply(one.subtract(quantityDiscount(quantity)))
                .multiply(rate(currency))
                .setScale(2, RoundingMode.HALF_UP);
    }

    /** The list price (anonymous, quantity 1) in a currency. */
    public BigDecimal listPrice(long productIndex, String currency) {
        return unitPrice(ANONYMOUS, productIndex, currency, BigDecimal.ONE);
    }

    /** An amount in EUR converted to a currency, rounded to 2 decimals. */
    public static BigDecimal fromEuro(BigDecimal euro, String currency) {
        return euro.multiply(rate(currency)).setScale(2, RoundingMode.HALF_UP);
    }

    /** An amount converted between currencies of the table, rounded to 2 decimals. */
    public static BigDecimal convert(BigDecimal amount, String from, String to) {
        return amount.multiply(rate(to)).divide(rate(from), 2, RoundingMode.HALF_UP);
    }
}
