package io.erplink.simulator.bc;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.http.HttpServerRequest;

import io.erplink.simulator.bc.auth.BcAuth;
import io.erplink.simulator.bc.data.BcData;
import io.erplink.simulator.bc.data.EntitySet;
import io.erplink.simulator.bc.faults.BcFaults;
import io.erplink.simulator.bc.model.Row;
import io.erplink.simulator.bc.model.Table;
import io.erplink.simulator.bc.odata.BcError;
import io.erplink.simulator.bc.odata.FilterParser;
import io.erplink.simulator.bc.odata.JsonRows;
import io.erplink.simulator.bc.odata.Metadata;
import io.erplink.simulator.bc.odata.PageWriter;
import io.erplink.simulator.bc.odata.QueryOptions;
import io.erplink.simulator.bc.odata.RowBodies;
import io.erplink.simulator.faults.Disruptions;
import io.erplink.simulator.faults.FaultInjector;
import io.erplink.simulator.faults.Faults;

/**
 * Answers every request under {@code /bc}: routes the raw path, authenticates, injects faults and
 * serves the service document, $metadata, companies, entity sets (GET pages, GET/POST/PATCH/DELETE
 * entities) and the API v2.0 views. Errors are BC's error JSON; the token endpoint answers as
 * Entra ID does.
 */
@ApplicationScoped
public class BcService {
    static final String ODATA_JSON =
            "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final JsonFactory JSON = new JsonFactory();
    private static final Logger LOG = Logger.getLogger(BcService.class);

    @Inject
    BcConfig config;

    @Inject
    BcData data;

    @Inject
    BcAuth auth;

    @Inject
    FaultInjector<BcFaults> faults;

    @Inject
    BcStats stats;

    @Inject
    Clock clock;

    private volatile String metadata;

    /** What a path names. */
    /** @param company the company literal (decoded, quotes still doubled), or the API company id */
    private record Route(
            Kind kind,
            String tenant,
            String environment,
            String company,
            String entitySet,
            String keyPredicate,
            String companySegment) {
        Route(Kind kind, String tenant, String environment, String company, String entitySet, String keyPredicate) {
            this(kind, tenant, environment, company, entitySet, keyPredicate, null);
        }
    }

    private enum Kind {
        TOKEN,
        SERVICE_DOCUMENT,
        METADATA,
        COMPANIES,
        COLLECTION,
        ENTITY,
        API_COMPANIES,
        API_COLLECTION
    }

    /** The faults the write-fault counts below belong to ([0]), and the counts: lost POST answers, concurrent edits. */
    private final BcFaults[] writeFaults = new BcFaults[1];

    private final int[] writeFaultCounts = new int[2];

