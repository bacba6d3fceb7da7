package io.erplink.live.erp;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

import io.erplink.kit.erp.ErpBreakerGauge;
import io.erplink.kit.erp.ErpTransport;
import io.erplink.kit.outbox.Outbox;
import io.erplink.live.LiveConfig;
import io.erplink.protocol.events.ErpStatusChanged;
import io.erplink.protocol.events.Topics;

/**
 * Watches the {@code erp} breaker: every change between closed (UP) and open (DOWN) is published on
 * {@code erp.status} through the outbox, shown by the gauge {@code erplink.erp.breaker.state}
 * (0 closed, 1 half-open, 2 open) and reported by the readiness check. While the breaker is not
 * closed, a scheduled probe sends a cheap one-product GetEcomData; when it is answered, the breaker
 * is reset (closed) at once instead of waiting for a half-open trial with a customer's request.
 */
@ApplicationScoped
public class ErpStatusMonitor {
    private static final Logger LOG = Logger.getLogger(ErpStatusMonitor.class);
    static final String SOURCE = "live-service/" + ErpClient.BREAKER;

    private final CircuitBreakerMaintenance maintenance;
    private final ErpClient client;
    private final Outbox outbox;
    private final LiveConfig.Probe probe;
    /** Last status published: UP or DOWN (half-open is still DOWN). */
    private final AtomicReference<ErpStatusChanged.Status> published =
            new AtomicReference<>(ErpStatusChanged.Status.UP);

    private final AtomicReference<Instant> lastChange = new AtomicReference<>(Instant.now());
    private final AtomicReference<String> lastProbe = new AtomicReference<>("not probed yet");
    private final ExecutorService publisher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "erp-status-publisher");
        thread.setDaemon(true);
        return thread;
    });

    ErpStatusMonitor(
            CircuitBreakerMaintenance maintenance,
            ErpClient client,
            Outbox outbox,
            LiveConfig config,
            MeterRegistry registry) {
        this.maintenance = maintenance;
        this.client = client;
        this.outbox = outbox;
        this.probe = config.erp().probe();
        ErpBreakerGauge.register(registry, maintenance, ErpClient.BREAKER, ErpTransport.DEFAULT_ENDPOINT);
    }

    void onStart(@Observes StartupEvent event) {
        maintenance.onStateChange(ErpClient.BREAKER, this::changed);
    }

    @PreDestroy
    void stop() {
        publisher.shutdown();
    }

    /** The breaker's state now. */
    public CircuitBreakerState state() {
        return maintenance.currentState(ErpClient.BREAKER);
    }

    /** When the published status last changed. */
    public Instant lastChange() {
        return lastChange.get();
    }

    /** Outcome of the last probe. */
    public String lastProbe() {
        return lastProbe.get();
    }

    private void changed(CircuitBreakerState state) {
        LOG.infof("ERP circuit breaker '%s' is now %s", ErpClient.BREAKER, state);
        switch (state) {
            case OPEN -> report(ErpStatusChanged.Status.DOWN, "circuit breaker opened after ERP failures");
            case CLOSED -> report(ErpStatusChanged.Status.UP, "circuit breaker closed: the ERP answers again");
            case HALF_OPEN -> {
                // still DOWN until a trial call or the probe succeeds
            }
        }
    }

    private void report(ErpStatusChanged.Status status, String detail) {
        ErpStatusChanged.Status previous = published.getAndSet(status);
        if (previous == status) {
            return;
        }
        Instant at = Instant.now();
        lastChange.set(at);
        ErpStatusChanged event = new ErpStatusChanged(
                UUID.randomUUID().toString(), ErpStatusChanged.VERSION, SOURCE, status, detail, at);
        // Not on the caller's thread: the listener runs inside the breaker, often within a request.
        publisher.execute(() -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> outbox.publish(Topics.ERP_STATUS, SOURCE, event));
            } catch (RuntimeException e) {
                LOG.warnf("could not publish ERP status %s: %s", status, e.getMessage());
            }
        });
    }

    /** The active probe: runs only while the breaker is not closed. */
    @Scheduled(
            every = "${erplink.live.erp.probe.interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void probeWhileOpen() {
        if (state() == CircuitBreakerState.CLOSED) {
            if (published.get() == ErpStatusChanged.Status.DOWN) {
                changed(CircuitBreakerState.CLOSED); // closed by a reset or a half-open trial without a callback
            }
            return;
        }
        try {
            client.probe(probe.productId(), probe.timeout());
        } catch (RuntimeException e) {
            lastProbe.set(Instant.now() + ": ERP not answering: " + e.getMessage());
            LOG.debugf("ERP probe failed: %s", e.getMessage());
            return;
        }
        lastProbe.set(Instant.now() + ": ERP answered");
        maintenance.reset(ErpClient.BREAKER);
        // reset() closes the breaker without a transition callback in every version: report it here.
        changed(CircuitBreakerState.CLOSED);
    }
}
