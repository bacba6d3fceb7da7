package io.erplink.batch.runs;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.erplink.kit.api.InvalidInput;
import io.erplink.kit.api.PageParams;
import io.erplink.protocol.api.PageOf;

/** Runs: progress, errors, stop, "run last response". */
@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Runs", description = "Executions of activities with their progress and errors")
public class RunResource {
    private final RunQueries queries;
    private final RunService runs;

    RunResource(RunQueries queries, RunService runs) {
        this.queries = queries;
        this.runs = runs;
    }

    @GET
    @Operation(summary = "Runs across activities, newest first, filtered by status, activity and creation time")
    @APIResponse(responseCode = "400", description = "A filter that is not a status or an ISO-8601 instant")
    public PageOf<RunView> list(
            @Parameter(description = "only runs in this status") @QueryParam("status") String status,
            @Parameter(description = "only runs of this activity") @QueryParam("activity") String activity,
            @Parameter(description = "only runs created at or after this instant (ISO-8601)") @QueryParam("from")
                    String from,
            @Parameter(description = "only runs created before this instant (ISO-8601)") @QueryParam("to") String to,
            @Valid @BeanParam PageParams paging) {
        return queries.search(
                status(status),
                activity == null || activity.isBlank() ? null : activity.strip(),
                instant("from", from),
                instant("to", to),
                paging);
    }

    private static RunStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return RunStatus.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidInput.field("status", "not one of " + Arrays.toString(RunStatus.values()) + ": " + value);
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw InvalidInput.field(name, "not an ISO-8601 instant such as 2026-12-07T09:30:00Z: " + value);
        }
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A run with its progress (pages, rows read/written/skipped/failed, estimate) and errors")
    @APIResponse(responseCode = "404", description = "No such run")
    public RunView get(@PathParam("id") UUID id, @QueryParam("maxErrors") @DefaultValue("100") int maxErrors) {
        return queries.get(id, Math.max(0, Math.min(1000, maxErrors)));
    }

    @GET
    @Path("/{id}/pages")
    @Operation(summary = "The run's committed pages: chunk sequences, rows, bytes, archive file")
    public List<RunPage> pages(@PathParam("id") UUID id) {
        return queries.pages(id);
    }

    @POST
    @Path("/{id}/stop")
    @Operation(summary = "Stop a run that is not finished (STOPPED)")
    @APIResponse(responseCode = "409", description = "The run is finished already")
    public Response stop(@PathParam("id") UUID id) {
        queries.get(id, 0);
        if (!runs.stop(id)) {
            throw new RunConflict("run " + id + " is finished already");
        }
        return Response.ok(queries.get(id, 100)).build();
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Run last response: map the run's archived responses again without calling the ERP")
    @APIResponse(responseCode = "202", description = "A REPLAY run is queued")
    @APIResponse(responseCode = "409", description = "The run has no archived responses")
    public Response replay(@PathParam("id") UUID id) {
        UUID replay = runs.replay(id);
        return Response.accepted(Map.of("runId", replay.toString()))
                .location(URI.create("/api/v1/runs/" + replay))
                .build();
    }
}
