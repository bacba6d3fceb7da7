package io.erplink.simulator.bc;

import java.util.Arrays;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.vertx.core.http.HttpServerRequest;

import io.erplink.simulator.bc.auth.BcAuth;
import io.erplink.simulator.bc.data.BcData;
import io.erplink.simulator.bc.data.EntitySet;
import io.erplink.simulator.bc.model.Row;
import io.erplink.simulator.bc.model.Table;
import io.erplink.simulator.bc.odata.BcError;
import io.erplink.simulator.bc.odata.FilterParser;

import static io.erplink.simulator.bc.BcJson.errorResponse;

/**
 * Answers every request under {@code /bc}: routes the raw path ({@link BcRoute}), authenticates,
 * injects faults ({@link BcFaultGate}) and hands the call to what serves it: the token endpoint,
 * the documents ($metadata, service document, companies), a page of an entity set or API view
 * ({@link EntityPages}) or one entity ({@link EntityWrites}). Errors are BC's error JSON; the token
 * endpoint answers as Entra ID does.
 */
@ApplicationScoped
public class BcService {
    private static final Logger LOG = Logger.getLogger(BcService.class);

    @Inject
    BcData data;

    @Inject
    BcAuth auth;

    @Inject
    BcStats stats;

    @Inject
    BcFaultGate gate;

    @Inject
    TokenEndpoint tokens;

    @Inject
    ServiceDocuments documents;

    @Inject
    EntityPages pages;

    @Inject
    EntityWrites writes;

    /**
     * Answers one request. {@code onEnd} registers what runs when the answer has gone out (or the
     * connection closed): the in-flight count of data calls goes down there.
     */
    public Response handle(BcRequest request, HttpServerRequest http, Consumer<Runnable> onEnd) {
        String target = "unrouted";
        try {
            BcRoute route = BcRoute.of(request.rawPath());
            target = route.target();
            if (route.kind() == BcRoute.Kind.TOKEN) {
                return tokens.answer(request, target);
            }
            String refusal = auth.refusal(request.header("Authorization"));
            if (refusal != null) {
                Response.ResponseBuilder answer = errorResponse(
                        401,
                        "Authentication_InvalidCredentials",
                        "The server has rejected the client credentials. " + refusal);
                answer.header(
                        "WWW-Authenticate",
                        "Bearer authorization_uri=\"https://login.microsoftonline.com/" + route.tenant()
                                + "/oauth2/authorize\", resource_id=\"https://api.businesscentral.dynamics.com\"");
                if (auth.basicEnabled()) {
                    answer.header("WWW-Authenticate", "Basic realm=\"\"");
                }
                stats.record(target, 401);
                return answer.build();
            }
            if (route.kind() == BcRoute.Kind.METADATA || route.kind() == BcRoute.Kind.SERVICE_DOCUMENT) {
                Response answer = route.kind() == BcRoute.Kind.METADATA
                        ? documents.metadata()
                        : documents.serviceDocument(request, route);
                stats.record(target, answer.getStatus());
                return answer;
            }
            int inFlight = stats.enter();
            onEnd.accept(stats::leave);
            BcFaultGate.FaultDecision decision = gate.decide(route.entitySet(), inFlight, http);
            if (decision.answer() != null) {
                stats.record(target, decision.answer().getStatus());
                return decision.answer();
            }
            Response answer = data(request, route, decision.inScope(), http);
            stats.record(target, answer.getStatus());
            return answer;
        } catch (BcError e) {
            stats.record(target, e.status());
            return errorResponse(e.status(), e.code(), e.getMessage()).build();
        } catch (RuntimeException e) {
            // never a stack trace to the client: BC answers its own 500 shape
            LOG.error("BC simulator request failed: " + request.method() + " " + request.rawPath(), e);
            stats.record(target, 500);
            return errorResponse(500, "Internal_ServerError", "An unexpected error occurred: " + e)
                    .build();
        }
    }

    /** The company of an OData v4 path: a string literal, {@code ''} inside for one quote. */
    private BcData.Company company(String literal) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '\'') {
                if (i + 1 < literal.length() && literal.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    throw BcError.badRequest("Bad Request - Error in query syntax: the company name literal '" + literal
                            + "' has a quote that is not doubled.");
                }
            }
            name.append(c);
        }
        return data.company(name.toString())
                .orElseThrow(() -> BcError.notFound("Cannot process the request because the company '" + name
                        + "' does not exist or you do not have access to it."));
    }

    private Response data(BcRequest request, BcRoute route, boolean inScope, HttpServerRequest http) {
        String root = request.origin() + "/bc/v2.0/" + route.tenant() + "/" + route.environment() + "/ODataV4/";
        switch (route.kind()) {
            case COMPANIES:
                requireGet(request);
                return documents.companies(root);
            case COLLECTION: {
                company(route.company());
                EntitySet set = entitySet(route.entitySet());
                String context = root + "$metadata#" + route.companySegment() + "/" + set.name();
                if (request.method().equals("GET")) {
                    return pages.page(request, set, context, inScope);
                }
                if (request.method().equals("POST")) {
                    return writes.post(request, set, context, inScope, http);
                }
                throw methodNotAllowed(request);
            }
            case ENTITY: {
                company(route.company());
                EntitySet set = entitySet(route.entitySet());
                Object[] key = FilterParser.parseKey(set, route.keyPredicate());
                String context = root + "$metadata#" + route.companySegment() + "/" + set.name() + "/$entity";
                return switch (request.method()) {
                    case "GET" -> writes.entityAnswer(200, set, find(set, key), context);
                    case "PATCH" -> writes.patch(request, set, key, context, inScope);
                    case "DELETE" -> writes.delete(request, set, key);
                    default -> throw methodNotAllowed(request);
                };
            }
            case API_COMPANIES:
                requireGet(request);
                return documents.apiCompanies(request, route);
            case API_COLLECTION: {
                requireGet(request);
                UUID id;
                try {
                    id = UUID.fromString(route.company());
                } catch (IllegalArgumentException e) {
                    throw BcError.badRequest("The company id '" + route.company() + "' is not a GUID.");
                }
                // only its existence matters: API rows are the same for every company
                var unusedCompany = data.company(id)
                        .orElseThrow(() -> BcError.notFound("The company with id '" + id + "' does not exist."));
                Table view = data.apiView(route.entitySet())
                        .orElseThrow(
                                () -> BcError.notFound("The entity set '" + route.entitySet() + "' does not exist."));
                String context = request.origin() + "/bc/v2.0/" + route.tenant() + "/" + route.environment()
                        + "/api/v2.0/$metadata#companies(" + id + ")/" + view.name();
                return pages.page(request, view, context, inScope);
            }
            default:
                throw new IllegalStateException(route.kind().toString());
        }
    }

    private static void requireGet(BcRequest request) {
        if (!request.method().equals("GET")) {
            throw methodNotAllowed(request);
        }
    }

    private static BcError methodNotAllowed(BcRequest request) {
        return new BcError(
                405,
                "BadRequest_MethodNotAllowed",
                "The HTTP method '" + request.method() + "' is not allowed on this resource.");
    }

    private EntitySet entitySet(String name) {
        return data.set(name)
                .orElseThrow(() -> BcError.notFound("No HTTP resource was found that matches the request URI: the"
                        + " entity set '" + name + "' is not published."));
    }

    private static Row find(Table set, Object[] key) {
        return set.find(key)
                .orElseThrow(() -> BcError.notFound("The record in table " + set.name() + " with key "
                        + Arrays.toString(key) + " does not exist."));
    }
}
