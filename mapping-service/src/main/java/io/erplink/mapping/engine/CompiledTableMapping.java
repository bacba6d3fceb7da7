package io.erplink.mapping.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.erplink.mapping.engine.JobDefinition.Options;
import io.erplink.mapping.schema.ColumnInfo;
import io.erplink.mapping.schema.ColumnType;
import io.erplink.mapping.schema.TableInfo;

/** A table mapping resolved against the schema, ready to map rows. Immutable and thread-safe. */
public final class CompiledTableMapping {

    /** How a part of a destination column is computed. */
    public enum Script {
        NONE,
        CONSTANT,
        PREPEND,
        APPEND,
        INVERT;

        static Script parse(String name) {
            if (name == null || name.isBlank()) {
                return NONE;
            }
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "constant" -> CONSTANT;
                case "prepend" -> PREPEND;
                case "append" -> APPEND;
                case "invert" -> INVERT;
                default ->
                    throw new IllegalArgumentException(
                            "unknown script '" + name + "' (Constant, Prepend, Append, Invert)");
            };
        }
    }

    /** What a NULL source value becomes. */
    public enum NullHandling {
        DEFAULT,
        CONSTANT,
        SKIP_ROW;

        static NullHandling parse(String name) {
            if (name == null || name.isBlank()) {
                return DEFAULT;
            }
            return switch (name.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "")) {
                case "default" -> DEFAULT;
                case "constant" -> CONSTANT;
                case "skiprow", "skip" -> SKIP_ROW;
                default ->
                    throw new IllegalArgumentException(
                            "unknown null handling '" + name + "' (default, constant, skipRow)");
            };
        }
    }

    /** One source (or constant) contributing to a destination column. */
    record Part(String source, Script script, String value, String separator) {}

    /**
     * A destination column with its parts, in job order.
     *
     * @param name   the destination name as written in the job
     * @param column the resolved column (import), else null
     */
    record Destination(String name, ColumnInfo column, List<Part> parts, NullHandling onNull, String nullValue) {}

    private final int index;
    private final String label;
    private final String sourceTable;
    private final String destinationName;
    private final TableInfo destination;
    private final List<CompiledCondition> conditions;
    private final List<List<CompiledCondition>> anyOf;
    private final List<Destination> destinations;
    private final List<ColumnInfo> keyColumns;
    private final List<String> exportKeyColumns;
    private final Options options;
    private final boolean autoMap;
    private final Set<String> explicitSources;
    private final BitSet explicitOrdinals = new BitSet();
    /** What each source column name seen so far auto-maps to: a column, {@link #NO_COLUMN} or {@link #TO_CUSTOM_FIELDS}. */
    private final Map<String, ColumnInfo> autoColumns = new ConcurrentHashMap<>();

    private static final ColumnInfo NO_COLUMN = new ColumnInfo("", ColumnType.TEXT, true, false, false, false, -1);
    private static final ColumnInfo TO_CUSTOM_FIELDS =
            new ColumnInfo("", ColumnType.TEXT, true, false, false, false, -2);
    private final boolean writesCustomFields;
    /** Display names of key columns by ordinal once resolved (per row they only go into the row's key text). */
    private final String[] keyDisplayNames;

    CompiledTableMapping(
            int index,
            String label,
            String sourceTable,
            String destinationName,
            TableInfo destination,
            List<CompiledCondition> conditions,
            List<List<CompiledCondition>> anyOf,
            List<Destination> destinations,
            List<ColumnInfo> keyColumns,
            List<String> exportKeyColumns,
            Options options,
            boolean autoMap) {
        this.index = index;
        this.label = label;
        this.sourceTable = sourceTable;
        this.destinationName = destinationName;
        this.destination = destination;
        this.conditions = List.copyOf(conditions);
        this.anyOf = List.copyOf(anyOf);
        this.destinations = List.copyOf(destinations);
        this.keyColumns = List.copyOf(keyColumns);
        this.exportKeyColumns = List.copyOf(exportKeyColumns);
        this.options = options;
        this.autoMap = autoMap;
        Set<String> sources = new HashSet<>();
        for (Destination d : destinations) {
            if (d.column() != null) {
                explicitOrdinals.set(d.column().ordinal());
            }
            for (Part part : d.parts()) {
                if (part.source() != null) {
                    sources.add(part.source().toLowerCase(Locale.ROOT));
                }
            }
        }
        this.explicitSources = Set.copyOf(sources);
        this.writesCustomFields = autoMap
                && options.keepCustomFields()
                && destination != null
                && destination.customFields().isPresent();
        this.keyDisplayNames =
                new String[destination == null ? 0 : destination.columns().size()];
    }

    /** Position of the mapping in its job, from 0. */
    public int index() {
        return index;
    }

    /** Label for messages: the mapping's name, else {@code Source → Destination}. */
    public String label() {
        return label;
    }

    public String sourceTable() {
        return sourceTable;
    }

    /** The destination name as written in the job. */
    public String destinationName() {
        return destinationName;
    }

    /** The resolved commerce table (import), else null. */
    public TableInfo destination() {
        return destination;
    }

    public List<ColumnInfo> keyColumns() {
        return keyColumns;
    }

    public Options options() {
        return options;
    }

    public boolean isImport() {
        return destination != null;
    }

    /** Whether source columns map by name without being listed (and unknown ones go to CustomFields). */
    public boolean autoMap() {
        return autoMap;
    }

    /** Whether rows of this mapping carry the CustomFields JSON (auto-mapping with the customFields option). */
    public boolean writesCustomFields() {
        return writesCustomFields;
    }

    /** Columns the mapping writes explicitly (auto-mapped ones come on top, per row). */
    public BitSet explicitOrdinals() {
        return (BitSet) explicitOrdinals.clone();
    }

    /** Display names of the destination columns, by ordinal, as the job (or the source row) spells them. */
    public String displayName(ColumnInfo column) {
        String spelled = spelledName(column);
        return spelled != null ? spelled : column.name();
    }

    /** The column's name as the job or a source row spells it, or null when neither named it yet. */
    private String spelledName(ColumnInfo column) {
        for (Destination d : destinations) {
            if (d.column() != null && d.column().ordinal() == column.ordinal()) {
                return d.name();
            }
        }
        for (Map.Entry<String, ColumnInfo> auto : autoColumns.entrySet()) {
            if (auto.getValue().ordinal() == column.ordinal()) {
                return auto.getKey();
            }
        }
        return null;
    }

    boolean readsTable(String table) {
        return sourceTable.equalsIgnoreCase(table);
    }

    /** Maps one source row into the sink: mapped, skipped or failed. */
    void map(SourceRow row, RowSink sink) {
        String skip = conditionFailure(row);
        if (skip != null) {
            sink.skipped(row, this, skip);
            return;
        }
        if (destination == null) {
            mapExport(row, sink);
            return;
        }
        Object[] values = new Object[destination.columns().size()];
        BitSet written = new BitSet(values.length);
        Errors errors = new Errors();
        boolean kept = computeDestinations(row, sink, errors, (d, text) -> {
            values[d.column().ordinal()] = fill(
                    d.column(),
                    d.name(),
                    ValueConverter.convert(d.name(), text, d.column().type()));
            written.set(d.column().ordinal());
        });
        if (!kept) {
            return;
        }
        Map<String, String> custom = Map.of();
        if (autoMap) {
            for (Map.Entry<String, String> entry : row.columns().entrySet()) {
                String name = entry.getKey();
                ColumnInfo column = autoColumns.computeIfAbsent(name, this::autoColumn);
                if (column == NO_COLUMN) {
                    continue;
                }
                if (column != TO_CUSTOM_FIELDS) {
                    try {
                        values[column.ordinal()] =
                                fill(column, name, ValueConverter.convert(name, entry.getValue(), column.type()));
                        written.set(column.ordinal());
                    } catch (ConversionException e) {
                        errors.add(e.getMessage());
                    }
                } else {
                    if (custom.isEmpty()) {
                        custom = new LinkedHashMap<>();
                    }
                    custom.put(name, entry.getValue());
                }
            }
        }
        boolean identifying = true;
        for (ColumnInfo keyColumn : keyColumns) {
            if (keyColumn.identity()) {
                continue;
            }
            // The first key column names the row (ProductId) and needs a value; the others qualify it
            // (variant, language, location) and may be '', the schema's "no value".
            boolean isWritten = written.get(keyColumn.ordinal());
            Object value = isWritten ? values[keyColumn.ordinal()] : null;
            if (identifying && (value == null || "".equals(value))) {
                errors.add(displayName(keyColumn) + ": key column is missing, null or empty; the row is not written");
            } else if (!isWritten && keyColumn.type() == ColumnType.TEXT && keyColumn.hasDefault()) {
                values[keyColumn.ordinal()] = "";
                written.set(keyColumn.ordinal());
            } else if (!isWritten) {
                errors.add(displayName(keyColumn) + ": key column is missing; the row is not written");
            }
            identifying = false;
        }
        String key = keyText(values, row);
        if (errors.any()) {
            sink.failed(row, this, key, errors.joined(), new MappedRow(this, values, written, custom, null, key));
            return;
        }
        sink.mapped(row, new MappedRow(this, values, written, custom, null, key));
    }

    /**
     * Where an auto-mapped source column goes: the destination column of its name unless a listed
     * destination writes it, into CustomFields when the table has no such column (and the mapping keeps
     * custom fields), else nowhere. Source columns a listed destination reads go nowhere.
     */
    private ColumnInfo autoColumn(String name) {
        if (explicitSources.contains(name.toLowerCase(Locale.ROOT))) {
            return NO_COLUMN;
        }
        Optional<ColumnInfo> column = destination.findColumn(name);
        if (column.isEmpty()) {
            return writesCustomFields ? TO_CUSTOM_FIELDS : NO_COLUMN;
        }
        ColumnInfo found = column.get();
        return !explicitOrdinals.get(found.ordinal()) && found.type() != ColumnType.JSONB ? found : NO_COLUMN;
    }

    private void mapExport(SourceRow row, RowSink sink) {
        Map<String, String> out = new LinkedHashMap<>();
        Errors errors = new Errors();
        if (!computeDestinations(row, sink, errors, (d, text) -> out.put(d.name(), text))) {
            return;
        }
        StringBuilder key = new StringBuilder();
        for (String column : exportKeyColumns) {
            if (key.length() > 0) {
                key.append(", ");
            }
            key.append(column).append('=').append(row.get(column));
        }
        if (errors.any()) {
            sink.failed(row, this, key.toString(), errors.joined());
            return;
        }
        sink.mapped(row, new MappedRow(this, null, null, Map.of(), out, key.toString()));
    }

    /** Takes a destination's text (scripts and null handling applied); may throw a ConversionException. */
    private interface DestinationText {
        void accept(Destination destination, String text);
    }

    /**
     * The per-row loop of import and export: computes each destination from its parts, applies the
     * null handling and hands the text to {@code target}. Conversion errors (of the scripts or the
     * target) go to {@code errors} and the loop goes on; a null with skipRow reports the row skipped
     * to the sink and returns false.
     */
    private boolean computeDestinations(SourceRow row, RowSink sink, Errors errors, DestinationText target) {
        for (Destination d : destinations) {
            try {
                String text = compute(d, row);
                if (text == null) {
                    if (d.onNull() == NullHandling.SKIP_ROW) {
                        sink.skipped(row, this, d.name() + " is null");
                        return false;
                    }
                    if (d.onNull() == NullHandling.CONSTANT) {
                        text = d.nullValue();
                    }
                }
                target.accept(d, text);
            } catch (ConversionException e) {
                errors.add(e.getMessage());
            }
        }
        return true;
    }

    /** NOT NULL text columns get '' for a missing value (the schema's "no value", e.g. ProductVariantId). */
    private static Object fill(ColumnInfo column, String name, Object value) {
        if (value == null && !column.nullable()) {
            if (column.type() == ColumnType.TEXT) {
                return "";
            }
            if (!column.hasDefault()) {
                throw new ConversionException(name + ": must not be empty");
            }
        }
        return value;
    }

    private String conditionFailure(SourceRow row) {
        for (CompiledCondition condition : conditions) {
            String value = row.get(condition.column());
            if (!condition.test(value)) {
                return "conditional " + condition + " not met (value " + quoteOrNull(value) + ")";
            }
        }
        if (anyOf.isEmpty()) {
            return null;
        }
        for (List<CompiledCondition> group : anyOf) {
            boolean all = true;
            for (CompiledCondition condition : group) {
                if (!condition.test(row.get(condition.column()))) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return null;
            }
        }
        return "none of the " + anyOf.size() + " OR groups of conditionals met";
    }

    /** The destination's text value from its parts, or null. */
    static String compute(Destination d, SourceRow row) {
        List<Part> parts = d.parts();
        if (parts.size() == 1) {
            Part part = parts.get(0);
            return apply(part, part.source() == null ? null : row.get(part.source()), d.name());
        }
        StringBuilder text = null;
        boolean any = false;
        for (Part part : parts) {
            String raw = part.source() == null ? null : row.get(part.source());
            any |= raw != null || part.script() == Script.CONSTANT;
            String value = apply(part, raw == null && part.script() != Script.CONSTANT ? "" : raw, d.name());
            if (text == null) {
                text = new StringBuilder();
            } else if (part.separator() != null) {
                text.append(part.separator());
            }
            text.append(value == null ? "" : value);
        }
        return any ? text.toString() : null;
    }

    private static String apply(Part part, String raw, String destination) {
        return switch (part.script()) {
            case NONE -> raw;
            case CONSTANT -> part.value();
            case PREPEND -> raw == null ? null : part.value() + raw;
            case APPEND -> raw == null ? null : raw + part.value();
            case INVERT -> {
                if (raw == null || raw.isBlank()) {
                    yield null;
                }
                Boolean bool = ValueConverter.parseBoolean(raw);
                if (bool == null) {
                    throw new ConversionException(destination + ": '" + raw + "' from " + part.source()
                            + " is not a boolean and cannot be inverted");
                }
                yield Boolean.toString(!bool);
            }
        };
    }

    private String keyText(Object[] values, SourceRow row) {
        StringBuilder key = new StringBuilder();
        for (ColumnInfo column : keyColumns) {
            if (column.identity()) {
                continue;
            }
            if (key.length() > 0) {
                key.append(", ");
            }
            Object value = values[column.ordinal()];
            key.append(keyDisplayName(column))
                    .append('=')
                    .append(value == null ? rawFor(column, row) : ValueConverter.text(value));
        }
        return key.toString();
    }

    /** {@link #displayName} of a key column, resolved once it names the column as the job or a source row spells it. */
    private String keyDisplayName(ColumnInfo column) {
        String known = keyDisplayNames[column.ordinal()];
        if (known != null) {
            return known;
        }
        String spelled = spelledName(column);
        if (spelled == null) {
            return column.name();
        }
        keyDisplayNames[column.ordinal()] = spelled; // a benign race: Strings are safely published
        return spelled;
    }

    private String rawFor(ColumnInfo column, SourceRow row) {
        for (Destination d : destinations) {
            if (d.column() == column
                    && d.parts().size() == 1
                    && d.parts().get(0).source() != null) {
                return row.get(d.parts().get(0).source());
            }
        }
        return row.get(column.name());
    }

    /** A row's conversion errors, allocated only when there is one. */
    private static final class Errors {
        private List<String> messages;

        void add(String message) {
            if (messages == null) {
                messages = new ArrayList<>(2);
            }
            messages.add(message);
        }

        boolean any() {
            return messages != null;
        }

        String joined() {
            return String.join("; ", messages);
        }
    }

    private static String quoteOrNull(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
