package io.erplink.batch.runs;

import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.erplink.batch.activities.ActivityService;
import io.erplink.kit.api.PageParams;
import io.erplink.protocol.api.PageOf;

/** An activity's runs: here rather than in ActivityResource, so activities never depend on runs. */
@Path("/api/v1/activities/{name}/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Activities")
public class ActivityRunsResource {
    private final ActivityService activities;
    private final RunQueries runs;

    ActivityRunsResource(ActivityService activities, RunQueries runs) {
        this.activities = activities;
        this.runs = runs;
    }

    @GET
    @Operation(summary = "The activity's runs, newest first, one page (Link headers name the others)")
    @APIResponse(responseCode = "404", description = "No such activity")
    public PageOf<RunView> runs(@PathParam("name") String name, @Valid @BeanParam PageParams paging) {
        return runs.search(null, activities.find(name).name, null, null, paging);
    }
}
