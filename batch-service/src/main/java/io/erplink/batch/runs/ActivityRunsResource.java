package io.erplink.batch.runs;

import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.erplink.batch.activities.ActivityService;

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
    @Operation(summary = "The activity's runs, newest first")
    public List<RunView> runs(@PathParam("name") String name, @QueryParam("limit") @DefaultValue("50") int limit) {
        return runs.ofActivity(activities.find(name).id, Math.max(1, Math.min(500, limit)));
    }
}
