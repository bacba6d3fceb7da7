package io.erplink.batch.runs;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

import io.erplink.batch.BatchConfig;
import io.erplink.kit.logging.LogContext;

/**
 * This replica's workers: claims runs while it has free slots, executes them on its own threads,
 * renews their leases, and fails runs that went past their deadline. Any number of replicas may do
 * the same against one database; the claim ({@link RunStore#claimNext}) hands each run to one.
 */
@ApplicationScoped
public class RunWorkers {
    private static final Logger LOG = Logger.getLogger(RunWorkers.class);

    private final RunStore store;
    private final RunExecutor executor;
    private final BatchConfig config;
    private final String replica;
    private final Semaphore slots;
    private final ExecutorService pool;
    private final Map<UUID, RunContext> active = new ConcurrentHashMap<>();

    RunWorkers(RunStore store, RunExecutor executor, BatchConfig config) {
        this.store = store;
        this.executor = executor;
        this.config = config;
        this.replica = config.worker().owner().orElseGet(RunWorkers::defaultOwner);
        int concurrency = Math.max(1, config.worker().concurrency());
        this.slots = new Semaphore(concurrency);
        AtomicInteger counter = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "batch-run-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** This replica's name in leases. */
    public String replica() {
        return replica;
    }

    /** Runs currently executed by this replica. */
    public int activeRuns() {
        return active.size();
    }

    @Scheduled(
            every = "${erplink.batch.worker.poll-interval:1s}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!config.worker().enabled()) {
            return;
        }
        while (slots.tryAcquire()) {
            Optional<ClaimedRun> claimed;
            try {
                claimed = store.claimNext(
                        replica + "#" + UUID.randomUUID().toString().substring(0, 8));
            } catch (RuntimeException e) {
                slots.release();
                LOG.warnf("claiming a run failed: %s", e.getMessage());
                return;
            }
            if (claimed.isEmpty()) {
                slots.release();
                return;
            }
            start(claimed.get());
        }
    }

    private void start(ClaimedRun run) {
        RunContext ctx = new RunContext(run);
        active.put(run.id(), ctx);
        LOG.infof(
                "run %s (%s, %s) claimed by %s, attempt %d, from page %d",
                run.id(), run.activityName(), run.kind(), run.owner(), run.attempt(), run.lastCommittedPage() + 1);
        try {
            pool.execute(() -> {
                ctx.bind(Thread.currentThread());
                try (LogContext log =
                        LogContext.put(LogContext.RUN_ID, run.id()).and(LogContext.ACTIVITY, run.activityName())) {
                    executor.execute(ctx);
                } finally {
                    active.remove(run.id(), ctx);
                    slots.release();
                }
            });
        } catch (RuntimeException e) {
            active.remove(run.id(), ctx);
            slots.release();
            throw e;
        }
    }

    /** Renews the leases of this replica's runs; a run whose lease could not be renewed stops. */
    @Scheduled(every = "${erplink.batch.worker.heartbeat:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        for (RunContext ctx : active.values()) {
            try {
                if (!store.heartbeat(ctx.run().id(), ctx.run().owner())) {
                    LOG.warnf(
                            "run %s: lease of %s could not be renewed; the worker stops",
                            ctx.run().id(), ctx.run().owner());
                    ctx.markLost();
                }
            } catch (RuntimeException e) {
                LOG.warnf("run %s: heartbeat failed: %s", ctx.run().id(), e.getMessage());
            }
        }
    }

    /** Fails runs past their deadline (activity timeout, merge timeout). */
    @Scheduled(
            every = "${erplink.batch.worker.reaper-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reap() {
        try {
            int failed = store.failOverdue();
            if (failed > 0) {
                LOG.warnf("%d run(s) failed: past their deadline", failed);
            }
        } catch (RuntimeException e) {
            LOG.warnf("reaping overdue runs failed: %s", e.getMessage());
        }
    }

    @PreDestroy
    void shutdown() {
        active.values().forEach(RunContext::markLost);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String defaultOwner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return host + "/" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
