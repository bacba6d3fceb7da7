package io.erplink.mapping;

import java.net.URI;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A failing database answers 503 as an RFC 9457 problem; its SQL stays in the log. */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response database(DatabaseFailure e) {
        LOG.error("database failure answered 503", e);
        return Response.status(503)
                .type("application/problem+json")
                .header("Retry-After", 5)
                .entity(new Problem(
                        URI.create("urn:erplink:mapping:problem:database-unavailable"),
                        "Database unavailable",
                        503,
                        "the database failed to answer; try again later"))
                .build();
    }

    /** RFC 9457 problem details. */
    public record Problem(URI type, String title, int status, String detail) {}
}
