package io.erplink.live.pricing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A price and stock as the ERP answered them.
 *
 * @param price     unit price in {@code currency}
 * @param stock     stock in the requested unit, null when the ERP sent none
 * @param currency  the currency of the price
 * @param fetchedAt when the ERP answered
 */
public record PriceEntry(BigDecimal price, BigDecimal stock, String currency, Instant fetchedAt) {}
