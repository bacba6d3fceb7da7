package io.erplink.mapping.runs;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.erplink.kit.api.PageParams;
import io.erplink.kit.api.ResourceNotFound;
import io.erplink.protocol.api.PageOf;

/** Mapping runs (read only): what mapping-service staged and merged per run, chunk by chunk. */
@Path("/api/v1/mapping-runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Mapping runs",
        description = "Runs mapping-service executes: status, counts, chunk progress and row errors")
public class MappingRunResource {
    private final MappingRunQueries queries;

    MappingRunResource(MappingRunQueries queries) {
        this.queries = queries;
    }

    @GET
    @Operation(summary = "Mapping runs, newest first, optionally of one job and in one status (without their chunks)")
    @APIResponse(responseCode = "400", description = "Unknown status or a page/size out of range")
    public PageOf<MappingRunView> list(
            @Parameter(description = "Only runs of this job") @QueryParam("job") String job,
            @Parameter(description = "STAGING, MERGED or FAILED") @QueryParam("status") String status,
            @Valid @BeanParam PageParams paging) {
        return queries.list(job, status, paging);
    }

    @GET
    @Path("/{runId}")
    @Operation(summary = "A mapping run with its counts and one page of its chunks (progress and row errors)")
    @APIResponse(responseCode = "400", description = "chunkPage/chunkSize out of range")
    @APIResponse(responseCode = "404", description = "mapping-service has no such run")
    public MappingRunView get(
            @PathParam("runId") String runId,
            @Parameter(description = "Page of the chunks, from 0") @QueryParam("chunkPage") @DefaultValue("0") @Min(0)
                    int chunkPage,
            @Parameter(description = "Chunks per page, 1 to " + PageParams.MAX_SIZE)
                    @QueryParam("chunkSize")
                    @DefaultValue("100")
                    @Min(1)
                    @Max(PageParams.MAX_SIZE)
                    int chunkSize) {
        return queries.get(runId, chunkPage, chunkSize)
                .orElseThrow(() -> new ResourceNotFound("no mapping run " + runId));
    }
}
