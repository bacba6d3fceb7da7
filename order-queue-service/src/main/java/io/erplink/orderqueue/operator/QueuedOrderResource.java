package io.erplink.orderqueue.operator;

import java.time.Duration;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.erplink.orderqueue.orders.OrderFilter;
import io.erplink.orderqueue.orders.OrderStatus;

/**
 * The operator API on queued orders. Every path needs a bearer token (JWT) whose groups claim holds
 * the read role ({@code erplink.orderqueue.operator.read-role}, default {@code operator}) for GET or the
 * admin role ({@code erplink.orderqueue.operator.admin-role}, default {@code admin}) for the POSTs; see
 * {@link OperatorSecurityPolicy}.
 */
@Path("/api/v1/queued-orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "queued orders", description = "Orders that could not reach the ERP, their attempts and replays")
@SecurityScheme(
        securitySchemeName = "operator-jwt",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        bearerFormat = "JWT",
        description =
                "A JWT with the operator role (reads) or the admin role (also replays, parks) in its groups claim")
@SecurityRequirement(name = "operator-jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The token lacks the role: operator to read, admin to change")
public class QueuedOrderResource {
    private final OperatorService operator;

    QueuedOrderResource(OperatorService operator) {
        this.operator = operator;
    }

    @GET
    @Operation(summary = "List queued orders, oldest first", description = "Filters combine with AND.")
    public OrderViews.OrderPage list(
            @Parameter(description = "only orders in this status") @QueryParam("status") OrderStatus status,
            @Parameter(description = "only orders of this shop") @QueryParam("shop") String shop,
            @Parameter(description = "only orders of this customer") @QueryParam("customer") String customer,
            @Parameter(description = "only orders queued at least this long ago, ISO-8601 duration (PT30M)")
                    @QueryParam("olderThan")
                    String olderThan,
            @Parameter(description = "page index, from 0") @QueryParam("page") @DefaultValue("0") int page,
            @Parameter(description = "page size") @QueryParam("size") @DefaultValue("50") int size) {
        return operator.list(new OrderFilter(status, shop, customer, duration(olderThan)), page, size);
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
    public OrderViews.ReplayResult replaySelection(OrderViews.ReplayRequest request) {
        if (request == null) {
            throw new BadRequestException("a body with ids or a filter is needed");
        }
        boolean noFilter = request.status() == null
                && blank(request.shop())
                && blank(request.customer())
                && blank(request.olderThan());
        if ((request.ids() == null || request.ids().isEmpty()) && noFilter) {
            throw new BadRequestException("give ids or at least one filter (status, shop, customer, olderThan)");
        }
        return operator.replay(
                request,
                new OrderFilter(request.status(), request.shop(), request.customer(), duration(request.olderThan())));
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

    @ServerExceptionMapper
    Response conflict(OperatorService.Conflict e) {
        return problem(Response.Status.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    Response badRequest(BadRequestException e) {
        return problem(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    Response notFound(OperatorService.NotFound e) {
        return problem(Response.Status.NOT_FOUND, e.getMessage());
    }

    /** An error body operators can read. */
    public record Problem(int status, String error) {}

    private static Response problem(Response.Status status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(new Problem(status.getStatusCode(), message))
                .build();
    }

    private static Duration duration(String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("olderThan must be an ISO-8601 duration such as PT30M, got " + text);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
