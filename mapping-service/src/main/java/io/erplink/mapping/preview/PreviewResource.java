package io.erplink.mapping.preview;

import java.io.InputStream;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.erplink.kit.api.InvalidInput;

/** Dry run of a mapping job on sample rows: what it would write, skip and reject. Touches no database. */
@Path("/api/v1/preview")
@Produces(MediaType.APPLICATION_JSON)
public class PreviewResource {
    private final PreviewService service;

    PreviewResource(PreviewService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response preview(@Valid @NotNull PreviewRequest request) {
        try {
            return Response.ok(service.preview(request)).build();
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }

    /** The same with sample rows as a {@code <tables>} XML document: {@code POST /api/v1/preview?job=<name>}. */
    @POST
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    public Response previewXml(@QueryParam("job") String job, InputStream body) {
        try {
            return Response.ok(service.previewXml(job, body)).build();
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }
}
