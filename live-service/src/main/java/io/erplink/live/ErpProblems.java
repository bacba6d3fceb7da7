package io.erplink.live;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vertx.core.http.HttpServerRequest;

import io.erplink.kit.api.Problems;
import io.erplink.kit.erp.ErpException;
import io.erplink.live.erp.ErpFailures;
import io.erplink.live.erp.ErpRejectedException;
import io.erplink.protocol.ProtocolException;

/**
 * live-service's own problems, in service-kit's format (every other error is service-kit's
 * ProblemMappers'): the ERP refusing a request (422), a request the connector protocol cannot
 * express (400), and the ERP out of reach (503 with {@code Retry-After}).
 */
public class ErpProblems {
    private static final Logger LOG = Logger.getLogger(ErpProblems.class);

    @ServerExceptionMapper
    public Response rejected(ErpRejectedException e, HttpServerRequest request) {
        return Problems.response(
                422,
                "erp-refused",
                "The ERP refused the request",
                "the ERP refused the request: " + e.getMessage(),
                request.path(),
                List.of());
    }

    @ServerExceptionMapper
    public Response protocol(ProtocolException e, HttpServerRequest request) {
        return Problems.response(400, "invalid-input", "Invalid input", e.getMessage(), request.path(), List.of());
    }

    @ServerExceptionMapper
    public Response erp(ErpException e, HttpServerRequest request) {
        return unavailable(e, request);
    }

    @ServerExceptionMapper({CircuitBreakerOpenException.class, BulkheadException.class, TimeoutException.class})
    public Response faultTolerance(RuntimeException e, HttpServerRequest request) {
        return unavailable(e, request);
    }

    private static Response unavailable(Throwable e, HttpServerRequest request) {
        LOG.debugf("answered 503: %s", ErpFailures.reason(e));
        return Problems.unavailable(
                Problems.Outage.ERP, "the ERP is unavailable: " + ErpFailures.reason(e), request.path());
    }
}
