package io.erplink.live.documents;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;

import io.erplink.live.documents.DocumentService.DocumentPage;
import io.erplink.live.erp.ErpClient;
import io.erplink.live.security.Caller;
import io.erplink.live.security.Callers;

@Path("/api/v1/documents")
@Tag(name = "documents", description = "Open orders, invoices, credit notes, shipments of the caller's customer")
public class DocumentResource {
    @Inject
    DocumentService documents;

    @Inject
    Callers callers;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A page of the customer's documents, live from the ERP")
    @APIResponse(responseCode = "200", description = "The page and the total count")
    @APIResponse(responseCode = "403", description = "Anonymous, or customerId names another customer")
    @APIResponse(responseCode = "503", description = "The ERP is unavailable")
    public DocumentPage list(
            @QueryParam("type") String type,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @QueryParam("sort") String sort,
            @QueryParam("customerId") String customerId) {
        Caller caller = callers.of(identity);
        caller.requireSameCustomer(customerId);
        return documents.list(caller, type, page, size, sort);
    }

    @GET
    @Path("/{type}/{number}/pdf")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    @Operation(summary = "One of the customer's documents as PDF")
    @APIResponse(responseCode = "200", description = "The PDF")
    @APIResponse(responseCode = "404", description = "The customer has no such document")
    @APIResponse(responseCode = "503", description = "The ERP is unavailable")
    public Response pdf(@PathParam("type") String type, @PathParam("number") String number) {
        ErpClient.Pdf pdf = documents.pdf(callers.of(identity), type, number);
        return Response.ok(pdf.content(), pdf.contentType())
                .header(
                        "Content-Disposition",
                        "inline; filename=\"" + pdf.documentNumber().replaceAll("[^A-Za-z0-9._-]", "_") + ".pdf\"")
                .build();
    }
}
