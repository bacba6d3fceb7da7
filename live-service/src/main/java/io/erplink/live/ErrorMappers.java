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

    /**
     * PostgreSQL down, restarting or having dropped the connection: 503 with Retry-After, so the shop
     * retries the same orderId (its claim is idempotent) instead of reading a 500. Other database
     * failures stay 500. The driver's message is logged, never sent.
     */
    @ServerExceptionMapper({
        org.hibernate.JDBCException.class,
        jakarta.persistence.PersistenceException.class,
        io.quarkus.arc.ArcUndeclaredThrowableException.class
    })
    public Response database(RuntimeException e) {
        if (!databaseUnavailable(e)) {
            LOG.error("request failed", e);
            return problem(500, "internal error");
        }
        LOG.warnf("answered 503, the database is unavailable: %s", rootMessage(e));
        return Response.status(503)
                .type(MediaType.APPLICATION_JSON)
                .header("Retry-After", "2")
                .entity(new Problem(503, "the database is unavailable; retry the same request"))
                .build();
    }

    /** SQLSTATE class 08 (connection exception) or 57P (admin/crash shutdown, cannot connect now) in the causes. */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
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
