package io.erplink.batch.activities;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Activities: scheduled imports and exports. */
@Path("/api/v1/activities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Activities",
        description =
                "Scheduled batch tasks: what they request from the ERP, which mapping job they feed, when they run")
public class ActivityResource {
    private final ActivityService activities;

    ActivityResource(ActivityService activities) {
        this.activities = activities;
    }

    @GET
    @Operation(summary = "List the activities, with their next due time")
    public List<ActivityView> list() {
        return activities.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an activity; the request XML is validated with the connector protocol parser")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid activity (the reason is in the body)")
    @APIResponse(responseCode = "409", description = "An activity with this name exists")
    public Response create(@Valid @NotNull ActivityInput input) {
        ActivityView created = activities.create(input);
        return Response.created(URI.create("/api/v1/activities/" + created.name()))
                .entity(created)
                .build();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One activity")
    @APIResponse(responseCode = "404", description = "No such activity")
    public ActivityView get(@PathParam("name") String name) {
        return activities.get(name);
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an activity's settings")
    public ActivityView update(@PathParam("name") String name, @Valid @NotNull ActivityInput input) {
        return activities.update(name, input);
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete an activity and its runs")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("name") String name) {
        activities.delete(name);
        return Response.noContent().build();
    }

    @POST
    @Path("/{name}/enable")
    @Operation(summary = "Enable the schedule")
    public ActivityView enable(@PathParam("name") String name) {
        return activities.setEnabled(name, true);
    }

    @POST
    @Path("/{name}/disable")
    @Operation(summary = "Disable the schedule (running runs go on)")
    public ActivityView disable(@PathParam("name") String name) {
        return activities.setEnabled(name, false);
    }

    @POST
    @Path("/{name}/run")
    @Operation(summary = "Run now: queue a run for the next free worker")
    @APIResponse(responseCode = "202", description = "Queued; follow the Location")
    public Response runNow(@PathParam("name") String name) {
        UUID id = activities.runNow(name);
        return Response.accepted(Map.of("runId", id.toString()))
                .location(URI.create("/api/v1/runs/" + id))
                .build();
    }
}
