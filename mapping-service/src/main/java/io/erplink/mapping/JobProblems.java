package io.erplink.mapping;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vertx.core.http.HttpServerRequest;

import io.erplink.kit.api.Problems;
import io.erplink.mapping.engine.JobValidationException;
import io.erplink.protocol.api.Problem;

/**
 * mapping-service's own problem: a job that is well-formed but does not compile (saved or
 * previewed) is 422, {@code urn:erplink:problem:invalid-job}, each problem a field error of
 * {@code job}. Every other error is service-kit's.
 */
public class JobProblems {

    @ServerExceptionMapper
    public Response invalidJob(JobValidationException e, HttpServerRequest request) {
        List<Problem.FieldError> errors = e.problems().stream()
                .map(problem -> new Problem.FieldError("job", problem))
                .toList();
        return Problems.response(422, "invalid-job", "Invalid mapping job", e.getMessage(), request.path(), errors);
    }
}
