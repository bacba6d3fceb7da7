package io.erplink.orderqueue.operator;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import io.erplink.kit.erp.ErpBudgets;
import io.erplink.kit.erp.ErpEndpointState;
import io.erplink.kit.erp.ErpTransport;
import io.erplink.orderqueue.erp.ErpClient;
import io.erplink.orderqueue.sync.Drainer;
import io.erplink.orderqueue.sync.ErpBudget;

/** The ERP endpoint's breaker, call budget and the queue's state, as this replica sees them. */
@Path("/api/v1/erp/endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ERP", description = "State of the ERP endpoint: circuit breaker, call budget, queue paused or draining")
public class ErpEndpointResource {
    private final CircuitBreakerMaintenance breakers;
    private final ErpBudgets budgets;
    private final ErpBudget queueBudget;
    private final Drainer drainer;

    ErpEndpointResource(
            CircuitBreakerMaintenance breakers, ErpBudgets budgets, ErpBudget queueBudget, Drainer drainer) {
        this.breakers = breakers;
        this.budgets = budgets;
        this.queueBudget = queueBudget;
        this.drainer = drainer;
    }

    @GET
    @Operation(
            summary = "The ERP endpoint: its breaker, its call budget (null: none) and the budget's use by all"
                    + " replicas, and whether this replica drains the queue and the queue's sending is paused by a 429")
    public List<ErpEndpointState> list() {
        String endpoint = ErpTransport.DEFAULT_ENDPOINT;
        return List.of(ErpEndpointState.of(endpoint, List.of(ErpClient.BREAKER), breakers, budgets.of(endpoint))
                .withQueue(new ErpEndpointState.Queue(
                        drainer.isDraining(), queueBudget.pausedUntil().orElse(null))));
    }
}
