package io.erplink.live.erp;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the ERP breaker in the readiness details, and stays UP on purpose: while the ERP is down
 * this pod still serves cached and catalog prices and accepts orders into the queue, so taking it
 * out of the load balancer would turn a degraded shop into a dead one. Alert on the
 * {@code erplink.erp.breaker.state} gauge or {@code erp.status} instead.
 */
@Readiness
@ApplicationScoped
public class ErpReadinessCheck implements HealthCheck {
    private final ErpStatusMonitor monitor;

    ErpReadinessCheck(ErpStatusMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("erp")
                .up()
                .withData("breaker", monitor.state().name())
                .withData(
                        "mode",
                        switch (monitor.state()) {
                            case CLOSED -> "live";
                            case HALF_OPEN, OPEN -> "degraded: fallback prices, orders queued";
                        })
                .withData("since", monitor.lastChange().toString())
                .withData("lastProbe", monitor.lastProbe())
                .build();
    }
}
