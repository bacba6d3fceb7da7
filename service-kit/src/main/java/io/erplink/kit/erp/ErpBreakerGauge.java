package io.erplink.kit.erp;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The gauge {@code erplink.erp.breaker.state{breaker,endpoint}} every service registers for each of its
 * ERP circuit breakers: 0 closed, 1 half-open, 2 open. One name across live-, batch- and
 * order-queue-service, so an alert or a dashboard asks one question of all of them (SmallRye's own
 * {@code ft_circuitbreaker_state_current} names Java methods instead of breakers and endpoints).
 */
public final class ErpBreakerGauge {
    /** The metric's name. */
    public static final String NAME = "erplink.erp.breaker.state";

    private ErpBreakerGauge() {}

    /**
     * Registers the gauge of one named breaker ({@code @CircuitBreakerName} or a Guard's {@code name}).
     *
     * @param endpoint the ERP endpoint the breaker guards ({@link ErpTransport#DEFAULT_ENDPOINT} for
     *                 {@code erplink.erp.url})
     */
    public static void register(
            MeterRegistry registry, CircuitBreakerMaintenance maintenance, String breaker, String endpoint) {
        Gauge.builder(NAME, maintenance, m -> value(m, breaker))
                .description("State of an ERP circuit breaker: 0 closed, 1 half-open, 2 open")
                .strongReference(true)
                .tag("breaker", breaker)
                .tag("endpoint", endpoint)
                .register(registry);
    }

    static double value(CircuitBreakerMaintenance maintenance, String breaker) {
        CircuitBreakerState state;
        try {
            state = maintenance.currentState(breaker);
        } catch (IllegalArgumentException e) {
            return Double.NaN; // not registered (yet): no value rather than a wrong "closed"
        }
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }
}
