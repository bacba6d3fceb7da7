package io.erplink.orderqueue.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import io.erplink.kit.erp.ErpBreakerGauge;
import io.erplink.kit.erp.ErpTransport;
import io.erplink.orderqueue.erp.ErpClient;

/**
 * What an operator asks first when orders are not draining, per replica: is sending paused because
 * this replica considers the ERP down ({@code erplink.orderqueue.paused}, 1 while probing), is a drain
 * run going on ({@code erplink.orderqueue.draining}), and the ERP breaker's state
 * ({@code erplink.erp.breaker.state{breaker="erp",endpoint="default"}}). Registers
 * {@code erplink.orderqueue.failed} at startup too.
 */
@ApplicationScoped
class SyncMetrics {
    void register(
            @Observes StartupEvent event,
            MeterRegistry registry,
            ErpAvailability availability,
            Drainer drainer,
            CircuitBreakerMaintenance breakers) {
        Gauge.builder("erplink.orderqueue.paused", availability, a -> a.isUp() ? 0 : 1)
                .description("1 while this replica considers the ERP down: sending paused, probing")
                .strongReference(true) // the gauge would otherwise hold the bean weakly
                .register(registry);
        Gauge.builder("erplink.orderqueue.draining", drainer, d -> d.isDraining() ? 1 : 0)
                .description("1 while a drain run of this replica is sending queued orders")
                .strongReference(true)
                .register(registry);
        // There from the start, so increase() sees the first final failure.
        registry.counter("erplink.orderqueue.failed");
        ErpBreakerGauge.register(registry, breakers, ErpClient.BREAKER, ErpTransport.DEFAULT_ENDPOINT);
    }
}
