package io.erplink.simulator.bc;

import java.util.function.Consumer;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The Business Central simulator under {@code /bc}: one catch-all per method that hands the raw
 * path to {@link BcService} (company names may hold an encoded {@code /}, which must not split a
 * path segment). See erp-simulator/README.md for the URL layout.
 */
@Path("/bc")
@Tag(name = "bc", description = "Business Central OData v4 simulator (see the module README)")
public class BcResource {

    @Inject
    BcService service;

    @GET
    @Path("{path: .*}")
    @Operation(summary = "Service document, $metadata, companies, entity set pages and entities")
    public Response get(@Context HttpServerRequest http, @Context RoutingContext routing) {
        return handle(http, routing, null);
    }

    @POST
    @Path("{path: .*}")
    @Consumes("*/*")
    @Operation(summary = "OAuth token (form) or a new entity (JSON)")
    public Response post(byte[] body, @Context HttpServerRequest http, @Context RoutingContext routing) {
        return handle(http, routing, body);
    }

    @PATCH
    @Path("{path: .*}")
    @Consumes("*/*")
    @Operation(summary = "Change an entity (If-Match required)")
    public Response patch(byte[] body, @Context HttpServerRequest http, @Context RoutingContext routing) {
        return handle(http, routing, body);
    }

    @PUT
    @Path("{path: .*}")
    @Consumes("*/*")
    @Operation(summary = "Not supported by the simulator (405)")
    public Response put(byte[] body, @Context HttpServerRequest http, @Context RoutingContext routing) {
        return handle(http, routing, body);
    }

    @DELETE
    @Path("{path: .*}")
    @Operation(summary = "Delete an entity (If-Match required)")
    public Response delete(@Context HttpServerRequest http, @Context RoutingContext routing) {
        return handle(http, routing, null);
    }

    private Response handle(HttpServerRequest http, RoutingContext routing, byte[] body) {
        BcRequest request = new BcRequest(
                http.method().name(),
                http.path(),
                http.query(),
                http.scheme() + "://" + http.host(),
                http::getHeader,
                body);
        Consumer<Runnable> onEnd = action -> routing.addEndHandler(ignored -> action.run());
        return service.handle(request, http, onEnd);
    }
}
