package io.erplink.mapping.runs;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Mapping runs (read only): what mapping-service staged and merged per run, chunk by chunk. */
@Path("/api/v1/mapping-runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Mapping runs",
        description = "Runs mapping-service executes: status, counts, chunk progress and row errors")
public class MappingRunResource {
    private static final int MAX_SIZE = 500;

    private final MappingRunQueries queries;

    MappingRunResource(MappingRunQueries queries) {
        this.queries = queries;
    }

    @GET
    @Operation(summary = "Mapping runs, newest first, optionally of one job and in one status")
    @APIResponse(
            responseCode = "200",
            description = "A page of runs (without their chunks)",
            content = @Content(schema = @Schema(implementation = MappingRunView.Page.class)))
    @APIResponse(responseCode = "400", description = "Unknown status or a page/size out of range")
    public Response list(
            @Parameter(description = "Only runs of this job") @QueryParam("job") String job,
            @Parameter(description = "STAGING, MERGED or FAILED") @QueryParam("status") String status,
            @Parameter(description = "Page number, from 0") @QueryParam("page") @DefaultValue("0") int page,
            @Parameter(description = "Runs per page, 1 to 500") @QueryParam("size") @DefaultValue("50") int size) {
        String problem = paging("page", page, "size", size);
        if (problem != null) {
            return badRequest(problem);
        }
        try {
            return Response.ok(queries.list(job, status, page, size)).build();
        } catch (IllegalArgumentException e) {
            return badRequest(e.getMessage());
        }
    }

    @GET
    @Path("/{runId}")
    @Operation(summary = "A mapping run with its counts and one page of its chunks (progress and row errors)")
    @APIResponse(
            responseCode = "200",
            description = "The run",
            content = @Content(schema = @Schema(implementation = MappingRunView.class)))
    @APIResponse(responseCode = "400", description = "chunkPage/chunkSize out of range")
    @APIResponse(responseCode = "404", description = "mapping-service has no such run")
    public Response get(
            @PathParam("runId") String runId,
            @Parameter(description = "Page of the chunks, from 0") @QueryParam("chunkPage") @DefaultValue("0")
                    int chunkPage,
            @Parameter(description = "Chunks per page, 1 to 500") @QueryParam("chunkSize") @DefaultValue("100")
                    int chunkSize) {
        String problem = paging("chunkPage", chunkPage, "chunkSize", chunkSize);
        if (problem != null) {
            return badRequest(problem);
        }
        return queries.get(runId, chunkPage, chunkSize)
                .map(run -> Response.ok(run).build())
                .orElseGet(() -> Response.status(404)
                        .entity(Map.of("problems", List.of("no mapping run " + runId)))
                        .build());
    }

    private static String paging(String pageName, int page, String sizeName, int size) {
        if (page < 0) {
            return pageName + " must be 0 or more, not " + page;
        }
        if (size < 1 || size > MAX_SIZE) {
            return sizeName + " must be between 1 and " + MAX_SIZE + ", not " + size;
        }
        return null;
    }

    private static Response badRequest(String problem) {
        return Response.status(400).entity(Map.of("problems", List.of(problem))).build();
    }
}
