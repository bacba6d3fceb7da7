package io.erplink.orderqueue.orders;

import java.time.Duration;

/**
 * A selection of queued orders, as operators filter them. Every part is optional.
 *
 * @param status     only orders in this status
 * @param shopId     only orders of this shop
 * @param customerId only orders of this customer
 * @param olderThan  only orders queued at least this long ago
 */
public record OrderFilter(OrderStatus status, String shopId, String customerId, Duration olderThan) {
    public static final OrderFilter ALL = new OrderFilter(null, null, null, null);
}
