package io.erplink.kit.erp;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * What every service's operator API tells about one ERP endpoint it calls
 * ({@code GET /api/v1/erp/endpoints}): its circuit breakers, its call budget and, in
 * order-queue-service, whether the queue is paused or draining.
 *
 * @param breaker  the worst state of the endpoint's breakers (OPEN, then HALF_OPEN, then CLOSED)
 * @param breakers each breaker by name (e.g. {@code erp} for reads, {@code erp-export} for exports)
 * @param budget   the call budget and its use over all replicas; null when the endpoint has none
 * @param queue    order-queue-service only: the queue's state; null elsewhere
 */
@Schema(description = "An ERP endpoint's circuit breakers, call budget and (order-queue-service) queue state")
public record ErpEndpointState(
        String endpoint,
        CircuitBreakerState breaker,
        Map<String, CircuitBreakerState> breakers,
        ErpBudget.State budget,
        Queue queue) {

    /**
     * The order queue's state.
     *
     * @param draining    whether this replica is sending queued orders now
     * @param pausedUntil end of the pause a 429 put on the queue's own sending budget, while it runs
     */
    public record Queue(boolean draining, Instant pausedUntil) {}

    /** The state of an endpoint with the given breakers (registered names) and budget. */
    public static ErpEndpointState of(
            String endpoint, List<String> breakerNames, CircuitBreakerMaintenance maintenance, ErpBudget budget) {
        Map<String, CircuitBreakerState> breakers = new TreeMap<>();
        CircuitBreakerState worst = CircuitBreakerState.CLOSED;
        for (String name : breakerNames) {
            CircuitBreakerState state = maintenance.currentState(name);
            breakers.put(name, state);
            if (rank(state) > rank(worst)) {
                worst = state;
            }
        }
        return new ErpEndpointState(endpoint, worst, breakers, budget.limited() ? budget.state() : null, null);
    }

    /** This state with the order queue's. */
    public ErpEndpointState withQueue(Queue queue) {
        return new ErpEndpointState(endpoint, breaker, breakers, budget, queue);
    }

    private static int rank(CircuitBreakerState state) {
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }
}
