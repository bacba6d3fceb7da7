package io.erplink.mapping.engine;

import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.erplink.mapping.engine.JobDefinition.Options;
import io.erplink.mapping.schema.ColumnInfo;
import io.erplink.mapping.schema.ColumnType;
import io.erplink.mapping.schema.TableInfo;

/** A table mapping resolved against the schema, ready to map rows. Immutable and thread-safe. */
public final class CompiledTableMapping {

    private final int index;
    private final String label;
    private final String sourceTable;
    private final String destinationName;
    private final TableInfo destination;
    private final RowConditions conditions;
    private final List<Destination> destinations;
    private final List<ColumnInfo> keyColumns;
    private final List<String> exportKeyColumns;
    private final Options options;
    private final boolean autoMap;
    private final BitSet explicitOrdinals = new BitSet();
    private final boolean writesCustomFields;
    /** Where unlisted source columns go (import). */
    private final AutoColumns autoColumns;
    /** The key of an imported row (import). */
    private final RowKey rowKey;

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
        this.conditions = new RowConditions(conditions, anyOf);
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
            for (Destination.Part part : d.parts()) {
                if (part.source() != null) {
                    sources.add(part.source().toLowerCase(Locale.ROOT));
                }
            }
        }
        this.writesCustomFields = autoMap
                && options.keepCustomFields()
                && destination != null
                && destination.customFields().isPresent();
        this.autoColumns = destination == null
                ? null
                : new AutoColumns(destination, sources, explicitOrdinals, writesCustomFields);
        this.rowKey = destination == null
                ? null
                : new RowKey(keyColumns, destinations, destination.columns().size(), this::spelledName);
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
        return autoColumns == null ? null : autoColumns.sourceOf(column);
    }

    boolean readsTable(String table) {
        return sourceTable.equalsIgnoreCase(table);
    }

    /** Maps one source row into the sink: mapped, skipped or failed. */
    void map(SourceRow row, RowSink sink) {
        String skip = conditions.failure(row);
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
        RowErrors errors = new RowErrors();
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
                ColumnInfo column = autoColumns.of(name);
                if (column == AutoColumns.NO_COLUMN) {
                    continue;
                }
                if (column != AutoColumns.TO_CUSTOM_FIELDS) {
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
        rowKey.check(values, written, errors);
        if (errors.any()) {
            String key = rowKey.text(values, row);
            sink.failed(row, this, key, errors.joined(), new MappedRow(this, values, written, custom, null, key));
            return;
        }
        // the key text only when asked for (a message): values and the source row do not change after this
        sink.mapped(row, new MappedRow(this, values, written, custom, null, () -> rowKey.text(values, row)));
    }

    private void mapExport(SourceRow row, RowSink sink) {
        Map<String, String> out = new LinkedHashMap<>();
        RowErrors errors = new RowErrors();
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
    private boolean computeDestinations(SourceRow row, RowSink sink, RowErrors errors, DestinationText target) {
        for (Destination d : destinations) {
            try {
                String text = d.text(row);
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
}
