package io.erplink.simulator.bc;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.erplink.simulator.bc.auth.BcAuth;
import io.erplink.simulator.bc.faults.BcFaults;
import io.erplink.simulator.faults.FaultInjector;

/** The BC simulator's admin calls: faults, statistics, server time, tokens and row changes (for delta tests). */
@Path("/admin/bc")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin-bc", description = "BC simulator: faults, statistics, time, row changes")
public class BcAdminResource {

    @Inject
    FaultInjector<BcFaults> faults;

    @Inject
    BcStats stats;

    @Inject
    BcAuth auth;

    @Inject
    BcChanges changes;

    @Inject
    Clock clock;

    /** Requests by target and status, in-flight data calls and their high-water mark, token requests. */
    public record StatsView(
            Map<String, Map<String, Long>> requests,
            long total,
            int inFlight,
            int concurrentHighWater,
            long tokenRequests,
            long tokensIssued) {}

    @GET
    @Path("/time")
    @Operation(summary = "The server clock (SystemModifiedAt of changed rows comes from it)")
    public Map<String, String> time() {
        return Map.of("now", clock.instant().toString());
    }

    @GET
    @Path("/faults")
    @Operation(summary = "The active BC faults")
    public BcFaults getFaults() {
        return faults.current();
    }

    @PUT
    @Path("/faults")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the BC faults (missing fields are off); restarts the seeded RNG and afterRequests")
    public Response putFaults(BcFaults next) {
        if (next == null) {
            return Response.status(400)
                    .type(MediaType.TEXT_PLAIN)
                    .entity("a JSON body with the faults is required")
                    .build();
        }
        String problems = next.problems();
        if (problems != null) {
            return Response.status(400)
                    .type(MediaType.TEXT_PLAIN)
                    .entity(problems)
                    .build();
        }
        faults.set(next);
        return Response.ok(faults.current()).build();
    }

    @DELETE
    @Path("/faults")
    @Operation(summary = "Switch every BC fault off")
    public BcFaults resetFaults() {
        faults.reset();
        return faults.current();
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Requests per entity set (or token, $metadata, ...) and status; concurrency; token requests")
    public StatsView getStats() {
        return new StatsView(
                stats.requests().snapshot(),
                stats.requests().total(),
                stats.inFlight(),
                stats.highWater(),
                auth.tokenRequests(),
                auth.tokensIssued());
    }

    @DELETE
    @Path("/stats")
    @Operation(summary = "Reset request counts, the concurrency high-water mark and the token counts")
    public Response clearStats() {
        stats.clear();
        auth.resetCounts();
        return Response.noContent().build();
    }

    @POST
    @Path("/tokens/expire")
    @Operation(summary = "Expire every issued access token now")
    public Response expireTokens() {
        auth.expireAll();
        return Response.noContent().build();
    }

    @GET
    @Path("/sets")
    @Operation(summary = "The entity sets: generated rows and changed rows")
    public List<BcChanges.SetView> sets() {
        return new ArrayList<>(changes.sets());
    }

    @POST
    @Path("/sets/{set}/modify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change rows: {\"keys\":[{key fields}], \"values\":{fields}}; each gets a new ETag and"
                    + " SystemModifiedAt = now (values may be empty: a touch)")
    public Response modify(@PathParam("set") String set, byte[] body) {
        return changes.modify(set, body);
    }

    @POST
    @Path("/sets/{set}/insert")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Insert a row: {\"values\":{fields}} (a blank No of a numbered set gets the next number)")
    public Response insert(@PathParam("set") String set, byte[] body) {
        return changes.insert(set, body);
    }

    @POST
    @Path("/sets/{set}/delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete rows: {\"keys\":[{key fields}]}")
    public Response delete(@PathParam("set") String set, byte[] body) {
        return changes.delete(set, body);
    }

    @DELETE
    @Path("/changes")
    @Operation(summary = "Forget every change of every set: back to the generated rows")
    public Response reset() {
        changes.reset();
        return Response.noContent().build();
    }
}
