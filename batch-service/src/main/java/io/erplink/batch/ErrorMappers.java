package io.erplink.batch;

import java.net.URI;
import java.sql.SQLException;

import jakarta.persistence.EntityExistsException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.erplink.batch.activities.InvalidActivity;
import io.erplink.batch.runs.RunConflict;

/**
 * Errors as RFC 9457 problem details. Refused input is 400, a state that does not allow the
 * operation 409, and a failing database 503: its SQL and the driver's message stay in the log.
 */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    static final String PROBLEM_JSON = "application/problem+json";
    /** Seconds a client waits before retrying after a database failure. */
    static final int DATABASE_RETRY_AFTER = 5;

    @ServerExceptionMapper
    public Response invalid(InvalidActivity e) {
        return problem(400, "invalid-activity", "Invalid activity", e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(RunConflict e) {
        return problem(409, "run-conflict", "The run's state does not allow this", e.getMessage());
    }

    @ServerExceptionMapper
    public Response concurrentChange(OptimisticLockException e) {
        return problem(
                409, "concurrent-change", "Changed concurrently", "the resource changed meanwhile; read it again");
    }

    @ServerExceptionMapper
    public Response exists(EntityExistsException e) {
        return problem(409, "exists", "Exists already", "the resource exists already");
    }

    @ServerExceptionMapper
    public Response database(DatabaseFailure e) {
        return databaseUnavailable(e);
    }

    @ServerExceptionMapper
    public Response database(PersistenceException e) {
        return databaseUnavailable(e);
    }

    @ServerExceptionMapper
    public Response database(SQLException e) {
        return databaseUnavailable(e);
    }

    private static Response databaseUnavailable(Exception e) {
        LOG.error("database failure answered 503", e);
        return Response.fromResponse(problem(
                        503,
                        "database-unavailable",
                        "Database unavailable",
                        "the database failed to answer; try again later"))
                .header("Retry-After", DATABASE_RETRY_AFTER)
                .build();
    }

    private static Response problem(int status, String type, String title, String detail) {
        return Response.status(status)
                .type(PROBLEM_JSON)
                .entity(new Problem(URI.create("urn:erplink:batch:problem:" + type), title, status, detail))
                .build();
    }

    /** RFC 9457 problem details. */
    public record Problem(URI type, String title, int status, String detail) {}
}
