package io.erplink.orderqueue.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import io.erplink.orderqueue.OrderQueueConfig;
import io.erplink.orderqueue.erp.ErpClient;

/**
 * Drains the queue: claims due orders oldest first (one replica per order, under a lease), sends
 * them within the ERP budget with {@code workers} parallel senders, at most
 * {@code max-orders-per-run} per run. Runs on a timer, at once when the ERP is reported back
 * ({@code erp.status} UP or this replica's own probe), and stops a run as soon as the ERP is
 * unreachable, probing until it answers again.
 */
@ApplicationScoped
public class Drainer implements OrderSender.Budget {
    private static final Logger LOG = Logger.getLogger(Drainer.class);

    private final SyncService sync;
    private final OrderSender sender;
    private final ErpAvailability availability;
    private final ErpClient erp;
    private final CircuitBreakerMaintenance breakers;
    private final OrderQueueConfig.Sync config;
    private final ErpBudget budget;
    private final ExecutorService coordinator = Executors.newSingleThreadExecutor(r -> daemon(r, "queue-drainer"));
    private final ExecutorService workers;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "queue-timer"));
    /**
     * One sender of this replica at a time asks the shared budget for a token (and, when none is due
     * within a reservation, waits for it): the others would only find the bucket empty too, each
     * with a locked read and a write of the budget row.
     */
    private final ReentrantLock budgetGate = new ReentrantLock();

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;

    Drainer(
            SyncService sync,
            OrderSender sender,
            ErpAvailability availability,
            ErpClient erp,
            CircuitBreakerMaintenance breakers,
            OrderQueueConfig config,
            ErpBudget budget) {
        this.sync = sync;
        this.sender = sender;
        this.availability = availability;
        this.erp = erp;
        this.breakers = breakers;
        this.config = config.sync();
        this.budget = budget;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(
                Math.max(1, this.config.workers()), r -> daemon(r, "queue-sender-" + n.incrementAndGet()));
        OrderQueueConfig.Erp erpConfig = config.erp();
        Duration longestCall = Duration.ofMillis(erpConfig.lookupCeilingMillis() + erpConfig.createCeilingMillis());
        if (this.config.lease().compareTo(longestCall) <= 0) {
            LOG.warnf(
                    "erplink.orderqueue.sync.lease=%s is not longer than an existence check plus a create at their"
                            + " ceilings (%s): a slow call may outlive its lease",
                    this.config.lease(), longestCall);
        }
        if (erpConfig.createTimeout().toMillis() >= erpConfig.createCeilingMillis()
                || erpConfig.lookupTimeout().toMillis() >= erpConfig.lookupCeilingMillis()) {
            LOG.warnf(
                    "erplink.orderqueue.erp.create-timeout=%s / lookup-timeout=%s reach their hard ceilings"
                            + " (%d ms / %d ms): raise erplink.orderqueue.erp.*-ceiling-millis with them",
                    erpConfig.createTimeout(),
                    erpConfig.lookupTimeout(),
                    erpConfig.createCeilingMillis(),
                    erpConfig.lookupCeilingMillis());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * The drain timer and the probe run on a timer thread of their own, not {@code @Scheduled}: the
     * Quarkus scheduler runs {@code every} values below one second only once a second, which made a
     * 500 ms probe interval a 1 s one (and the ERP's return noticed up to a second late).
     */
    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        timer.scheduleWithFixedDelay(
                () -> guarded(this::onTimer, "drain timer"),
                config.interval().toMillis(),
                config.interval().toMillis(),
                TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(
                () -> guarded(this::probe, "probe"),
                config.probeInterval().toMillis(),
                config.probeInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static void guarded(Runnable task, String name) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // A failed run must not cancel the timer.
            LOG.errorf(e, "%s failed", name);
        }
    }

    void onTimer() {
        if (availability.isUp()) {
            wakeUp();
        }
    }

    /**
     * The ERP is back (this replica's probe, or {@code erp.status} UP from another service): the
     * breaker opened while it was down would refuse the first creates and send the drainer back to
     * probing, so it is reset first.
     */
    void onErpBack(@Observes ErpAvailability.ErpBackUp event) {
        try {
            breakers.reset(ErpClient.BREAKER);
        } catch (RuntimeException e) {
            LOG.debugf("circuit breaker %s not reset: %s", ErpClient.BREAKER, e.getMessage());
        }
        wakeUp();
    }

    /** Whether a drain run is going on in this replica now. */
    public boolean isDraining() {
        return draining.get();
    }

    /** Starts a drain run now, or another one right after the current run. Never blocks. */
    public void wakeUp() {
        if (!config.enabled() || stopping) {
            return;
        }
        again.set(true);
        if (draining.compareAndSet(false, true)) {
            coordinator.execute(this::runWhileWanted);
        }
    }

    private void runWhileWanted() {
        try {
            // Another run follows only when something woke the drainer during this one (the timer
            // does every interval, so a full run is followed by the next one within an interval).
            while (again.getAndSet(false) && availability.isUp() && !stopping) {
                drainOnce();
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "drain run failed");
        } finally {
            draining.set(false);
        }
    }

    /**
     * One run: at most {@code max-orders-per-run} orders, by {@code workers} senders in parallel.
     *
     * @return orders claimed
     */
    int drainOnce() {
        AtomicInteger allowance = new AtomicInteger(config.maxOrdersPerRun());
        AtomicInteger claimed = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < Math.max(1, config.workers()); i++) {
            running.add(workers.submit(() -> senderLoop(allowance, claimed)));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return claimed.get();
            } catch (Exception e) {
                LOG.errorf(e, "sender failed");
            }
        }
        if (claimed.get() > 0) {
            LOG.debugf("drain run: %d orders handled", claimed.get());
        }
        return claimed.get();
    }

    private void senderLoop(AtomicInteger allowance, AtomicInteger claimed) {
        while (!stopping && availability.isUp() && allowance.getAndDecrement() > 0) {
            try {
                SyncService.ClaimResult result = claim();
                if (result.claims().isEmpty()) {
                    allowance.incrementAndGet(); // no order taken: the run's allowance stays
                    if (result.waitNanos() == 0) {
                        return; // nothing due
                    }
                    continue; // stopping or the ERP went down while waiting for a token
                }
                allowance.addAndGet(1 - result.claims().size());
                claimed.addAndGet(result.claims().size());
                // A reserved token: wait for it here, outside the budget gate, so this replica's
                // other senders claim meanwhile and every token is used when it is due.
                TimeUnit.NANOSECONDS.sleep(result.waitNanos());
                sender.sendAll(result.claims(), this);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The orders keep their lease and are recovered when it expires (outcome unknown).
                LOG.errorf(e, "sending a queued order failed; its lease will expire and it is retried");
                return;
            }
        }
    }

    /**
     * Claims due orders with a token of the budget, waiting behind {@link #budgetGate} while the
     * budget is used up for longer than a reservation.
     */
    private SyncService.ClaimResult claim() throws InterruptedException {
        budgetGate.lockInterruptibly();
        try {
            SyncService.ClaimResult result = sync.claimNext();
            while (result.claims().isEmpty() && result.waitNanos() > 0 && !stopping && availability.isUp()) {
                TimeUnit.NANOSECONDS.sleep(Math.min(result.waitNanos(), TimeUnit.SECONDS.toNanos(1)));
                result = sync.claimNext();
            }
            return result;
        } finally {
            budgetGate.unlock();
        }
    }

    @Override
    public void take() throws InterruptedException {
        while (true) {
            ErpBudget.Take token;
            budgetGate.lockInterruptibly();
            try {
                token = budget.tryTakeNow();
            } finally {
                budgetGate.unlock();
            }
            if (token.taken()) {
                TimeUnit.NANOSECONDS.sleep(token.waitNanos());
                return;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(token.waitNanos(), TimeUnit.SECONDS.toNanos(1)));
        }
    }

    @Override
    public void pause(Duration duration) {
        budget.pause(duration);
    }

    /** While the ERP is considered down, asks it whether it answers again. */
    void probe() {
        if (availability.isUp() || !config.enabled()) {
            return;
        }
        try {
            erp.probe();
        } catch (RuntimeException e) {
            LOG.debugf("ERP probe failed: %s", e.getMessage());
            return;
        }
        availability.markUp("probe answered"); // resets the breaker (onErpBack)
    }

    /** Orders whose replica died mid-send go back to the queue (outcome unknown). */
    @Scheduled(
            every = "${erplink.orderqueue.sync.lease-check-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void recoverLeases() {
        int recovered;
        do {
            recovered = sync.recoverExpiredLeases(100);
        } while (recovered == 100);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        timer.shutdownNow();
        coordinator.shutdown();
        workers.shutdown();
        try {
            // Let calls in flight finish and be recorded; what does not finish is recovered by lease.
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
