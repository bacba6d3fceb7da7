package io.erplink.console.activities;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

import io.erplink.console.Query;
import io.erplink.console.security.Roles;
import io.erplink.console.services.Fetched;
import io.erplink.console.services.Service;
import io.erplink.console.services.ServiceClient;

/** Activities: schedule, next due, last run; enable, disable, run now (admins). */
@Path("/activities")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.OPERATOR)
public class ActivitiesResource {
    private final ServiceClient services;
    private final Template page;
    private final Template row;

    ActivitiesResource(
            ServiceClient services,
            @Location("activities/list.html") Template page,
            @Location("activities/row.html") Template row) {
        this.services = services;
        this.page = page;
        this.row = row;
    }

    @GET
    public TemplateInstance list() {
        return page.data("activities", Fetched.of(() -> services.get(Service.BATCH, "/api/v1/activities")));
    }

    @POST
    @Path("/{name}/enable")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance enable(@PathParam("name") String name) {
        return row.data(
                "a", services.post(Service.BATCH, "/api/v1/activities/" + Query.segment(name) + "/enable", null));
    }

    @POST
    @Path("/{name}/disable")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance disable(@PathParam("name") String name) {
        return row.data(
                "a", services.post(Service.BATCH, "/api/v1/activities/" + Query.segment(name) + "/disable", null));
    }

    /** Queues a run and opens it, so the operator watches its progress. */
    @POST
    @Path("/{name}/run")
    @RolesAllowed(Roles.ADMIN)
    public Response runNow(@PathParam("name") String name) {
        Map<?, ?> answer =
                (Map<?, ?>) services.post(Service.BATCH, "/api/v1/activities/" + Query.segment(name) + "/run", null);
        String run = String.valueOf(answer.get("runId"));
        return Response.ok("<p class=\"ok\" role=\"status\">Run " + run + " queued.</p>")
                .header("HX-Redirect", "/runs/" + Query.segment(run))
                .build();
    }
}
