package io.erplink.live;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.erplink.kit.erp.ErpException;
import io.erplink.live.erp.ErpFailures;
import io.erplink.live.erp.ErpRejectedException;
import io.erplink.protocol.ProtocolException;

/** Errors as small JSON documents: {@code {"status":..,"error":..}}. */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    /** The JSON error body. */
    public record Problem(int status, String error) {}

    static Response problem(int status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(new Problem(status, message))
                .build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response original = e.getResponse();
        Response.ResponseBuilder builder = Response.fromResponse(original)
                .type(MediaType.APPLICATION_JSON)
                .entity(new Problem(original.getStatus(), e.getMessage()));
        return builder.build();
    }

    @ServerExceptionMapper
    public Response rejected(ErpRejectedException e) {
        return problem(422, "the ERP refused the request: " + e.getMessage());
    }

    @ServerExceptionMapper
    public Response protocol(ProtocolException e) {
        return problem(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response erp(ErpException e) {
        return unavailable(e);
    }

    @ServerExceptionMapper({CircuitBreakerOpenException.class, BulkheadException.class, TimeoutException.class})
    public Response faultTolerance(RuntimeException e) {
        return unavailable(e);
    }

    private static Response unavailable(Throwable e) {
        LOG.debugf("answered 503: %s", ErpFailures.reason(e));
        return Response.status(503)
                .type(MediaType.APPLICATION_JSON)
                .header("Retry-After", "5")
                .entity(new Problem(503, "the ERP is unavailable: " + ErpFailures.reason(e)))
                .build();
    }
}
