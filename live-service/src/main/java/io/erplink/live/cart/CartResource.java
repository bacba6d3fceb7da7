package io.erplink.live.cart;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;

import io.erplink.live.cart.CartDtos.CalculatedCart;
import io.erplink.live.cart.CartDtos.Cart;
import io.erplink.live.erp.ErpClient;
import io.erplink.live.security.Caller;
import io.erplink.live.security.Callers;

@Path("/api/v1/cart/calculate")
@Tag(name = "cart", description = "Cart calculation by the ERP")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CartResource {
    @Inject
    ErpClient erp;

    @Inject
    CalculateOrderMapper mapper;

    @Inject
    Callers callers;

    @Inject
    SecurityIdentity identity;

    @POST
    @Operation(
            summary = "Calculate a cart (CalculateOrder, CreateOrder=False)",
            description =
                    "Lines with their product discounts (line type 3), order discounts (type 1), VAT, shipping fee and totals, as the ERP computed them. No fallback: while the ERP is unavailable the answer is 503.")
    @APIResponse(responseCode = "200", description = "The calculated cart")
    @APIResponse(responseCode = "400", description = "Invalid cart")
    @APIResponse(responseCode = "422", description = "The ERP refused the cart (unknown product, currency, ...)")
    @APIResponse(responseCode = "503", description = "The ERP is unavailable")
    public CalculatedCart calculate(Cart cart) {
        Caller caller = callers.of(identity);
        mapper.validate(cart);
        caller.requireSameCustomer(cart.customerId());
        String cartId = cart.orderId() == null || cart.orderId().isBlank()
                ? "CART-" + UUID.randomUUID()
                : cart.orderId().strip();
        return mapper.toCart(
                cartId,
                erp.calculate(
                        mapper.toRequest(caller, cart, cartId, false, ZonedDateTime.now(ZoneId.systemDefault()))));
    }
}
