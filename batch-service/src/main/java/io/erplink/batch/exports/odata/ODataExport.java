package io.erplink.batch.exports.odata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.erplink.batch.odata.Condition;
import io.erplink.batch.odata.ODataUrls;

/**
 * What an export activity on an odata-v4 endpoint writes: the table mappings of its mapping job
 * ({@code bc-export-*} of seed 004) from commerce tables to entity sets, each with the destination fields
 * that identify a row in the ERP, and the response mappings that write the ERP's values back. Stored with
 * the activity as JSON.
 *
 * @param mappings         the table mappings, exported in this order
 * @param conflictRetries  how often a row whose record changed in the ERP meanwhile (409/412) is read and
 *                         written again before it becomes a row error; default 3
 * @param transientRetries how often a row's write is tried again after a 429/408/503/504 or a lost answer
 *                         (each time after looking the row up again) before the run stops; default 5
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ODataExport", description = "The OData v4 destination of an export activity on an odata-v4 endpoint")
public record ODataExport(
        @Schema(required = true, description = "Table mappings, exported in this order")
        List<Mapping> mappings,

        @Schema(description = "Re-reads and re-writes of a row whose record changed meanwhile (409/412); default 3")
        Integer conflictRetries,

        @Schema(description = "Tries of a row's write after 429/408/503/504 or a lost answer; default 5")
        Integer transientRetries) {

    public static final int DEFAULT_CONFLICT_RETRIES = 3;
    public static final int DEFAULT_TRANSIENT_RETRIES = 5;
    /** A commerce table or column name (written into SQL, so nothing else is accepted). */
    static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public ODataExport {
        mappings = mappings == null ? List.of() : List.copyOf(mappings);
    }

    public int conflicts() {
        return conflictRetries == null ? DEFAULT_CONFLICT_RETRIES : conflictRetries;
    }

    public int transients() {
        return transientRetries == null ? DEFAULT_TRANSIENT_RETRIES : transientRetries;
    }

    /**
     * A table mapping: rows of {@code sourceTable} that meet the conditionals, written to
     * {@code entitySet}. A row is looked up by the values its columns give the {@code keys} fields:
     * one match is changed (PATCH with its ETag), none is created (POST), more are a row error.
     *
     * @param name       shown in messages; default {@code sourceTable -> entitySet}
     * @param sourceTable the commerce table (e.g. {@code AccessUser}, {@code EcomOrders})
     * @param entitySet  the web service (e.g. {@code DynamicwebCustomerCard})
     * @param conditions the conditionals (AND), as mapping-service applies them
     * @param columns    what the ERP row gets: a source column's value, or a constant
     * @param keys       destination fields that identify the row in the ERP (the lookup {@code $filter})
     * @param entityKey  the entity set's key fields (addressing the row to change); default {@code keys}
     * @param sourceKey  the columns that identify the commerce row (write-back, row errors)
     * @param response   ERP fields written back into the commerce row after the write (e.g. {@code No})
     * @param parentLink for a mapping under another: this table's column = the parent row's column; none
     *                   (and the parent's table): the parent row itself (e.g. an order's fee line)
     * @param fromParent columns taken from the parent row (after its write-back), e.g. the ERP order number
     * @param children   mappings written after each row of this one was, for its lines
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ODataExportMapping")
    public record Mapping(
            String name,
            @Schema(required = true, example = "AccessUser") String sourceTable,

            @Schema(required = true, example = "DynamicwebCustomerCard")
            String entitySet,

            List<Condition> conditions,
            @Schema(required = true) List<Column> columns,

            @Schema(required = true, description = "Destination fields identifying the ERP row", example = "[\"No\"]")
            List<String> keys,

            @Schema(description = "The entity set's key fields; default keys")
            List<String> entityKey,

            @Schema(required = true, description = "Columns identifying the commerce row")
            List<String> sourceKey,

            @Schema(description = "ERP fields written back into the commerce row")
            List<Response> response,

            @Schema(description = "This table's column -> the parent row's column")
            Map<String, String> parentLink,

            @Schema(description = "Columns taken from the parent row")
            List<String> fromParent,

            @Schema(description = "Mappings written after each row of this one")
            List<Mapping> children) {

        public Mapping {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
            columns = columns == null ? List.of() : List.copyOf(columns);
            keys = keys == null ? List.of() : List.copyOf(keys);
            entityKey = entityKey == null || entityKey.isEmpty() ? keys : List.copyOf(entityKey);
            sourceKey = sourceKey == null ? List.of() : List.copyOf(sourceKey);
            response = response == null ? List.of() : List.copyOf(response);
            parentLink = parentLink == null ? Map.of() : Map.copyOf(parentLink);
            fromParent = fromParent == null ? List.of() : List.copyOf(fromParent);
            children = children == null ? List.of() : List.copyOf(children);
        }

        public String label() {
            return name != null && !name.isBlank() ? name : sourceTable + " -> " + entitySet;
        }
    }

    /** A destination field and its value: a source column's, or a constant. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ODataExportColumn")
    public record Column(
            String source, @Schema(required = true) String destination, String constant) {}

    /** An ERP field ({@code destination}) whose value is written into a commerce column ({@code source}). */
    @Schema(name = "ODataExportResponse")
    public record Response(
            @Schema(required = true, example = "No") String destination,

            @Schema(required = true, example = "AccessUserExternalId")
            String source) {}

    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** As the JSON text stored with the activity. */
    public static String write(ODataExport export) {
        if (export == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(export);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an OData export: " + e.getMessage(), e);
        }
    }

    public static ODataExport read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readValue(json, ODataExport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored OData export is not readable: " + e.getOriginalMessage(), e);
        }
    }

    /** What is wrong with it, or null. */
    public String problem() {
        if (mappings.isEmpty()) {
            return "odataExport.mappings: at least one table mapping";
        }
        if (conflicts() < 0 || transients() < 0) {
            return "odataExport.conflictRetries and transientRetries must not be negative";
        }
        List<String> problems = new ArrayList<>();
        mappings.forEach(m -> check(m, null, problems));
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private static void check(Mapping m, Mapping parent, List<String> problems) {
        String at = "odataExport mapping " + m.label() + ": ";
        if (m.sourceTable() == null || !SQL_NAME.matcher(m.sourceTable()).matches()) {
            problems.add(at + "sourceTable must be a table name");
            return;
        }
        if (m.entitySet() == null
                || !ODataUrls.IDENTIFIER.matcher(m.entitySet()).matches()) {
            problems.add(at + "entitySet must be an OData identifier, e.g. DynamicwebCustomerCard");
            return;
        }
        if (m.columns().isEmpty()) {
            problems.add(at + "columns: at least one");
        }
        for (Column c : m.columns()) {
            if (c.destination() == null
                    || !ODataUrls.IDENTIFIER.matcher(c.destination()).matches()) {
                problems.add(at + "column destination " + c.destination() + " is not a property name");
            }
            if ((c.source() == null) == (c.constant() == null)) {
                problems.add(at + "column " + c.destination() + " needs either source or constant");
            } else if (c.source() != null && !SQL_NAME.matcher(c.source()).matches()) {
                problems.add(at + "column source " + c.source() + " is not a column name");
            }
        }
        if (m.keys().isEmpty()) {
            problems.add(at + "keys: the destination fields that identify a row in the ERP");
        }
        for (String key : m.keys()) {
            if (m.columns().stream().noneMatch(c -> key.equals(c.destination()))) {
                problems.add(at + "key " + key + " is not one of the mapped destination fields");
            }
        }
        for (String key : m.entityKey()) {
            if (key == null || !ODataUrls.IDENTIFIER.matcher(key).matches()) {
                problems.add(at + "entityKey " + key + " is not a property name");
            }
        }
        if (m.sourceKey().isEmpty() && parent == null) {
            problems.add(at + "sourceKey: the columns that identify a " + m.sourceTable() + " row");
        }
        List<String> names = new ArrayList<>(m.sourceKey());
        names.addAll(m.fromParent());
        names.addAll(m.parentLink().keySet());
        names.addAll(m.parentLink().values());
        m.response().forEach(r -> names.add(r.source()));
        for (String name : names) {
            if (name == null || !SQL_NAME.matcher(name).matches()) {
                problems.add(at + name + " is not a column name");
            }
        }
        for (Response r : m.response()) {
            if (r.destination() == null
                    || !ODataUrls.IDENTIFIER.matcher(r.destination()).matches()) {
                problems.add(at + "response destination " + r.destination() + " is not a property name");
            }
        }
        if (!m.response().isEmpty() && m.sourceKey().isEmpty()) {
            problems.add(at + "a response mapping needs sourceKey to find the row to write back");
        }
        if (parent == null && (!m.parentLink().isEmpty() || !m.fromParent().isEmpty())) {
            problems.add(at + "parentLink and fromParent are for mappings under another mapping (children)");
        }
        if (parent != null && m.parentLink().isEmpty() && !m.sourceTable().equalsIgnoreCase(parent.sourceTable())) {
            problems.add(at + "parentLink: how a " + m.sourceTable() + " row belongs to its " + parent.sourceTable()
                    + " row");
        }
        for (Condition c : m.conditions()) {
            String problem = ExportConditions.problem(c);
            if (problem != null) {
                problems.add(at + problem);
            }
        }
        m.children().forEach(child -> check(child, m, problems));
    }
}
