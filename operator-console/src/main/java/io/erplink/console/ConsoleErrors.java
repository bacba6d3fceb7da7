package io.erplink.console;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.ForbiddenException;

import io.erplink.console.services.ServiceError;

/**
 * How refusals and failed service calls look in the page: a readable message (htmx swaps it into the result area),
 * with the service's own status, so a 409 stays a 409.
 */
public class ConsoleErrors {
    private final Template message;

    ConsoleErrors(@Location("message.html") Template message) {
        this.message = message;
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return html(403, "Refused: this action needs the admin role.");
    }

    @ServerExceptionMapper
    public Response serviceError(ServiceError e) {
        int status = e.status() >= 400 ? e.status() : 502;
        return html(status, e.describe());
    }

    private Response html(int status, String text) {
        // Whatever the action aimed at (a row, a fragment), a refusal goes to the page's result area.
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE)
                .header("HX-Retarget", "#result")
                .header("HX-Reswap", "innerHTML")
                .entity(message.data("ok", false).data("text", text).render())
                .build();
    }
}
