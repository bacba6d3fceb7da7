package io.erplink.batch.odata;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What an activity on an OData endpoint imports: the entity set, and the parts of its mapping job the
 * server can apply ({@code $select}, {@code $filter}). Stored with the activity as JSON and copied into
 * each run at its first claim; {@code columns} and {@code conditions} follow the job's saved versions
 * ({@code activities.ActivityJobSync}).
 *
 * @param entitySet      the entity set or web service name, e.g. {@code DynamicwebItemCard} (BC page web
 *                       service) or {@code items} (BC API v2.0)
 * @param table          the source table name the rows get in the RecordChunks, i.e. the mapping job's
 *                       {@code sourceTable}; default the entity set
 * @param apiPath        a path that replaces the last segment of the endpoint's service root, e.g.
 *                       {@code api/v2.0} for BC API pages (the company is then addressed by id)
 * @param deltaField     the modification-time property of delta runs; default {@code SystemModifiedAt}
 *                       ({@code Edm.DateTimeOffset}; an {@code Edm.Date} field compares whole days)
 * @param overlapSeconds how far before the watermark a delta run starts again; default 300
 * @param pushdown       whether the conditionals are sent as {@code $filter}; default true
 * @param columns        the job's mapped source columns ({@code $select}); empty: every column
 * @param conditions     the job's conditionals, one list (AND) per table mapping of this source table
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ODataSource", description = "The OData v4 source of an activity on an odata-v4 endpoint")
public record ODataSource(
        @Schema(required = true, example = "DynamicwebItemCard")
        String entitySet,

        @Schema(description = "Source table name of the rows (the job's sourceTable); default entitySet")
        String table,

        @Schema(description = "Replaces the last segment of the endpoint URL, e.g. api/v2.0")
        String apiPath,

        @Schema(description = "Modification time property for delta runs; default SystemModifiedAt")
        String deltaField,

        @Schema(description = "Delta runs start this many seconds before the watermark; default 300")
        Integer overlapSeconds,

        @Schema(description = "Send the conditionals as $filter where the server can apply them; default true")
        Boolean pushdown,

        @Schema(description = "The job's mapped source columns, sent as $select; empty for all")
        List<String> columns,

        @Schema(description = "The job's conditionals, one list (AND) per table mapping")
        List<List<Condition>> conditions) {

    public static final String DEFAULT_DELTA_FIELD = "SystemModifiedAt";
    public static final int DEFAULT_OVERLAP_SECONDS = 300;

    public ODataSource {
        columns = columns == null ? List.of() : List.copyOf(columns);
        conditions = conditions == null
                ? List.of()
                : conditions.stream().map(List::copyOf).toList();
    }

    /** The same source with a mapping job's columns and conditionals (a new version of the job). */
    public ODataSource withJob(List<String> jobColumns, List<List<Condition>> jobConditions) {
        return new ODataSource(
                entitySet, table, apiPath, deltaField, overlapSeconds, pushdown, jobColumns, jobConditions);
    }

    public String tableName() {
        return table == null || table.isBlank() ? entitySet : table;
    }

    public String delta() {
        return deltaField == null || deltaField.isBlank() ? DEFAULT_DELTA_FIELD : deltaField;
    }

    public int overlap() {
        return overlapSeconds == null ? DEFAULT_OVERLAP_SECONDS : overlapSeconds;
    }

    public boolean pushdownEnabled() {
        return pushdown == null || pushdown;
    }

    /** What is wrong with it, or null. */
    public String problem() {
        if (entitySet == null || !ODataUrls.IDENTIFIER.matcher(entitySet).matches()) {
            return "odata.entitySet must be an OData identifier (letters, digits, '_'), e.g. DynamicwebItemCard";
        }
        if (!ODataUrls.IDENTIFIER.matcher(delta()).matches()) {
            return "odata.deltaField must be a property name";
        }
        if (overlap() < 0) {
            return "odata.overlapSeconds must not be negative";
        }
        for (String column : columns) {
            if (column == null || !ODataUrls.IDENTIFIER.matcher(column).matches()) {
                return "odata.columns: " + column + " is not a property name";
            }
        }
        if (apiPath != null && !apiPath.isBlank()) {
            try {
                ODataUrls.serviceRoot(java.net.URI.create("https://h/x/ODataV4"), apiPath);
            } catch (IllegalArgumentException e) {
                return "odata." + e.getMessage();
            }
        }
        return null;
    }
}
