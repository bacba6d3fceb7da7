package io.erplink.batch.erp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import io.erplink.kit.erp.ErpBreakerGauge;

/**
 * {@code erplink.erp.breaker.state{breaker,endpoint}} for both breakers of every endpoint (reads and
 * exports, {@link ErpClient#breaker} and {@link ErpClient#exportBreaker}), so an open breaker of a
 * second connector shows up as what it is.
 */
@ApplicationScoped
class ErpBreakerMetrics {
    void register(
            @Observes StartupEvent event,
            MeterRegistry registry,
            CircuitBreakerMaintenance breakers,
            ErpEndpoints endpoints) {
        for (String endpoint : endpoints.names()) {
            ErpBreakerGauge.register(registry, breakers, ErpClient.breaker(endpoint), endpoint);
            ErpBreakerGauge.register(registry, breakers, ErpClient.exportBreaker(endpoint), endpoint);
        }
    }
}
