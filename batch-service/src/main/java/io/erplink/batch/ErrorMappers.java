package io.erplink.batch.activities;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Clear JSON errors for refused input. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response invalid(InvalidActivity e) {
        return Response.status(400)
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage()))
                .build();
    }

    @ServerExceptionMapper
    public Response conflict(IllegalStateException e) {
        return Response.status(409)
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", String.valueOf(e.getMessage())))
                .build();
    }
}