    /**
     * Answers one request. {@code onEnd} registers what runs when the answer has gone out (or the
     * connection closed): the in-flight count of data calls goes down there.
     */
    public Response handle(BcRequest request, HttpServerRequest http, java.util.function.Consumer<Runnable> onEnd) {
        String target = "unrouted";
        try {
            Route route = route(request.rawPath());
            target = target(route);
            if (route.kind() == Kind.TOKEN) {
                return token(request, target);
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
            if (route.kind() == Kind.METADATA || route.kind() == Kind.SERVICE_DOCUMENT) {
                Response answer = route.kind() == Kind.METADATA ? metadata() : serviceDocument(request, route);
                stats.record(target, answer.getStatus());
                return answer;
            }
            int inFlight = stats.enter();
            onEnd.accept(stats::leave);
            FaultDecision decision = fault(route, inFlight, http);
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

    // ---- routing ----

    private static Route route(String rawPath) {
        String rest = rawPath.startsWith("/bc/") ? rawPath.substring(4) : "";
        String[] s = rest.split("/", -1);
        if (s.length == 4 && s[1].equals("oauth2") && s[2].equals("v2.0") && s[3].equals("token")) {
            return new Route(Kind.TOKEN, decode(s[0]), null, null, null, null);
        }
        if (s.length >= 4 && s[0].equals("v2.0") && s[3].equals("ODataV4")) {
            String tenant = decode(s[1]);
            String environment = decode(s[2]);
            if (s.length == 4 || (s.length == 5 && s[4].isEmpty())) {
                return new Route(Kind.SERVICE_DOCUMENT, tenant, environment, null, null, null);
            }
            if (s.length == 5 && s[4].equals("$metadata")) {
                return new Route(Kind.METADATA, tenant, environment, null, null, null);
            }
            if (s.length == 5 && s[4].equals("Company")) {
                return new Route(Kind.COMPANIES, tenant, environment, null, null, null);
            }
            String company = decode(s[4]);
            if (s.length == 6 && company.startsWith("Company('") && company.endsWith("')") && !s[5].isEmpty()) {
                String inner = company.substring("Company('".length(), company.length() - 2);
                String segment = decode(s[5]);
                int open = segment.indexOf('(');
                if (open < 0) {
                    return new Route(Kind.COLLECTION, tenant, environment, inner, segment, null, s[4]);
                }
                if (!segment.endsWith(")")) {
                    throw BcError.badRequest("Bad Request - Error in query syntax: '" + segment + "'.");
                }
                return new Route(
                        Kind.ENTITY,
                        tenant,
                        environment,
                        inner,
                        segment.substring(0, open),
                        segment.substring(open + 1, segment.length() - 1),
                        s[4]);
            }
        }
        if (s.length >= 6 && s[0].equals("v2.0") && s[3].equals("api") && s[4].equals("v2.0")) {
            String tenant = decode(s[1]);
            String environment = decode(s[2]);
            if (s.length == 6 && s[5].equals("companies")) {
                return new Route(Kind.API_COMPANIES, tenant, environment, null, null, null);
            }
            String company = decode(s[5]);
            if (s.length == 7 && company.startsWith("companies(") && company.endsWith(")")) {
                String id = company.substring("companies(".length(), company.length() - 1);
                return new Route(Kind.API_COLLECTION, tenant, environment, id, decode(s[6]), null);
            }
        }
        throw BcError.notFound("No HTTP resource was found that matches the request URI '" + rawPath + "'.");
    }

    /** Percent-decodes a path segment ({@code +} stays a plus in a path). */
    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw BcError.badRequest("The path segment '" + segment + "' is not correctly percent-encoded.");
        }
    }

    private static String target(Route route) {
        return switch (route.kind()) {
            case TOKEN -> "token";
            case SERVICE_DOCUMENT -> "serviceDocument";
            case METADATA -> "$metadata";
            case COMPANIES -> "Company";
            case COLLECTION, ENTITY -> route.entitySet();
            case API_COMPANIES -> "api/companies";
            case API_COLLECTION -> "api/" + route.entitySet();
        };
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

    // ---- token ----

    private Response token(BcRequest request, String target) {
        if (!request.method().equals("POST")) {
            stats.record(target, 405);
            return Response.status(405).build();
        }
        String contentType = request.header("Content-Type");
        if (contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return tokenRefused(
                    target,
                    new BcAuth.Refused(
                            400,
                            "invalid_request",
                            "AADSTS900144: The request body must be application/x-www-form-urlencoded."));
        }
        java.util.Map<String, String> form = new java.util.HashMap<>();
        String body = request.body() == null ? "" : new String(request.body(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        BcAuth.TokenAnswer answer =
                auth.token(form.get("grant_type"), form.get("client_id"), form.get("client_secret"), form.get("scope"));
        if (answer instanceof BcAuth.Refused refused) {
            return tokenRefused(target, refused);
        }
        BcAuth.Issued issued = (BcAuth.Issued) answer;
        stats.record(target, 200);
        return Response.ok(json(json -> {
                    json.writeStringField("token_type", "Bearer");
                    json.writeNumberField("expires_in", issued.expiresIn());
                    json.writeNumberField("ext_expires_in", issued.expiresIn());
                    json.writeStringField("access_token", issued.accessToken());
                }))
                .type(JSON_TYPE)
                .header("Cache-Control", "no-store, no-cache")
                .build();
    }

    private Response tokenRefused(String target, BcAuth.Refused refused) {
        stats.record(target, refused.status());
        return Response.status(refused.status())
                .type(JSON_TYPE)
                .entity(json(json -> {
                    json.writeStringField("error", refused.error());
                    json.writeStringField("error_description", refused.description());
                    json.writeStringField("correlation_id", UUID.randomUUID().toString());
                }))
                .build();
    }

    // ---- faults ----

    /**
     * The injected answer of a data call (null: answer it normally), and whether the call is in the
     * faults' scope (its set, past afterRequests), so its page may still be truncated or stalled.
     */
    private record FaultDecision(Response answer, boolean inScope) {}

    private FaultDecision fault(Route route, int inFlight, HttpServerRequest http) {
        BcFaults active = faults.current();
        if (active.outage()) {
            if (active.outageMode() == Faults.OutageMode.REFUSE) {
                Disruptions.closeConnection(http);
                return new FaultDecision(Response.status(503).build(), true);
            }
            return new FaultDecision(
                    errorResponse(503, "ServiceUnavailable", "The environment is not available (injected outage).")
                            .build(),
                    true);
        }
        boolean inScope = active.covers(route.entitySet()) && faults.countRequest() > active.afterRequests();
        return new FaultDecision(inScope ? injected(active, inFlight) : concurrency(active, inFlight), inScope);
    }

    private static Response concurrency(BcFaults active, int inFlight) {
        if (active.maxConcurrentRequests() > 0 && inFlight > active.maxConcurrentRequests()) {
            return errorResponse(
                            429,
                            "Application_TooManyRequests",
                            "Too many concurrent requests: " + inFlight + " in flight, the limit is "
                                    + active.maxConcurrentRequests() + ".")
                    .build();
        }
        return null;
    }

    /** The faults of a call in scope: concurrency, latency, then one of the injected answers, or null. */
    private Response injected(BcFaults active, int inFlight) {
        Response concurrent = concurrency(active, inFlight);
        if (concurrent != null) {
            return concurrent;
        }
        Disruptions.sleep(faults.latency());
        if (active.throttle429() != null && faults.roll(active.throttle429().rate())) {
            Response.ResponseBuilder answer = errorResponse(
                    429,
                    "Application_TooManyRequests",
                    "Too Many Requests - the request limit for this application has been reached.");
            if (active.throttle429().retryAfterSeconds() > 0) {
                answer.header("Retry-After", active.throttle429().retryAfterSeconds());
            }
            return answer.build();
        }
        if (active.timeout408() != null && faults.roll(active.timeout408().rate())) {
            Disruptions.sleep(active.timeout408().delayMs());
            return errorResponse(408, "RequestTimeout", "The operation has timed out.")
                    .build();
        }
        if (faults.roll(active.gatewayTimeout504Rate())) {
            return Response.status(504)
                    .type("text/html; charset=utf-8")
                    .entity("<html><head><title>504 Gateway Time-out</title></head><body><h1>504 Gateway"
                            + " Time-out</h1><p>The upstream server did not answer in time.</p></body></html>\n")
                    .build();
        }
        if (faults.roll(active.errorRate())) {
            return errorResponse(500, "Internal_ServerError", "An unexpected error occurred (injected).")
                    .build();
        }
        if (active.htmlError() != null && faults.roll(active.htmlError().rate())) {
            return Response.status(active.htmlError().status())
                    .type("text/html; charset=utf-8")
                    .entity("<!DOCTYPE html>\n<html><head><title>Something went wrong</title></head><body>"
                            + "<h1>Sorry, something went wrong.</h1><p>Please try again later.</p></body></html>\n")
                    .build();
        }
        return null;
    }

    // ---- data ----

    private Response data(BcRequest request, Route route, boolean inScope, HttpServerRequest http) {
        String root = request.origin() + "/bc/v2.0/" + route.tenant() + "/" + route.environment() + "/ODataV4/";
        switch (route.kind()) {
            case COMPANIES:
                requireGet(request);
                return companies(root);
            case COLLECTION: {
                company(route.company());
                EntitySet set = entitySet(route.entitySet());
                String context = root + "$metadata#" + route.companySegment() + "/" + set.name();
                if (request.method().equals("GET")) {
                    return page(request, set, context, inScope);
                }
                if (request.method().equals("POST")) {
                    return post(request, set, context, inScope, http);
                }
                throw methodNotAllowed(request);
            }
            case ENTITY: {
                company(route.company());
                EntitySet set = entitySet(route.entitySet());
                Object[] key = FilterParser.parseKey(set, route.keyPredicate());
                String context = root + "$metadata#" + route.companySegment() + "/" + set.name() + "/$entity";
                return switch (request.method()) {
                    case "GET" -> entityAnswer(200, set, find(set, key), context);
                    case "PATCH" -> patch(request, set, key, context, inScope);
                    case "DELETE" -> delete(request, set, key);
                    default -> throw methodNotAllowed(request);
                };
            }
            case API_COMPANIES:
                requireGet(request);
                return apiCompanies(request, route);
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
                return page(request, view, context, inScope);
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

    private Response page(BcRequest request, Table table, String context, boolean inScope) {
        QueryOptions options = QueryOptions.parse(table, request.rawQuery());
        int pageSize = config.pageSize();
        String applied = null;
        String prefer = request.header("Prefer");
        if (prefer != null) {
            for (String preference : prefer.split(",")) {
                String p = preference.strip();
                if (p.startsWith("odata.maxpagesize=")) {
                    try {
                        int asked = Integer.parseInt(
                                p.substring("odata.maxpagesize=".length()).strip());
                        if (asked > 0) {
                            pageSize = Math.min(asked, config.maxPageSize());
                            applied = "odata.maxpagesize=" + pageSize;
                        }
                    } catch (NumberFormatException e) {
                        // an unusable preference is ignored, as preferences are
                    }
                }
            }
        }
        String selectContext = context;
        if (options.select() != null) {
            StringBuilder names = new StringBuilder();
            for (int i : options.select()) {
                names.append(names.isEmpty() ? "" : ",")
                        .append(table.fields().get(i).name());
            }
            selectContext = context + "(" + names + ")";
        }
        PageWriter writer =
                new PageWriter(table, options, pageSize, selectContext, request.origin() + request.rawPath());
        BcFaults active = faults.current();
        boolean truncate = inScope
                && active.truncate() != null
                && faults.roll(active.truncate().rate());
        long cut = truncate ? active.truncate().afterBytes() : 0;
        long stall = inScope ? active.stallMs() : 0;
        StreamingOutput body = out -> writer.write(out, cut, stall);
        Response.ResponseBuilder answer = Response.ok(body).type(ODATA_JSON).header("OData-Version", "4.0");
        if (applied != null) {
            answer.header("Preference-Applied", applied);
        }
        return answer.build();
    }

    private Response entityAnswer(int status, Table set, Row row, String context) {
        String etag = JsonRows.etag(set, row);
        return Response.status(status)
                .type(ODATA_JSON)
                .header("OData-Version", "4.0")
                .header("ETag", etag)
                .entity(json(json -> {
                    json.writeStringField("@odata.context", context);
                    json.writeStringField("@odata.etag", etag);
                    for (int i = 0; i < set.fields().size(); i++) {
                        JsonRows.value(json, set.fields().get(i), row.get(i));
                    }
                }))
                .build();
    }

    private Response post(BcRequest request, EntitySet set, String context, boolean inScope, HttpServerRequest http) {
        JsonNode body = RowBodies.parse(request.body());
        Object[] values = set.blankValues();
        RowBodies.apply(set, body, values);
        set.numberSeries().ifPresent(series -> {
            int no = set.position("No");
            if (RowBodies.isBlank(values[no])) {
                values[no] = set.nextNumber(values);
            }
        });
        autoSplitKey(set, values);
        requireKey(set, values);
        checkReferences(set, values);
        Row row;
        try {
            row = set.insert(values, clock);
        } catch (EntitySet.KeyExists e) {
            throw new BcError(
                    400,
                    "Internal_EntityWithSameKeyExists",
                    "The record in table " + set.name() + " already exists. Identification fields and values: "
                            + keyText(set, values) + ".");
        }
        if (inScope && takeWriteFault(true)) {
            // created, but the client never hears of it (a timeout or a reset on the way back)
            Disruptions.closeConnection(http);
            return Response.status(500).build();
        }
        return entityAnswer(201, set, row, context);
    }

    /**
     * Whether this write gets the next of the count-based faults ({@code lostPostAnswers} for a POST,
     * {@code concurrentEdits} for a PATCH); the counts start again whenever the faults are replaced.
     */
    private boolean takeWriteFault(boolean post) {
        synchronized (writeFaults) {
            BcFaults active = faults.current();
            if (active != writeFaults[0]) {
                writeFaults[0] = active;
                writeFaultCounts[0] = 0;
                writeFaultCounts[1] = 0;
            }
            int kind = post ? 0 : 1;
            int limit = post ? active.lostPostAnswers() : active.concurrentEdits();
            if (writeFaultCounts[kind] < limit) {
                writeFaultCounts[kind]++;
                return true;
            }
            return false;
        }
    }

    /** Lines of a document with Line_No 0 get the next number after the document's last line (+10000). */
    private static void autoSplitKey(EntitySet set, Object[] values) {
        if (!set.name().equals("DynamicwebSalesOrderSalesLines") && !set.name().equals("AssemblyBOM")) {
            return;
        }
        int lineNo = set.position("Line_No");
        if ((Integer) values[lineNo] != 0) {
            return;
        }
        int[] keys = set.keyIndexes();
        Object[] after = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            after[i] = values[keys[i]];
        }
        after[keys.length - 1] = 0;
        int last = 0;
        Iterator<Row> rows = set.rowsAfter(after);
        while (rows.hasNext()) {
            Row row = rows.next();
            boolean same = true;
            for (int i = 0; i < keys.length - 1; i++) {
                same &= row.get(keys[i]).equals(values[keys[i]]);
            }
            if (!same) {
                break;
            }
            last = (Integer) row.get(lineNo);
        }
        values[lineNo] = last + 10000;
    }

    private static void requireKey(EntitySet set, Object[] values) {
        for (int key : set.keyIndexes()) {
            if (RowBodies.isBlank(values[key])
                    && set.fields().get(key).type() != io.erplink.simulator.bc.model.EdmType.ENUM) {
                throw BcError.badRequest("The field " + set.fields().get(key).name() + " of table " + set.name()
                        + " must have a value.");
            }
        }
    }

    /** A sales line needs its order, and an item line an existing item, as BC checks. */
    private void checkReferences(EntitySet set, Object[] values) {
        if (!set.name().equals("DynamicwebSalesOrderSalesLines")) {
            return;
        }
        Object documentType = values[set.position("Document_Type")];
        Object documentNo = values[set.position("Document_No")];
        if (data.set("DynamicwebSalesOrder")
                .orElseThrow()
                .find(new Object[] {documentType, documentNo})
                .isEmpty()) {
            throw new BcError(
                    400,
                    "Internal_RecordNotFound",
                    "The Sales Header does not exist. Identification fields" + " and values: Document Type='"
                            + documentType + "',No.='" + documentNo + "'");
        }
        if ("Item".equals(values[set.position("Type")])) {
            Object no = values[set.position("No")];
            if (data.set("DynamicwebItemCard")
                    .orElseThrow()
                    .find(new Object[] {no})
                    .isEmpty()) {
                throw new BcError(
                        400,
                        "Internal_RecordNotFound",
                        "The Item does not exist. Identification fields and values: No.='" + no + "'");
            }
        }
    }

    private Response patch(BcRequest request, EntitySet set, Object[] key, String context, boolean inScope) {
        String ifMatch = requireIfMatch(request);
        JsonNode body = RowBodies.parse(request.body());
        Row row;
        try {
            if (inScope && takeWriteFault(false)) {
                set.update(key, current -> true, values -> values, clock); // another user saved the record
            }
            row = set.update(
                    key,
                    current -> matches(ifMatch, set, current),
                    values -> {
                        Object[] before = values.clone();
                        RowBodies.apply(set, body, values);
                        for (int k : set.keyIndexes()) {
                            if (set.fields().get(k).compare(before[k], values[k]) != 0) {
                                throw BcError.badRequest("The key field "
                                        + set.fields().get(k).name() + " cannot be changed through PATCH.");
                            }
                        }
                        return values;
                    },
                    clock);
        } catch (EntitySet.NoSuchRow e) {
            throw BcError.notFound(
                    "The record in table " + set.name() + " with key " + Arrays.toString(key) + " does not exist.");
        } catch (EntitySet.VersionConflict e) {
            throw entityChanged();
        }
        return entityAnswer(200, set, row, context);
    }

    private Response delete(BcRequest request, EntitySet set, Object[] key) {
        String ifMatch = requireIfMatch(request);
        try {
            set.delete(key, current -> matches(ifMatch, set, current));
        } catch (EntitySet.NoSuchRow e) {
            throw BcError.notFound(
                    "The record in table " + set.name() + " with key " + Arrays.toString(key) + " does not exist.");
        } catch (EntitySet.VersionConflict e) {
            throw entityChanged();
        }
        return Response.noContent().header("OData-Version", "4.0").build();
    }

    private static String requireIfMatch(BcRequest request) {
        String ifMatch = request.header("If-Match");
        if (ifMatch == null || ifMatch.isBlank()) {
            throw BcError.badRequest("Could not validate the client concurrency token required by the service."
                    + " Please provide a valid token in the client request.");
        }
        return ifMatch.strip();
    }

    private static boolean matches(String ifMatch, Table set, Row current) {
        return ifMatch.equals("*") || ifMatch.equals(JsonRows.etag(set, current));
    }

    private static BcError entityChanged() {
        return new BcError(409, "Request_EntityChanged", "Another user has already changed the record.");
    }

    private static String keyText(EntitySet set, Object[] values) {
        StringBuilder text = new StringBuilder();
        for (int key : set.keyIndexes()) {
            text.append(text.isEmpty() ? "" : ",")
                    .append(set.fields().get(key).name())
                    .append("='")
                    .append(values[key])
                    .append('\'');
        }
        return text.toString();
    }

    // ---- documents ----

    private Response metadata() {
        String csdl = metadata;
        if (csdl == null) {
            List<Table> tables = new java.util.ArrayList<>(data.sets());
            csdl = Metadata.csdl(tables)
                    .replace(
                            "      <EntityContainer Name=\"NAV\">\n",
                            "      <EntityType Name=\"Company\"><Key><PropertyRef Name=\"Name\"/></Key>"
                                    + "<Property Name=\"Name\" Type=\"Edm.String\" Nullable=\"false\" MaxLength=\"30\"/>"
                                    + "<Property Name=\"Evaluation_Company\" Type=\"Edm.Boolean\"/>"
                                    + "<Property Name=\"Display_Name\" Type=\"Edm.String\" MaxLength=\"250\"/>"
                                    + "<Property Name=\"Id\" Type=\"Edm.Guid\"/>"
                                    + "<Property Name=\"Business_Profile_Id\" Type=\"Edm.String\" MaxLength=\"250\"/>"
                                    + "</EntityType>\n      <EntityContainer Name=\"NAV\">\n"
                                    + "        <EntitySet Name=\"Company\" EntityType=\"Microsoft.NAV.Company\"/>\n");
            metadata = csdl;
        }
        return Response.ok(csdl)
                .type("application/xml; charset=utf-8")
                .header("OData-Version", "4.0")
                .build();
    }

    private Response serviceDocument(BcRequest request, Route route) {
        String root = request.origin() + "/bc/v2.0/" + route.tenant() + "/" + route.environment() + "/ODataV4/";
        return Response.ok(json(json -> {
                    json.writeStringField("@odata.context", root + "$metadata");
                    json.writeArrayFieldStart("value");
                    entry(json, "Company");
                    for (EntitySet set : data.sets()) {
                        entry(json, set.name());
                    }
                    json.writeEndArray();
                }))
                .type(ODATA_JSON)
                .header("OData-Version", "4.0")
                .build();
    }

    private static void entry(JsonGenerator json, String name) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeStringField("kind", "EntitySet");
        json.writeStringField("url", name);
        json.writeEndObject();
    }

    private Response companies(String root) {
        return Response.ok(json(json -> {
                    json.writeStringField("@odata.context", root + "$metadata#Company");
                    json.writeArrayFieldStart("value");
                    for (BcData.Company company : data.companies()) {
                        json.writeStartObject();
                        json.writeStringField("Name", company.name());
                        json.writeBooleanField("Evaluation_Company", false);
                        json.writeStringField("Display_Name", company.name());
                        json.writeStringField("Id", company.id().toString());
                        json.writeStringField("Business_Profile_Id", "");
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }))
                .type(ODATA_JSON)
                .header("OData-Version", "4.0")
                .build();
    }

    private Response apiCompanies(BcRequest request, Route route) {
        String context = request.origin() + "/bc/v2.0/" + route.tenant() + "/" + route.environment()
                + "/api/v2.0/$metadata#companies";
        return Response.ok(json(json -> {
                    json.writeStringField("@odata.context", context);
                    json.writeArrayFieldStart("value");
                    for (BcData.Company company : data.companies()) {
                        json.writeStartObject();
                        json.writeStringField("id", company.id().toString());
                        json.writeStringField("systemVersion", "26.0.0.0");
                        json.writeStringField("name", company.name());
                        json.writeStringField("displayName", company.name());
                        json.writeStringField("businessProfileId", "");
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }))
                .type(ODATA_JSON)
                .header("OData-Version", "4.0")
                .build();
    }

    // ---- JSON ----

    /** Writes the fields of one JSON object. */
    @FunctionalInterface
    interface ObjectBody {
        void write(JsonGenerator json) throws IOException;
    }

    static String json(ObjectBody body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static Response.ResponseBuilder errorResponse(int status, String code, String message) {
        String withCorrelation = message + "  CorrelationId:  " + UUID.randomUUID() + ".";
        return Response.status(status)
                .type(JSON_TYPE)
                .header("OData-Version", "4.0")
                .entity(json(json -> {
                    json.writeObjectFieldStart("error");
                    json.writeStringField("code", code);
                    json.writeStringField("message", withCorrelation);
                    json.writeEndObject();
                }));
    }
}
