package io.erplink.live.pricing;

import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;

import io.erplink.live.pricing.PriceDtos.PriceRequest;
import io.erplink.live.pricing.PriceDtos.PriceResponse;
import io.erplink.live.security.Callers;

@Path("/api/v1/prices")
@Tag(name = "prices", description = "Live prices and stock")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PriceResource {
    @Inject
    PriceService prices;

    @Inject
    Callers callers;

    @Inject
    SecurityIdentity identity;

    @POST
    @Operation(
            summary = "Prices and stock of many products for the caller's customer",
            description =
                    "Each item says where its answer came from (erp, cache, catalog), how old it is and whether it is stale."
                            + " While the ERP is unavailable the answer still comes, from the last ERP answer or the imported catalog.")
    @APIResponse(responseCode = "200", description = "One answer per item, in request order")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "401", description = "Credentials missing or invalid")
    @APIResponse(responseCode = "403", description = "customerId names another customer")
    public CompletionStage<PriceResponse> lookup(@Valid @NotNull PriceRequest request) {
        return prices.lookup(callers.of(identity), request);
    }
}
