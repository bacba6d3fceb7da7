package io.erplink.batch.exports.odata;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.erplink.batch.erp.ErpCallFailed;
import io.erplink.batch.erp.ErpClient;
import io.erplink.batch.odata.EnumMembers;
import io.erplink.batch.odata.ODataUrls;
import io.erplink.kit.erp.ErpException;

/**
 * Writes one row into an entity set, the way an export must against an ERP that others change too:
 * look the row up by its key fields ({@code $filter}, every value a literal); exactly one match: PATCH it
 * with {@code If-Match} = its {@code @odata.etag}; none: POST; more: a row error. A 409/412 (the record
 * changed since it was read) reads and writes again, up to {@code conflictRetries} times. A 429/408/503/504
 * or a write whose answer was lost (timeout, reset connection, a cut answer) waits (Retry-After, else
 * backoff) and starts again with the lookup, so a POST that did happen is found instead of sent twice.
 * 401/403 stop the run; any other refusal is this row's error.
 */
final class EntityWriter {
    private static final Logger LOG = Logger.getLogger(EntityWriter.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();
    private static final Set<String> NUMERIC =
            Set.of("Edm.Decimal", "Edm.Double", "Edm.Single", "Edm.Int16", "Edm.Int32", "Edm.Int64", "Edm.Byte");
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    /** How a row went in. */
    enum Result {
        INSERTED,
        UPDATED
    }

    /** The row as the ERP has it after the write (its values feed the response mappings). */
    record Written(Result result, JsonNode entity) {}

    /** This row cannot be written; the message says why. The run goes on with the next row. */
    static final class RowError extends RuntimeException {
        RowError(String message) {
            super(message);
        }
    }

    /** Where the writer works: the endpoint, its service root and company, and the run's lease check. */
    record Target(
            String endpoint,
            URI root,
            String company,
            Duration timeout,
            ODataExport spec,
            Map<String, Map<String, String>> properties,
            Map<String, Set<String>> enumTypes,
            Runnable checkpoint) {}

    private final ErpClient erp;
    private final Target target;

    EntityWriter(ErpClient erp, Target target) {
        this.erp = erp;
        this.target = target;
    }

    /** The JSON body of a row for an entity set: each value typed as the service's $metadata says. */
    ObjectNode body(ODataExport.Mapping mapping, java.util.function.Function<String, String> source) {
        Map<String, String> types = target.properties().get(mapping.entitySet());
        ObjectNode body = JSON.createObjectNode();
        for (ODataExport.Column column : mapping.columns()) {
            String value = column.constant() != null ? column.constant() : source.apply(column.source());
            String type = types.get(column.destination());
            if (NUMERIC.contains(type)) {
                if (value.isBlank()) {
                    continue; // the ERP's blank for a number is 0, which it sets itself
                }
                try {
                    body.put(column.destination(), new BigDecimal(value.trim()));
                } catch (NumberFormatException e) {
                    throw new RowError(column.destination() + " (" + type + ") cannot take '" + value + "'");
                }
            } else if (target.enumTypes().containsKey(type)) {
                // an option field takes the member name of the caption, as BC writes it in JSON
                String member = EnumMembers.encode(value);
                if (!target.enumTypes().get(type).contains(member)) {
                    throw new RowError(column.destination() + " has no option '" + value + "' (" + type + ")");
                }
                body.put(column.destination(), member);
            } else if ("Edm.Boolean".equals(type)) {
                body.put(
                        column.destination(),
                        value.trim().equalsIgnoreCase("true") || value.trim().equals("1"));
            } else {
                body.put(column.destination(), value);
            }
        }
        return body;
    }

    /** Writes the row (see the class comment). */
    Written write(ODataExport.Mapping mapping, ObjectNode body) {
        String set = mapping.entitySet();
        String filter = filter(mapping, body);
        String type = "OData." + set;
        int conflicts = 0;
        int transients = 0;
        boolean postInDoubt = false;
        while (true) {
            target.checkpoint().run();
            List<JsonNode> found = lookup(type, set, filter);
            if (found.size() > 1) {
                throw new RowError(found.size() + " rows of " + set + " match " + filter + " (the key fields "
                        + mapping.keys() + " must identify one row)");
            }
            if (found.size() == 1 && postInDoubt) {
                LOG.infof(
                        "%s: the row with %s was created by the POST whose answer was lost; not sent again",
                        set, filter);
                return new Written(Result.INSERTED, found.get(0));
            }
            boolean post = found.isEmpty();
            try {
                if (post) {
                    postInDoubt = true;
                    URI url = ODataUrls.entitySet(target.root(), target.company(), set, null);
                    return new Written(Result.INSERTED, send(type, "POST", url, body, null));
                }
                JsonNode current = found.get(0);
                String etag = current.path("@odata.etag").asText("");
                if (etag.isEmpty()) {
                    throw new RowError(
                            "the row of " + set + " with " + filter + " has no @odata.etag to change it with");
                }
                return new Written(Result.UPDATED, send(type, "PATCH", entityUrl(mapping, current), body, etag));
            } catch (ErpCallFailed e) {
                ErpException cause = (ErpException) e.getCause();
                int status = cause.status();
                if (status == 401 || status == 403) {
                    throw new ExportStopped(ErpException.Kind.REJECTED, e.getMessage(), e);
                }
                if (post && cause.kind() == ErpException.Kind.MALFORMED_RESPONSE) {
                    // a 2xx we cannot read: the row may well exist now, look before anything else
                    transients = pause(++transients, cause);
                    continue;
                }
                postInDoubt = false; // a refusal: nothing was created
                if (status == 409 || status == 412) {
                    if (++conflicts > target.spec().conflicts()) {
                        throw new RowError("the record changed " + conflicts + " times while it was being written"
                                + " (odataExport.conflictRetries="
                                + target.spec().conflicts() + "): "
                                + e.getMessage());
                    }
                    LOG.debugf("%s: %s changed meanwhile, reading it again (%d)", set, filter, conflicts);
                    continue;
                }
                throw new RowError(e.getMessage());
            } catch (ErpException e) {
                transients = pause(++transients, e);
            } catch (CircuitBreakerOpenException | TimeoutException e) {
                transients = pause(
                        ++transients,
                        new ErpException(
                                ErpException.Kind.UNAVAILABLE, 0, type + ": " + e.getMessage(), null, false, e));
            }
        }
    }

    /** Waits before the next try (Retry-After, else backoff); past the bound the run stops. */
    private int pause(int transients, ErpException e) {
        if (transients > target.spec().transients()) {
            throw new ExportStopped(
                    e.kind() == ErpException.Kind.THROTTLED ? e.kind() : ErpException.Kind.UNAVAILABLE,
                    "gave up after " + target.spec().transients() + " tries (odataExport.transientRetries): "
                            + e.getMessage(),
                    e);
        }
        Duration delay = e.retryAfter().orElseGet(() -> {
            Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(10, transients - 1));
            return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
        });
        LOG.debugf("%s; looking the row up again in %s", e.getMessage(), delay);
        long until = System.nanoTime() + delay.toNanos();
        while (System.nanoTime() < until) {
            target.checkpoint().run();
            try {
                Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new ExportStopped(ErpException.Kind.UNAVAILABLE, "interrupted (shutting down)", ie);
            }
        }
        return transients;
    }

