package io.erplink.batch.erp;

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

/** The ERP endpoints' breakers and call budgets, as this replica sees them (the budget's use is the installation's). */
@Path("/api/v1/erp/endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ERP", description = "State of the ERP endpoints: circuit breakers and call budgets")
public class ErpEndpointResource {
    private final ErpEndpoints endpoints;
    private final CircuitBreakerMaintenance breakers;
    private final ErpBudgets budgets;

    ErpEndpointResource(ErpEndpoints endpoints, CircuitBreakerMaintenance breakers, ErpBudgets budgets) {
        this.endpoints = endpoints;
        this.breakers = breakers;
        this.budgets = budgets;
    }

    @GET
    @Operation(
            summary = "Every ERP endpoint: its read and export breakers, its call budget (null: none) and the budget's"
                    + " use by all replicas")
    public List<ErpEndpointState> list() {
        return endpoints.names().stream()
                .map(name -> ErpEndpointState.of(
                        name,
                        List.of(ErpClient.breaker(name), ErpClient.exportBreaker(name)),
                        breakers,
                        budgets.of(name)))
                .toList();
    }
}
