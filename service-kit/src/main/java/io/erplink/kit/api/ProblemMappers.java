package io.erplink.kit.api;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.persistence.EntityExistsException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import io.erplink.protocol.api.Problem;

/**
 * Every error of every service as an RFC 9457 problem, mapped once here: the kit's domain
 * exceptions, Bean Validation (field by field), a body that is not JSON or not the expected shape,
 * Quarkus' own answers (no such path 404, wrong method 405, media type 415, 400), no or a failing
 * token 401, a missing role 403, a failing database 503 (its SQL and driver message only in the
 * log) and anything unexpected 500. A service maps only what is its own (live-service: the ERP's outage and refusal).
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final Map<Integer, String[]> STATUS_KINDS = Map.of(
            400, new String[] {"bad-request", "Bad request"},
            401, new String[] {"unauthorized", "Credentials required"},
            403, new String[] {"forbidden", "Forbidden"},
            404, new String[] {"not-found", "Not found"},
            405, new String[] {"method-not-allowed", "Method not allowed"},
            406, new String[] {"not-acceptable", "Not acceptable"},
            409, new String[] {"conflict", "Conflict with the resource's state"},
            415, new String[] {"unsupported-media-type", "Unsupported media type"},
            422, new String[] {"unprocessable", "Unprocessable content"});

    @ServerExceptionMapper
    public Response notFound(ResourceNotFound e, HttpServerRequest request) {
        return Problems.response(404, "not-found", "Not found", e.getMessage(), request.path(), List.of());
    }

    @ServerExceptionMapper
    public Response conflict(StateConflict e, HttpServerRequest request) {
        return Problems.response(
                409, "conflict", "Conflict with the resource's state", e.getMessage(), request.path(), List.of());
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInput e, HttpServerRequest request) {
        return Problems.response(400, "invalid-input", "Invalid input", e.getMessage(), request.path(), e.errors());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        boolean returnValue = false;
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            returnValue |= isReturnValue(violation.getPropertyPath());
            errors.add(new Problem.FieldError(field(violation.getPropertyPath()), violation.getMessage()));
        }
        if (returnValue) {
            // The service broke its own promise: not the client's fault.
            return unexpected(e, request);
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return Problems.response(400, "validation-failed", "Validation failed", detail, request.path(), errors);
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e, HttpServerRequest request) {
        return malformed(e, request);
    }

    /** Ahead of quarkus-rest-jackson's own mapper, which answers a different JSON shape. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response wrongShape(MismatchedInputException e, HttpServerRequest request) {
        return malformed(e, request);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json, request);
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            LOG.errorf(e, "%s %s answered %d", request.method(), request.path(), status);
        }
        String[] kind = STATUS_KINDS.getOrDefault(status, new String[] {
            "http-" + status,
            Response.Status.fromStatusCode(status) == null
                    ? "HTTP " + status
                    : Response.Status.fromStatusCode(status).getReasonPhrase()
        });
        Response problem =
                Problems.response(status, kind[0], kind[1], detail(e, status, request), request.path(), List.of());
        // Keep what Quarkus or the resource set (Allow, WWW-Authenticate, Location): only the body changes.
        Response.ResponseBuilder answer =
                Response.fromResponse(original).type(Problem.MEDIA_TYPE).entity(problem.getEntity());
        return answer.build();
    }

    /**
     * No credentials, or ones that fail (expired, another issuer's, not a JWT): 401 as a problem with
     * the mechanism's challenge ({@code WWW-Authenticate}) kept. Ahead of Quarkus' own mapper, which
     * answers without a body. Reached where authentication is lazy ({@code
     * quarkus.http.auth.proactive=false}, as in the operator APIs).
     */
    @ServerExceptionMapper(
            value = {AuthenticationFailedException.class, UnauthorizedException.class},
            priority = Priorities.USER)
    public Uni<Response> unauthenticated(RoutingContext context) {
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        Uni<ChallengeData> challenge = authenticator == null
                ? Uni.createFrom().nullItem()
                : authenticator.getChallenge(context).onFailure().recoverWithNull();
        String path = context.request().path();
        return challenge.map(c -> {
            Response.ResponseBuilder answer = Problems.builder(
                    401,
                    "unauthorized",
                    "Credentials required",
                    "sign in: the request has no valid credentials (a missing, expired or foreign token)",
                    path,
                    List.of());
            if (c != null) {
                c.getHeaders().forEach((name, value) -> answer.header(name.toString(), value));
            }
            return answer.build();
        });
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return Problems.response(
                403,
                "forbidden",
                "Forbidden",
                "your role may not do this: reading needs the read role, changing the admin role",
                request.path(),
                List.of());
    }

    @ServerExceptionMapper
    public Response concurrentChange(OptimisticLockException e, HttpServerRequest request) {
        return Problems.response(
                409,
                "conflict",
                "Conflict with the resource's state",
                "the resource changed meanwhile; read it again",
                request.path(),
                List.of());
    }

    @ServerExceptionMapper
    public Response exists(EntityExistsException e, HttpServerRequest request) {
        return Problems.response(
                409,
                "conflict",
                "Conflict with the resource's state",
                "the resource exists already",
                request.path(),
                List.of());
    }

    @ServerExceptionMapper({DatabaseFailure.class, PersistenceException.class, SQLException.class})
    public Response database(Exception e, HttpServerRequest request) {
        return databaseUnavailable(e, request);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, HttpServerRequest request) {
        if (databaseFailure(e)) {
            // A checked SQLException wrapped on its way out (ArcUndeclaredThrowableException, a rollback).
            return databaseUnavailable(e, request);
        }
        LOG.errorf(e, "%s %s failed unexpectedly", request.method(), request.path());
        return Problems.response(
                500,
                "internal-error",
                "Internal error",
                "the service failed unexpectedly; the cause is in its log",
                request.path(),
                List.of());
    }

    /**
     * A statement or connection failed in the database, here or in any cause: PostgreSQL down,
     * restarting or having dropped the pool's connections. Its SQL and driver message stay in the log.
     */
    static boolean databaseFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException || t instanceof PersistenceException || t instanceof DatabaseFailure) {
                return true;
            }
        }
        return false;
    }

    private static Response databaseUnavailable(Exception e, HttpServerRequest request) {
        LOG.errorf(e, "%s %s: database failure answered 503", request.method(), request.path());
        return Problems.unavailable(
                Problems.Outage.DATABASE, "the database failed to answer; retry the same request", request.path());
    }

    private static Response malformed(JsonProcessingException e, HttpServerRequest request) {
        if (e instanceof JsonParseException || !(e instanceof JsonMappingException mapping)) {
            return Problems.response(
                    400,
                    "malformed-body",
                    "Malformed request body",
                    "the body is not valid JSON: " + e.getOriginalMessage(),
                    request.path(),
                    List.of());
        }
        String field = jsonPath(mapping);
        List<Problem.FieldError> errors = field.isEmpty()
                ? List.of()
                : List.of(new Problem.FieldError(field, "not a value of the expected type"));
        return Problems.response(
                400,
                "malformed-body",
                "Malformed request body",
                field.isEmpty()
                        ? "the body does not have the expected shape"
                        : "the body does not have the expected shape at " + field,
                request.path(),
                errors);
    }

    private static String detail(WebApplicationException e, int status, HttpServerRequest request) {
        String message = e.getMessage();
        boolean generic = message == null || message.startsWith("HTTP " + status);
        // Quarkus' own refusals say the same in its words; ours name the request's method or type.
        return switch (status) {
            case 404 -> generic ? "nothing at " + request.path() : message;
            case 405 -> request.method() + " is not allowed on " + request.path();
            case 415 -> "a body of type " + request.getHeader(HttpHeaders.CONTENT_TYPE) + " is not accepted here";
            case 406 -> "no answer of type " + request.getHeader(HttpHeaders.ACCEPT) + " is available here";
            default -> message == null ? "HTTP " + status : message;
        };
    }

    /** The field as the client named it: a query parameter, or the body property path without the parameter. */
    static String field(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        String parameter = null;
        StringBuilder property = new StringBuilder();
        for (Path.Node node : nodes) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.isInIterable() && !property.isEmpty()) {
                property.append('[')
                        .append(node.getIndex() != null ? node.getIndex() : node.getKey())
                        .append(']');
            }
            if (kind == ElementKind.CONTAINER_ELEMENT || node.getName() == null) {
                continue;
            }
            if (!property.isEmpty()) {
                property.append('.');
            }
            property.append(node.getName());
        }
        if (!property.isEmpty()) {
            return property.toString();
        }
        return parameter == null ? path.toString() : parameter;
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
