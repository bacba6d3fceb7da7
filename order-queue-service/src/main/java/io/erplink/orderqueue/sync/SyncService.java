package io.erplink.orderqueue.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

import io.erplink.kit.outbox.Outbox;
import io.erplink.orderqueue.OrderQueueConfig;
import io.erplink.orderqueue.orders.AttemptKind;
import io.erplink.orderqueue.orders.AttemptOutcome;
import io.erplink.orderqueue.orders.OrderAttempt;
import io.erplink.orderqueue.orders.OrderAttemptRepository;
import io.erplink.orderqueue.orders.OrderStatus;
import io.erplink.orderqueue.orders.QueuedOrder;
import io.erplink.orderqueue.orders.QueuedOrderRepository;
import io.erplink.protocol.events.OrderSynced;
import io.erplink.protocol.events.Topics;

/**
 * The database side of syncing: claiming an order under a lease, recording what each ERP call
 * meant, recovering orders whose replica died. Every status change and its {@code orders.synced}
 * event are written in one transaction (transactional outbox).
 */
@ApplicationScoped
public class SyncService {
    private static final Logger LOG = Logger.getLogger(SyncService.class);
    private static final int MAX_ERROR = 4000;

    /** An order this replica owns until {@code leaseUntil}. */
    /** A claimed order; {@code traceParent} is the order's trace (null with tracing off). */
    public record Claim(
            long id, String shopOrderId, String requestXml, boolean outcomeUnknown, String owner, String traceParent) {}

    private final QueuedOrderRepository orders;
    private final OrderAttemptRepository attempts;
    private final Outbox outbox;
    private final OrderQueueConfig.Sync config;
    private final ReplicaId replica;
    private final MeterRegistry registry;
    private final Backoff backoff;
    private final ErpBudget budget;

