package io.erplink.console.deadletters;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
 * Dead letters: the batch.records records mapping-service could not process, decoded (job, sequence,
 * page, first rows, reason), and the re-drive of a run's records once the cause is fixed (admin; a
 * confirmation names how many records go back).
 */
@Path("/dead-letters")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.OPERATOR)
public class DeadLettersResource {
    private final ServiceClient services;
    private final Template list;
    private final Template confirm;
    private final Template message;

    DeadLettersResource(
            ServiceClient services,
            @Location("deadletters/list.html") Template list,
            @Location("deadletters/confirm.html") Template confirm,
            @Location("message.html") Template message) {
        this.services = services;
        this.list = list;
        this.confirm = confirm;
        this.message = message;
    }

    @GET
    public TemplateInstance list(@QueryParam("run") String run, @QueryParam("page") Integer page) {
        Query query = Query.of().with("run", run).with("page", page).with("size", 50);
        return list.data("run", run)
                .data("letters", Fetched.of(() -> services.get(Service.MAPPING, "/api/v1/dead-letters" + query)));
    }

    /** Step one: how many of the run's records would go back on batch.records, to confirm. */
    @POST
    @Path("/redrive/confirm")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance confirmRedrive(@FormParam("run") String run) {
        if (run == null || run.isBlank()) {
            return message.data("ok", false).data("text", "Name the run whose records to re-drive.");
        }
        Map<?, ?> page = (Map<?, ?>) services.get(
                Service.MAPPING,
                "/api/v1/dead-letters" + Query.of().with("run", run).with("size", 1));
        long count = ((Number) page.get("total")).longValue();
        if (count == 0) {
            return message.data("ok", false).data("text", "Run " + run + " has no dead letters.");
        }
        return confirm.data("run", run).data("count", count);
    }

    /** Step two: the re-drive itself. */
    @POST
    @Path("/redrive")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance redrive(@FormParam("run") String run) {
        Map<?, ?> result = (Map<?, ?>) services.post(
                Service.MAPPING, "/api/v1/dead-letters/redrive" + Query.of().with("run", run), null);
        Object records = result.get("records");
        return message.data("ok", true)
                .data(
                        "text",
                        "Re-drove " + records + " " + ("1".equals(String.valueOf(records)) ? "record" : "records")
                                + " of run " + run + " onto batch.records.");
    }
}
