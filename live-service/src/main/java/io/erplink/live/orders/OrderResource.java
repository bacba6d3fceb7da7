package io.erplink.live.orders;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;

import io.erplink.live.cart.CartDtos.Cart;
import io.erplink.live.orders.OrderDtos.OrderStatusView;
import io.erplink.live.security.Callers;

@Path("/api/v1/orders")
@Tag(name = "orders", description = "Order placement and status")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {
    @Inject
    OrderService orders;

    @Inject
    Callers callers;

    @Inject
    SecurityIdentity identity;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Place an order (CalculateOrder, CreateOrder=True)",
            description =
                    "The shop's orderId is the idempotency key: placing it again returns the stored result and never creates a second order.")
    @APIResponse(
            responseCode = "201",
            description = "Created in the ERP (status created); the ERP order number is in erpOrderNumber")
    @APIResponse(
            responseCode = "202",
            description = "The ERP is unavailable: accepted and queued (status queued), follow it with GET")
    @APIResponse(responseCode = "400", description = "Invalid order")
    @APIResponse(responseCode = "409", description = "The orderId was placed before with different content")
    @APIResponse(responseCode = "422", description = "The ERP refused the order")
    public Response place(Cart cart) {
        OrderService.Placement placement = orders.place(callers.of(identity), cart);
        return Response.status(placement.status()).entity(placement.order()).build();
    }

    @GET
    @Path("/{orderId}")
    @Operation(summary = "Status of an order placed through this API")
    @APIResponse(responseCode = "200", description = "The order")
    @APIResponse(responseCode = "403", description = "The order belongs to another customer")
    @APIResponse(responseCode = "404", description = "No such order")
    public OrderStatusView get(@PathParam("orderId") String orderId) {
        return orders.get(callers.of(identity), orderId);
    }
}
