package io.erplink.orderqueue.operator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.erplink.kit.api.InvalidInput;
import io.erplink.kit.api.PageParams;
import io.erplink.orderqueue.orders.OrderFilter;
import io.erplink.orderqueue.orders.OrderStatus;
import io.erplink.protocol.api.PageOf;

/**
 * The operator API on queued orders. Every path needs a bearer token (JWT) whose groups claim holds
 * the read role ({@code erplink.orderqueue.operator.read-role}, default {@code operator}) for GET or the
 * admin role ({@code erplink.orderqueue.operator.admin-role}, default {@code admin}) for the POSTs; see
 * {@link OperatorSecurityPolicy}.
 */
@Path("/api/v1/queued-orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "queued orders", description = "Orders that could not reach the ERP, their attempts and replays")
public class QueuedOrderResource {
    private final OperatorService operator;

    QueuedOrderResource(OperatorService operator) {
        this.operator = operator;
    }

    @GET
    @Operation(summary = "List queued orders, oldest first", description = "Filters combine with AND.")
    public PageOf<OrderViews.OrderSummary> list(
            @Parameter(description = "only orders in this status") @QueryParam("status") String status,
            @Parameter(description = "only orders of this shop") @QueryParam("shop") String shop,
            @Parameter(description = "only orders of this customer") @QueryParam("customer") String customer,
            @Parameter(description = "only orders queued at least this long ago, ISO-8601 duration (PT30M)")
                    @QueryParam("olderThan")
                    String olderThan,
            @Valid @BeanParam PageParams paging) {
        return operator.list(new OrderFilter(status(status), shop, customer, duration("olderThan", olderThan)), paging);
    }

    @GET
    @Path("/counts")
    @Operation(summary = "Orders by status")
    public OrderViews.Counts counts() {
        return operator.counts();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One order with its request and every attempt")
    @APIResponse(responseCode = "404", description = "No such order")
    public OrderViews.OrderDetail get(@PathParam("id") long id) {
        return operator.get(id);
    }

    @POST
    @Path("/{id}/replay")
    @Operation(
            summary = "Send an order again",
            description =
                    "Makes the order due now. A SYNCED order is refused"
                            + " unless force=true; forced, the ERP is asked for the order first, so no second order is created.")
    @APIResponse(responseCode = "200", description = "The order is due now")
    @APIResponse(responseCode = "409", description = "SYNCED without force, or being sent right now")
    public OrderViews.OrderSummary replay(
            @PathParam("id") long id,
            @Parameter(description = "replay a SYNCED order too") @QueryParam("force") @DefaultValue("false")
                    boolean force) {
        return operator.replay(id, force);
    }

    @POST
    @Path("/replay")
    @Operation(
            summary = "Send a selection of orders again",
            description = "By ids, or by filter; each order follows"
                    + " the rules of the single replay, refusals are listed with their reason.")
    public OrderViews.ReplayResult replaySelection(@Valid @NotNull OrderViews.ReplayRequest request) {
        return operator.replay(
                request,
                new OrderFilter(
                        request.status(),
                        request.shop(),
                        request.customer(),
                        duration("olderThan", request.olderThan())));
    }

    @POST
    @Path("/{id}/park")
    @Operation(summary = "Hold an order back", description = "A parked order is never sent until unparked.")
    @APIResponse(responseCode = "409", description = "SYNCED or being sent right now")
    public OrderViews.OrderSummary park(@PathParam("id") long id) {
        return operator.park(id);
    }

    @POST
    @Path("/{id}/unpark")
    @Operation(summary = "Release a parked order", description = "It is due at once, with a fresh failure count.")
    @APIResponse(responseCode = "409", description = "The order is not parked")
    public OrderViews.OrderSummary unpark(@PathParam("id") long id) {
        return operator.unpark(id);
    }

    private static OrderStatus status(String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return OrderStatus.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidInput.field("status", "not one of " + Arrays.toString(OrderStatus.values()) + ": " + value);
        }
    }

    private static Duration duration(String field, String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw InvalidInput.field(field, "not an ISO-8601 duration such as PT30M: " + text);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
