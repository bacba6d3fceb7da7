package io.erplink.mapping.engine;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A mapping job as written in a job file (YAML or JSON): a source, a destination and ordered table
 * mappings. Import jobs map ERP rows into commerce tables; export jobs map commerce rows into ERP
 * entities (their destination names are the ERP's and are not checked against the schema).
 *
 * @param name          unique job name, referenced by batch-service activities ({@code RecordChunk.job})
 * @param description   free text
 * @param direction     {@code import} (default) or {@code export}
 * @param source        where rows come from
 * @param destination   where rows go
 * @param tableMappings applied in order; a source row feeds every mapping whose source table it belongs to
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobDefinition(
        String name,
        String description,
        Direction direction,
        Endpoint source,
        Endpoint destination,
        List<TableMappingDefinition> tableMappings) {

    public JobDefinition {
        direction = direction == null ? Direction.IMPORT : direction;
        tableMappings = tableMappings == null ? List.of() : List.copyOf(tableMappings);
    }

    /** Which way the job maps. */
    public enum Direction {
        @JsonProperty("import")
        IMPORT,
        @JsonProperty("export")
        EXPORT
    }

    /**
     * A provider and what it points at, e.g. {@code odata-v4} / {@code DynamicwebItemCard}.
     *
     * @param provider  e.g. {@code erp-xml}, {@code odata-v4}, {@code commerce}
     * @param entity    request, entity or web service name
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Endpoint(String provider, String entity) {}

    /**
     * One source table mapped into one destination table.
     *
     * @param name             label, e.g. {@code Assembly BOM}
     * @param sourceTable      source table name (the {@code table} attribute of the items)
     * @param destinationTable destination table name
     * @param autoMap          map source columns whose names match destination columns without listing them
     * @param conditionals     all must hold (AND)
     * @param anyOf            OR groups: when present, at least one group (each an AND) must hold as well
     * @param columns          column mappings; several with the same destination concatenate in order
     * @param keyColumns       destination columns identifying a row; default: the table's primary key
     * @param options          write options
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record TableMappingDefinition(
            String name,
            String sourceTable,
            String destinationTable,
            Boolean autoMap,
            List<Condition> conditionals,
            List<List<Condition>> anyOf,
            List<ColumnMappingDefinition> columns,
            List<String> keyColumns,
            Options options) {

        public TableMappingDefinition {
            conditionals = conditionals == null ? List.of() : List.copyOf(conditionals);
            anyOf = anyOf == null ? List.of() : anyOf.stream().map(List::copyOf).toList();
            columns = columns == null ? List.of() : List.copyOf(columns);
            keyColumns = keyColumns == null ? List.of() : List.copyOf(keyColumns);
            options = options == null ? Options.DEFAULTS : options;
        }

        public boolean autoMapping() {
            return autoMap != null ? autoMap : columns.isEmpty();
        }
    }

    /**
     * A conditional on a source column.
     *
     * @param column   source column
     * @param operator EqualTo, DifferentFrom, GreatherThan (or GreaterThan), LessThan, Contains,
     *                 NotContains, In, NotIn
     * @param value    compared value; a comma list for In, NotIn, Contains and NotContains
     */
    public record Condition(String column, String operator, String value) {}

    /**
     * One part of a destination column.
     *
     * @param source      source column, or null for a Constant
     * @param destination destination column
     * @param script      none, Constant, Prepend, Append or Invert
     * @param value       the script's text (the constant, the prefix or the suffix)
     * @param separator   put between this part and the previous part of the same destination
     * @param onNull      {@code default} (write the column's default/NULL), {@code constant} or {@code skipRow}
     * @param nullValue   the value written for a NULL source when {@code onNull: constant}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ColumnMappingDefinition(
            String source,
            String destination,
            String script,
            String value,
            String separator,
            String onNull,
            String nullValue) {

        public static ColumnMappingDefinition of(String source, String destination) {
            return new ColumnMappingDefinition(source, destination, null, null, null, null, null);
        }

        public static ColumnMappingDefinition script(String source, String destination, String script, String value) {
            return new ColumnMappingDefinition(source, destination, script, value, null, null, null);
        }
    }

    /**
     * Write options of a table mapping.
     *
     * @param insertOnlyNew         never update existing rows
     * @param updateOnlyExisting    never insert rows
     * @param discardDuplicates     keep the first row of a key within the run (else the last one wins)
     * @param removeMissing         delete destination rows whose key is not in this run (full imports only)
     * @param deactivateMissing     set ProductActive=false on products not in this run (full imports only)
     * @param skipFailingRows       persist the good rows and report the failing ones (else the run fails)
     * @param removalThreshold      abort when removal/deactivation would touch more than this percentage of the table
     * @param customFields          put source columns without a destination column into CustomFields (auto-mapping)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Options(
            Boolean insertOnlyNew,
            Boolean updateOnlyExisting,
            Boolean discardDuplicates,
            Boolean removeMissing,
            Boolean deactivateMissing,
            Boolean skipFailingRows,
            Double removalThreshold,
            Boolean customFields) {
        public static final Options DEFAULTS = new Options(null, null, null, null, null, null, null, null);

        public boolean insertOnly() {
            return Boolean.TRUE.equals(insertOnlyNew);
        }

        public boolean updateOnly() {
            return Boolean.TRUE.equals(updateOnlyExisting);
        }

        public boolean discardDuplicateRows() {
            return Boolean.TRUE.equals(discardDuplicates);
        }

        public boolean removeRowsNotInSource() {
            return Boolean.TRUE.equals(removeMissing);
        }

        public boolean deactivateMissingProducts() {
            return Boolean.TRUE.equals(deactivateMissing);
        }

        /** Default true: a bad row is reported and skipped, the rest is written. */
        public boolean skipFailing() {
            return skipFailingRows == null || skipFailingRows;
        }

        /** Default 50 percent. */
        public double removalThresholdPercent() {
            return removalThreshold == null ? 50.0 : removalThreshold;
        }

        /** Default true. */
        public boolean keepCustomFields() {
            return customFields == null || customFields;
        }
    }
}