    private List<JsonNode> lookup(String type, String set, String filter) {
        URI url = ODataUrls.entitySet(target.root(), target.company(), set, ODataUrls.option("$filter", filter));
        JsonNode page;
        try {
            page = erp.fetchOData(
                    target.endpoint(), type, url, "application/json", 10, target.timeout(), JSON::readTree);
        } catch (ErpCallFailed e) {
            int status = ((ErpException) e.getCause()).status();
            if (status == 401 || status == 403) {
                throw new ExportStopped(ErpException.Kind.REJECTED, e.getMessage(), e);
            }
            throw new RowError("looking the row up failed: " + e.getMessage());
        } catch (ErpException | CircuitBreakerOpenException | TimeoutException e) {
            throw new ExportStopped(ErpException.Kind.UNAVAILABLE, "looking the row up failed: " + e.getMessage(), e);
        }
        List<JsonNode> rows = new ArrayList<>();
        page.path("value").forEach(rows::add);
        if (page.hasNonNull("@odata.nextLink") && rows.size() < 2) {
            rows.add(page.path("@odata.nextLink")); // more rows on the next page: ambiguous either way
        }
        return rows;
    }

    private JsonNode send(String type, String method, URI url, ObjectNode body, String ifMatch) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return erp.writeOData(target.endpoint(), type, method, url, json, ifMatch, target.timeout(), JSON::readTree);
    }

    /** {@code key eq literal and ...} of the row's key fields; no value can change the filter's structure. */
    String filter(ODataExport.Mapping mapping, ObjectNode body) {
        Map<String, String> types = target.properties().get(mapping.entitySet());
        List<String> terms = new ArrayList<>();
        for (String key : mapping.keys()) {
            terms.add(key + " eq " + literal(types.get(key), body.path(key)));
        }
        return String.join(" and ", terms);
    }

    /** The row's address: {@code Set(Key1='a',Key2=10000)} from its key fields as the ERP returned them. */
    URI entityUrl(ODataExport.Mapping mapping, JsonNode row) {
        Map<String, String> types = target.properties().get(mapping.entitySet());
        StringBuilder predicate = new StringBuilder();
        for (String key : mapping.entityKey()) {
            if (!row.has(key)) {
                throw new RowError("the row of " + mapping.entitySet() + " has no key field " + key);
            }
            predicate
                    .append(predicate.isEmpty() ? "" : ",")
                    .append(key)
                    .append('=')
                    .append(ODataUrls.encode(literal(types.get(key), row.path(key))));
        }
        return ODataUrls.entitySet(target.root(), target.company(), mapping.entitySet(), null)
                .resolve(mapping.entitySet() + "(" + predicate + ")");
    }

    private static String literal(String type, JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        if (value.isBoolean()) {
            return Boolean.toString(value.booleanValue());
        }
        String text = value.asText("");
        if ("Edm.Guid".equals(type) && GUID.matcher(text).matches()) {
            return text;
        }
        if ("Edm.Date".equals(type) && text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return text;
        }
        if (NUMERIC.contains(type)) {
            try {
                return new BigDecimal(text.trim()).toPlainString();
            } catch (NumberFormatException e) {
                throw new RowError("key value '" + text + "' is not a number (" + type + ")");
            }
        }
        return ODataUrls.stringLiteral(text);
    }
}
