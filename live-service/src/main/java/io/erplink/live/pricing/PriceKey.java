package io.erplink.live.pricing;

import java.math.BigDecimal;

/**
 * A cache key: whose price (customer, price group or the anonymous key), which product, variant and
 * unit, in which currency, at which quantity break. Strings are normalized (trimmed, currency and
 * unit upper-case, quantity without trailing zeros) so equal requests meet in the cache.
 */
public record PriceKey(
        String owner, String productId, String variantId, String unitId, String currency, BigDecimal quantity) {

    public PriceKey {
        quantity = quantity.stripTrailingZeros();
    }
}
