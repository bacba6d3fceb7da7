package io.erplink.console.queue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

import io.erplink.console.Query;
import io.erplink.console.security.Roles;
import io.erplink.console.services.Fetched;
import io.erplink.console.services.Service;
import io.erplink.console.services.ServiceClient;

/**
 * The order queue: filter by status, shop and age; an order's attempts; replay one or a selection (a confirmation
 * step names how many), park and unpark, and the forced replay of a SYNCED order, which order-queue-service checks
 * in the ERP before it sends anything. Every action is the admin's.
 */
@Path("/queue")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.OPERATOR)
public class QueueResource {
    static final List<String> STATUSES = List.of("QUEUED", "SENDING", "FAILED", "PARKED", "SYNCED");

    private final ServiceClient services;
    private final Template list;
    private final Template detail;
    private final Template status;
    private final Template confirm;
    private final Template message;

    QueueResource(
            ServiceClient services,
            @Location("queue/list.html") Template list,
            @Location("queue/detail.html") Template detail,
            @Location("queue/status.html") Template status,
            @Location("queue/confirm.html") Template confirm,
            @Location("message.html") Template message) {
        this.services = services;
        this.list = list;
        this.detail = detail;
        this.status = status;
        this.confirm = confirm;
        this.message = message;
    }

    @GET
    public TemplateInstance list(
            @QueryParam("status") String orderStatus,
            @QueryParam("shop") String shop,
            @QueryParam("olderThanMinutes") Integer olderThanMinutes,
            @QueryParam("page") Integer page) {
        if (orderStatus != null && !orderStatus.isBlank() && !STATUSES.contains(orderStatus)) {
            throw new BadRequestException("unknown status " + orderStatus);
        }
        Query query = Query.of()
                .with("status", orderStatus)
                .with("shop", shop)
                .with("olderThan", olderThanMinutes == null ? null : "PT" + Math.max(0, olderThanMinutes) + "M")
                .with("page", page)
                .with("size", 50);
        return list.data("statuses", STATUSES)
                .data("status", orderStatus)
                .data("shop", shop)
                .data("olderThanMinutes", olderThanMinutes)
                .data("orders", Fetched.of(() -> services.get(Service.ORDER_QUEUE, "/api/v1/queued-orders" + query)));
    }

    @GET
    @Path("/{id}")
    public TemplateInstance detail(@PathParam("id") long id) {
        return detail.data("id", id).data("order", order(id));
    }

    /** The order's status and attempts; polled while the order is on its way. */
    @GET
    @Path("/{id}/status")
    public TemplateInstance status(@PathParam("id") long id) {
        return status.data("id", id).data("order", order(id));
    }

    /** Step one of a selection's replay: what would be replayed, named and counted, to confirm. */
    @POST
    @Path("/replay/confirm")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance confirmReplay(@FormParam("ids") List<Long> ids) {
        if (ids == null || ids.isEmpty()) {
            return message.data("ok", false).data("text", "Select at least one order to replay.");
        }
        return confirm.data("ids", ids).data("count", ids.size());
    }

    /** Step two: the replay itself; refusals (e.g. an order being sent right now) are listed with their reason. */
    @POST
    @Path("/replay")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance replaySelection(@FormParam("ids") List<Long> ids) {
        if (ids == null || ids.isEmpty()) {
            return message.data("ok", false).data("text", "Select at least one order to replay.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ids", ids);
        Map<?, ?> result = (Map<?, ?>) services.post(Service.ORDER_QUEUE, "/api/v1/queued-orders/replay", body);
        List<?> replayed = (List<?>) result.get("replayed");
        Map<?, ?> refused = (Map<?, ?>) result.get("refused");
        List<String> lines = new ArrayList<>();
        lines.add("Replayed " + replayed.size() + " of " + ids.size() + " orders.");
        refused.forEach((id, reason) -> lines.add("Order " + id + " refused: " + reason));
        return message.data("ok", refused.isEmpty()).data("text", String.join(" ", lines));
    }

    @POST
    @Path("/{id}/replay")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance replay(@PathParam("id") long id) {
        services.post(Service.ORDER_QUEUE, "/api/v1/queued-orders/" + id + "/replay", null);
        return status.data("id", id).data("order", order(id));
    }

    /** A SYNCED order sent again: order-queue-service asks the ERP for it first, so it is never created twice. */
    @POST
    @Path("/{id}/force")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance force(@PathParam("id") long id) {
        services.post(Service.ORDER_QUEUE, "/api/v1/queued-orders/" + id + "/replay?force=true", null);
        return status.data("id", id).data("order", order(id));
    }

    @POST
    @Path("/{id}/park")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance park(@PathParam("id") long id) {
        services.post(Service.ORDER_QUEUE, "/api/v1/queued-orders/" + id + "/park", null);
        return status.data("id", id).data("order", order(id));
    }

    @POST
    @Path("/{id}/unpark")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance unpark(@PathParam("id") long id) {
        services.post(Service.ORDER_QUEUE, "/api/v1/queued-orders/" + id + "/unpark", null);
        return status.data("id", id).data("order", order(id));
    }

    private Fetched order(long id) {
        return Fetched.of(() -> services.get(Service.ORDER_QUEUE, "/api/v1/queued-orders/" + id));
    }
}
