package io.erplink.orderqueue.operator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Positive;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.erplink.orderqueue.orders.AttemptKind;
import io.erplink.orderqueue.orders.AttemptOutcome;
import io.erplink.orderqueue.orders.OrderAttempt;
import io.erplink.orderqueue.orders.OrderStatus;
import io.erplink.orderqueue.orders.QueuedOrder;

/** What the operator API returns and takes. */
public final class OrderViews {
    private OrderViews() {}

    @Schema(description = "A queued order without its request and attempts")
    public record OrderSummary(
            long id,
            String shopOrderId,
            String shopId,
            String customerId,
            OrderStatus status,
            int attempts,
            int failures,
            boolean outcomeUnknown,
            String erpOrderNumber,
            String lastError,
            String queueReason,
            Instant placedAt,
            Instant queuedAt,
            Instant nextAttemptAt,
            Instant syncedAt,
            String leaseOwner,
            Instant leaseUntil) {
        static OrderSummary of(QueuedOrder o) {
            return new OrderSummary(
                    o.id,
                    o.shopOrderId,
                    o.shopId,
                    o.customerId,
                    o.status,
                    o.attempts,
                    o.failures,
                    o.outcomeUnknown,
                    o.erpOrderNumber,
                    o.lastError,
                    o.queueReason,
                    o.placedAt,
                    o.queuedAt,
                    o.nextAttemptAt,
                    o.syncedAt,
                    o.leaseOwner,
                    o.leaseUntil);
        }
    }

    @Schema(description = "One call to the ERP about an order")
    public record AttemptView(
            long id,
            AttemptKind kind,
            AttemptOutcome outcome,
            Instant startedAt,
            Instant finishedAt,
            String replica,
            String request,
            String response,
            String error) {
        static AttemptView of(OrderAttempt a) {
            return new AttemptView(
                    a.id, a.kind, a.outcome, a.startedAt, a.finishedAt, a.replica, a.requestXml, a.response, a.error);
        }
    }

    @Schema(description = "A queued order with its full request and every attempt, oldest first")
    public record OrderDetail(OrderSummary order, String request, List<AttemptView> attempts) {}

    @Schema(description = "Orders by status")
    public record Counts(Map<OrderStatus, Long> byStatus, long total) {}

    @Schema(description = "Which orders to replay: explicit ids, or a filter (ids win when both are given)")
    public record ReplayRequest(
            @Schema(description = "order ids (the id field, not the shop's OrderID)")
            List<Long> ids,

            @Schema(description = "only orders in this status")
            OrderStatus status,

            @Schema(description = "only orders of this shop")
            String shop,

            @Schema(description = "only orders of this customer")
            String customer,

            @Schema(description = "only orders queued at least this long ago, ISO-8601 (PT30M)")
            String olderThan,

            @Schema(description = "replay SYNCED orders too (they are checked in the ERP first, never created twice)")
            boolean force,

            @Schema(description = "at most this many orders from the filter (default 1000)") @Positive
            Integer limit) {

        /** Replaying everything by accident takes more than an empty body. */
        @JsonIgnore
        @AssertTrue(message = "give ids or at least one filter (status, shop, customer, olderThan)")
        public boolean isSelective() {
            return (ids != null && !ids.isEmpty())
                    || status != null
                    || !blank(shop)
                    || !blank(customer)
                    || !blank(olderThan);
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    @Schema(description = "What a replay did")
    public record ReplayResult(List<Long> replayed, Map<Long, String> refused) {}
}