    SyncService(
            QueuedOrderRepository orders,
            OrderAttemptRepository attempts,
            Outbox outbox,
            OrderQueueConfig config,
            ReplicaId replica,
            MeterRegistry registry,
            ErpBudget budget) {
        this.budget = budget;
        this.orders = orders;
        this.attempts = attempts;
        this.outbox = outbox;
        this.config = config.sync();
        this.replica = replica;
        this.registry = registry;
        this.backoff = new Backoff(
                this.config.initialBackoff(),
                this.config.maxBackoff(),
                this.config.jitter(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * What {@link #claimNext()} got: orders, nothing due, or no ERP budget yet.
     *
     * @param claims    one order to create, or one or more outcome-unknown orders to check in one call
     *                  (empty when nothing was claimed)
     * @param waitNanos with claims: how long until their budget token is due, the call waits for it;
     *                  without: how long until the next token, when the budget is used up
     */
    public record ClaimResult(List<Claim> claims, long waitNanos) {
        static final ClaimResult NOTHING_DUE = new ClaimResult(List.of(), 0);

        /** Whether the claimed orders need an existence check first. */
        public boolean check() {
            return !claims.isEmpty() && claims.get(0).outcomeUnknown();
        }
    }

    /**
     * Claims due orders (status SENDING under this replica's lease) together with a token of the
     * ERP budget for the first call (possibly reserved, due a little later), in one transaction: the
     * oldest due order with a known outcome, or up to {@code check-batch} outcome-unknown orders for
     * one existence check. Those wait for
     * their check while other orders are due, until {@code check-batch} of them are due or the
     * longest due waited {@code check-max-wait}, so one call checks many.
     */
    @Transactional
    public ClaimResult claimNext() {
        List<String> shops = config.shops().orElse(List.of());
        Instant now = orders.now();
        List<QueuedOrder> unknown = orders.lockDueUnknown(config.minAge(), shops, Math.max(1, config.checkBatch()));
        boolean checkNow = !unknown.isEmpty()
                && (unknown.size() >= config.checkBatch()
                        || !unknown.get(0)
                                .nextAttemptAt
                                .plus(config.checkMaxWait())
                                .isAfter(now));
        List<QueuedOrder> claimed = unknown;
        if (!checkNow) {
            // The locks on the unknown rows end with this transaction; they stay due.
            Optional<QueuedOrder> next = orders.lockNextDue(config.minAge(), shops);
            if (next.isPresent()) {
                claimed = List.of(next.get());
            }
        }
        if (claimed.isEmpty()) {
            return ClaimResult.NOTHING_DUE;
        }
        // The token last: the budget row, which every replica needs, stays locked only for the rest
        // of this short transaction, not while the due orders are looked for.
        ErpBudget.Take token = budget.tryTake();
        if (!token.taken()) {
            return new ClaimResult(List.of(), token.waitNanos()); // the orders stay due; their row locks end here
        }
        return new ClaimResult(claimed.stream().map(order -> lease(order, now)).toList(), token.waitNanos());
    }

    private Claim lease(QueuedOrder order, Instant now) {
        order.status = OrderStatus.SENDING;
        order.leaseOwner = replica.id();
        order.leaseUntil = now.plus(config.lease());
        order.updatedAt = now;
        return new Claim(
                order.id, order.shopOrderId, order.requestXml, order.outcomeUnknown, replica.id(), order.traceParent);
    }

    /**
     * Records an ERP call and applies it to the order: synced (with its {@code orders.synced}
     * event), back to the queue with a backoff, failed for good, or (after an existence check that
     * found nothing) still ours for the create that follows.
     *
     * @return whether this replica still owns the order and may go on with it
     */
    @Transactional
    public boolean record(Claim claim, AttemptResult result) {
        return record(claim, result, true);
    }

    /**
     * Records the result of a batched existence check for one of its orders. An order the ERP does
     * not have goes back to the queue due at once with its outcome known, so the next sender
     * creates it (no lease is held on it in the meantime).
     */
    @Transactional
    public void recordCheck(Claim claim, AttemptResult result) {
        record(claim, result, false);
    }

    private boolean record(Claim claim, AttemptResult result, boolean keepIfNotFound) {
        QueuedOrder order = orders.lock(claim.id()).orElseThrow();
        Instant now = orders.now();
        saveAttempt(order.id, result, replica.id(), now);
        registry.counter(
                        "erplink.orderqueue.attempts",
                        "kind",
                        result.kind().name(),
                        "outcome",
                        result.outcome().name())
                .increment();
        order.attempts++;
        if (order.status != OrderStatus.SENDING || !claim.owner().equals(order.leaseOwner)) {
            // The lease ran out and another replica took over (it checks the ERP before sending).
            LOG.warnf(
                    "order %s: lease lost while talking to the ERP (now %s, owner %s); outcome %s recorded only",
                    order.shopOrderId, order.status, order.leaseOwner, result.outcome());
            if (result.kind() == AttemptKind.CREATE
                    && (result.synced() || result.outcomeUnknown())
                    && order.status != OrderStatus.SYNCED) {
                // This create may have made the order: whoever sends it next asks the ERP first.
                order.outcomeUnknown = true;
            }
            return false;
        }
        order.updatedAt = now;
        if (result.synced()) {
            markSynced(order, result.erpOrderNumber(), now);
            return false;
        }
        if (result.outcome() == AttemptOutcome.NOT_FOUND) {
            // Safe to create now; the create gets a fresh lease, or any sender takes it up.
            order.outcomeUnknown = false;
            if (keepIfNotFound) {
                order.leaseUntil = now.plus(config.lease());
                return true;
            }
            order.status = OrderStatus.QUEUED;
            order.leaseOwner = null;
            order.leaseUntil = null;
            order.nextAttemptAt = now;
            return false;
        }
        if (result.kind() == AttemptKind.CREATE) {
            order.outcomeUnknown = result.outcomeUnknown();
        }
        order.lastError = truncate(result.outcome() + ": " + result.error());
        order.leaseOwner = null;
        order.leaseUntil = null;
        if (result.counted()) {
            order.failures++;
        }
        if (result.counted() && order.failures >= config.maxAttempts()) {
            order.status = OrderStatus.FAILED;
            String error = order.lastError
                    + (order.outcomeUnknown
                            ? " (the last call's outcome is unknown: a replay asks the ERP for the order before sending it)"
                            : "");
            outbox.publish(
                    Topics.ORDERS_SYNCED,
                    order.shopOrderId,
                    new OrderSynced(
                            UUID.randomUUID().toString(),
                            OrderSynced.VERSION,
                            order.shopOrderId,
                            OrderSynced.Status.FAILED,
                            null,
                            error,
                            order.attempts,
                            now));
            registry.counter("erplink.orderqueue.failed").increment();
            LOG.warnf(
                    "order %s FAILED after %d failed attempts: %s", order.shopOrderId, order.failures, order.lastError);
            return false;
        }
        order.status = OrderStatus.QUEUED;
        Duration wait;
        if (result.retryAfter() != null) {
            wait = result.retryAfter();
        } else if (result.counted()) {
            wait = backoff.after(order.failures);
        } else {
            wait = config.unavailableRetryDelay();
        }
        order.nextAttemptAt = now.plus(wait);
        return false;
    }

    private void markSynced(QueuedOrder order, String erpOrderNumber, Instant now) {
        order.status = OrderStatus.SYNCED;
        order.erpOrderNumber = erpOrderNumber;
        order.syncedAt = now;
        order.outcomeUnknown = false;
        order.lastError = null;
        order.leaseOwner = null;
        order.leaseUntil = null;
        outbox.publish(
                Topics.ORDERS_SYNCED,
                order.shopOrderId,
                new OrderSynced(
                        UUID.randomUUID().toString(),
                        OrderSynced.VERSION,
                        order.shopOrderId,
                        OrderSynced.Status.SYNCED,
                        erpOrderNumber,
                        null,
                        order.attempts,
                        now));
        registry.counter("erplink.orderqueue.synced").increment();
    }

    /**
     * Puts orders back whose replica stopped renewing its lease (killed, stalled): they are due again
     * and marked outcome-unknown, so the next sender asks the ERP before creating them.
     *
     * @return orders recovered
     */
    @Transactional
    public int recoverExpiredLeases(int limit) {
        List<QueuedOrder> expired = orders.lockExpiredLeases(limit);
        if (expired.isEmpty()) {
            return 0;
        }
        Instant now = orders.now();
        for (QueuedOrder order : expired) {
            AttemptResult lease = new AttemptResult(
                    AttemptKind.LEASE,
                    order.leaseUntil,
                    null,
                    null,
                    "lease of " + order.leaseOwner + " expired at " + order.leaseUntil + " while sending",
                    AttemptOutcome.LEASE_EXPIRED,
                    null,
                    false,
                    true,
                    null);
            saveAttempt(order.id, lease, replica.id(), now);
            registry.counter(
                            "erplink.orderqueue.attempts",
                            "kind",
                            AttemptKind.LEASE.name(),
                            "outcome",
                            AttemptOutcome.LEASE_EXPIRED.name())
                    .increment();
            LOG.warnf(
                    "order %s: lease of %s expired, back to the queue with an existence check first",
                    order.shopOrderId, order.leaseOwner);
            order.status = OrderStatus.QUEUED;
            order.outcomeUnknown = true;
            order.leaseOwner = null;
            order.leaseUntil = null;
            order.nextAttemptAt = now;
            order.updatedAt = now;
            order.lastError = truncate(lease.error());
        }
        return expired.size();
    }

    private void saveAttempt(long orderId, AttemptResult result, String by, Instant now) {
        OrderAttempt attempt = new OrderAttempt();
        attempt.orderId = orderId;
        attempt.kind = result.kind();
        attempt.startedAt = result.startedAt() == null ? now : result.startedAt();
        attempt.finishedAt = now;
        attempt.replica = by;
        attempt.requestXml = result.request();
        attempt.response = result.response();
        attempt.error = truncate(result.error());
        attempt.outcome = result.outcome();
        attempts.persist(attempt);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR) + "...";
    }
}
