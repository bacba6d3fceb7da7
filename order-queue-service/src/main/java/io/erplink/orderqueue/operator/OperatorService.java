package io.erplink.orderqueue.operator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.erplink.kit.api.PageParams;
import io.erplink.kit.api.ResourceNotFound;
import io.erplink.kit.api.StateConflict;
import io.erplink.orderqueue.OrderQueueConfig;
import io.erplink.orderqueue.orders.OrderAttemptRepository;
import io.erplink.orderqueue.orders.OrderFilter;
import io.erplink.orderqueue.orders.OrderStatus;
import io.erplink.orderqueue.orders.QueuedOrder;
import io.erplink.orderqueue.orders.QueuedOrderRepository;
import io.erplink.orderqueue.sync.Drainer;
import io.erplink.protocol.api.PageOf;

/**
 * What operators may do with queued orders. Replaying never sends anything itself: it makes the
 * order due again and the drainer sends it under the same rules as every other order (lease, ERP
 * budget, existence check when an earlier outcome is unknown). A replayed SYNCED order is always
 * checked in the ERP first, so even a forced replay cannot create a second order.
 */
@ApplicationScoped
public class OperatorService {
    private static final Logger LOG = Logger.getLogger(OperatorService.class);

    /** An operator action that the order's state does not allow. */
    public static class Conflict extends StateConflict {
        public Conflict(String message) {
            super(message);
        }
    }

    /** No such order. */
    public static class NotFound extends ResourceNotFound {
        public NotFound(long id) {
            super("no queued order " + id);
        }
    }

    private final QueuedOrderRepository orders;
    private final OrderAttemptRepository attempts;
    private final OrderQueueConfig config;
    private final Drainer drainer;

    OperatorService(
            QueuedOrderRepository orders, OrderAttemptRepository attempts, OrderQueueConfig config, Drainer drainer) {
        this.orders = orders;
        this.attempts = attempts;
        this.config = config;
        this.drainer = drainer;
    }

    @Transactional
    public PageOf<OrderViews.OrderSummary> list(OrderFilter filter, PageParams paging) {
        PageParams capped = new PageParams(
                paging.page(), Math.min(paging.size(), config.operator().maxPageSize()));
        var query = orders.search(filter, orders.now());
        List<OrderViews.OrderSummary> items = query.page(capped.page(), capped.size()).list().stream()
                .map(OrderViews.OrderSummary::of)
                .toList();
        return capped.of(items, query.count());
    }

    @Transactional
    public OrderViews.OrderDetail get(long id) {
        QueuedOrder order = orders.findByIdOptional(id).orElseThrow(() -> new NotFound(id));
        return new OrderViews.OrderDetail(
                OrderViews.OrderSummary.of(order),
                order.requestXml,
                attempts.ofOrder(id).stream().map(OrderViews.AttemptView::of).toList());
    }

    @Transactional
    public OrderViews.Counts counts() {
        Map<OrderStatus, Long> counts = orders.countByStatus();
        return new OrderViews.Counts(
                counts, counts.values().stream().mapToLong(Long::longValue).sum());
    }

    /** Replays one order; see {@link #replayLocked}. */
    public OrderViews.OrderSummary replay(long id, boolean force) {
        OrderViews.OrderSummary summary = QuarkusTransaction.joiningExisting().call(() -> {
            QueuedOrder order = orders.lock(id).orElseThrow(() -> new NotFound(id));
            replayLocked(order, force, orders.now());
            return OrderViews.OrderSummary.of(order);
        });
        drainer.wakeUp();
        return summary;
    }

    /** Replays a selection: the given ids, or every order matching the filter (up to a limit). */
    public OrderViews.ReplayResult replay(OrderViews.ReplayRequest request, OrderFilter filter) {
        OrderViews.ReplayResult result = QuarkusTransaction.joiningExisting().call(() -> replayAll(request, filter));
        if (!result.replayed().isEmpty()) {
            drainer.wakeUp();
        }
        return result;
    }

    private OrderViews.ReplayResult replayAll(OrderViews.ReplayRequest request, OrderFilter filter) {
        List<Long> ids;
        if (request.ids() != null && !request.ids().isEmpty()) {
            ids = request.ids();
        } else {
            int limit = request.limit() == null ? 1000 : Math.max(1, Math.min(request.limit(), 10_000));
            ids = orders.search(filter, orders.now()).page(0, limit).list().stream()
                    .map(o -> o.id)
                    .toList();
        }
        Instant now = orders.now();
        List<Long> replayed = new ArrayList<>();
        Map<Long, String> refused = new LinkedHashMap<>();
        for (Long id : ids) {
            Optional<QueuedOrder> order = orders.lock(id);
            if (order.isEmpty()) {
                refused.put(id, "no such order");
                continue;
            }
            try {
                replayLocked(order.get(), request.force(), now);
                replayed.add(id);
            } catch (Conflict e) {
                refused.put(id, e.getMessage());
            }
        }
        return new OrderViews.ReplayResult(replayed, refused);
    }

    /**
     * Makes an order due now. QUEUED: due now. FAILED or PARKED: back to QUEUED with a fresh failure
     * count. SYNCED: refused unless forced; forced, it goes back with its outcome marked unknown, so
     * the drainer asks the ERP first and records the existing order instead of creating one.
     * SENDING: refused (a replica is talking to the ERP about it right now).
     */
    private void replayLocked(QueuedOrder order, boolean force, Instant now) {
        switch (order.status) {
            case SENDING ->
                throw new Conflict("order " + order.shopOrderId + " is being sent right now by " + order.leaseOwner);
            case SYNCED -> {
                if (!force) {
                    throw new Conflict("order " + order.shopOrderId + " is in the ERP already as "
                            + order.erpOrderNumber + "; replay with force=true to check it again");
                }
                order.outcomeUnknown = true;
            }
            case QUEUED, FAILED, PARKED -> {}
        }
        LOG.infof("operator replays order %s (%s%s)", order.shopOrderId, order.status, force ? ", forced" : "");
        if (order.status != OrderStatus.QUEUED) {
            order.failures = 0;
        }
        order.status = OrderStatus.QUEUED;
        order.nextAttemptAt = now;
        order.updatedAt = now;
    }

    @Transactional
    public OrderViews.OrderSummary park(long id) {
        QueuedOrder order = orders.lock(id).orElseThrow(() -> new NotFound(id));
        if (order.status == OrderStatus.SENDING || order.status == OrderStatus.SYNCED) {
            throw new Conflict("order " + order.shopOrderId + " is " + order.status + " and cannot be parked");
        }
        order.status = OrderStatus.PARKED;
        order.updatedAt = orders.now();
        LOG.infof("operator parked order %s", order.shopOrderId);
        return OrderViews.OrderSummary.of(order);
    }

    public OrderViews.OrderSummary unpark(long id) {
        OrderViews.OrderSummary summary = QuarkusTransaction.joiningExisting().call(() -> unparkLocked(id));
        drainer.wakeUp();
        return summary;
    }

    private OrderViews.OrderSummary unparkLocked(long id) {
        QueuedOrder order = orders.lock(id).orElseThrow(() -> new NotFound(id));
        if (order.status != OrderStatus.PARKED) {
            throw new Conflict("order " + order.shopOrderId + " is " + order.status + ", not PARKED");
        }
        Instant now = orders.now();
        order.status = OrderStatus.QUEUED;
        order.failures = 0;
        order.nextAttemptAt = now;
        order.updatedAt = now;
        LOG.infof("operator unparked order %s", order.shopOrderId);
        return OrderViews.OrderSummary.of(order);
    }
}
