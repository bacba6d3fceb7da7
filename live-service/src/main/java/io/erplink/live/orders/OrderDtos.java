package io.erplink.live.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.erplink.live.cart.CartDtos.CalculatedCart;

/** JSON of the orders endpoints. */
public final class OrderDtos {
    private OrderDtos() {}

    @Schema(description = "Where an order stands")
    public record OrderStatusView(
            String orderId,

            @Schema(
                    enumeration = {"placing", "created", "queued", "synced", "failed"},
                    description =
                            "created: the ERP created it now; queued: accepted while the ERP was unavailable, it follows orders.synced; synced/failed: the queue's outcome; placing: being sent right now")
            String status,

            @Schema(description = "The ERP order number (OrderIntegrationOrderId) once known")
            String erpOrderNumber,

            String currency,
            BigDecimal totalWithVat,
            @Schema(description = "Why it was queued") String queueReason,
            @Schema(description = "Why it failed") String error,
            Instant placedAt,
            Instant updatedAt,

            @Schema(description = "The ERP's calculation, when the order was created live in this request")
            CalculatedCart calculation) {

        static OrderStatusView of(PlacedOrder order, CalculatedCart calculation) {
            return new OrderStatusView(
                    order.orderId,
                    order.status.name().toLowerCase(Locale.ROOT),
                    order.erpOrderNumber,
                    order.currency,
                    order.totalWithVat,
                    order.queueReason,
                    order.error,
                    order.placedAt,
                    order.updatedAt,
                    calculation);
        }
    }
}
