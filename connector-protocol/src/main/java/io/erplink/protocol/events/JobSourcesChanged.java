package io.erplink.protocol.events;

import java.util.List;

/**
 * What a saved version of a mapping job needs from each source table ({@code jobs.changed}): the mapped
 * source columns and the conditionals, so batch-service's activities that feed an import job ask the ERP
 * for exactly that (OData {@code $select} and pushed-down {@code $filter}); for an export job also its
 * table mappings, which its export activities write. Published by mapping-service in the transaction that
 * saves the job, and again for the current version of every job when mapping-service starts (a version
 * saved before the event existed, or whose event was lost, reaches batch-service too); key = job name, so
 * the versions of one job arrive in order. A consumer keeps the highest {@code jobVersion} it applied and
 * ignores an event with a lower or equal one (a redelivery, a republished version, or an older version
 * overtaking a newer one).
 *
 * @param eventId    unique id of this event
 * @param version    contract version, {@link #VERSION}
 * @param job        the job's name (activities name it as their mapping job)
 * @param jobVersion the saved version (1, 2, ...; 0 is the job file shipped with mapping-service)
 * @param savedAt    when the version was saved (ISO-8601 instant), for the operator's eyes; null for the
 *                   shipped job file (version 0)
 * @param sources    one entry per source table the job's table mappings read, in the order they name them
 * @param exports    an export job's table mappings, in the job's order (empty for an import job); added in
 *                   contract version 1 (a reader that does not know the field ignores it)
 */
public record JobSourcesChanged(
        String eventId,
        int version,
        String job,
        int jobVersion,
        String savedAt,
        List<Source> sources,
        List<ExportMapping> exports) {
    public static final int VERSION = 1;

    public JobSourcesChanged {
        sources = sources == null ? List.of() : List.copyOf(sources);
        exports = exports == null ? List.of() : List.copyOf(exports);
    }

    /** The source table of this name, or null when the job does not read it. */
    public Source source(String table) {
        return sources.stream().filter(s -> s.table().equals(table)).findFirst().orElse(null);
    }

    /**
     * What the job reads from one source table.
     *
     * @param table      the source table (the rows' {@code table}, an OData activity's entity set or {@code table})
     * @param columns    the source columns the table mappings use (mapped columns, then the columns of
     *                   their {@code anyOf} groups), in order, without repeats; empty when a table mapping
     *                   maps automatically (then every column is needed)
     * @param conditions the conditionals of each table mapping of this table (AND within a list; a row
     *                   is needed when any list holds)
     */
    public record Source(String table, List<String> columns, List<List<Condition>> conditions) {
        public Source {
            columns = columns == null ? List.of() : List.copyOf(columns);
            conditions = conditions == null
                    ? List.of()
                    : conditions.stream().map(List::copyOf).toList();
        }
    }

    /**
     * A conditional of a table mapping, as mapping-service applies it to source rows.
     *
     * @param operator EqualTo, DifferentFrom, GreatherThan (or GreaterThan), LessThan, Contains,
     *                 NotContains, In, NotIn
     * @param value    the compared value as text (a comma list for In, NotIn, Contains, NotContains)
     */
    public record Condition(String column, String operator, String value) {}

    /**
     * A table mapping of an export job as the job states it: which commerce rows go to which ERP table and
     * with which values. What the job does not state (the ERP's key fields, response mappings, lines under
     * their header) is the export activity's own.
     *
     * @param name             the table mapping's name, or null
     * @param sourceTable      the commerce table
     * @param destinationTable the ERP table (an OData entity set)
     * @param conditions       the conditionals (AND)
     * @param columns          the column mappings, in order
     */
    public record ExportMapping(
            String name,
            String sourceTable,
            String destinationTable,
            List<Condition> conditions,
            List<Column> columns) {
        public ExportMapping {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
            columns = columns == null ? List.of() : List.copyOf(columns);
        }
    }

    /**
     * A column mapping of an export job.
     *
     * @param source      the commerce column, or null for a Constant
     * @param destination the ERP field
     * @param script      none, Constant, Prepend, Append or Invert
     * @param value       the script's text (the constant, the prefix or the suffix)
     * @param separator   put between this part and the previous part of the same destination, or null
     * @param onNull      what a NULL source becomes ({@code default}, {@code constant}, {@code skipRow}), or null
     */
    public record Column(
            String source, String destination, String script, String value, String separator, String onNull) {}
}
