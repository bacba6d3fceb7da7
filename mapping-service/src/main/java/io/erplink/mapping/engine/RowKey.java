package io.erplink.mapping.engine;

import java.util.BitSet;
import java.util.List;
import java.util.function.Function;

import io.erplink.mapping.schema.ColumnInfo;
import io.erplink.mapping.schema.ColumnType;

/**
 * The key of an imported row: its key columns checked (the first names the row and needs a value)
 * and the key as text for messages ({@code ProductId=10001, LanguageId=EN}). Thread-safe.
 */
final class RowKey {
    private final List<ColumnInfo> columns;
    private final List<Destination> destinations;
    /** The column's name as the job or a source row spells it, or null when neither named it yet. */
    private final Function<ColumnInfo, String> spelledName;
    /** Display names of key columns by ordinal once resolved (per row they only go into the row's key text). */
    private final String[] displayNames;

    RowKey(
            List<ColumnInfo> columns,
            List<Destination> destinations,
            int tableColumns,
            Function<ColumnInfo, String> spelledName) {
        this.columns = List.copyOf(columns);
        this.destinations = List.copyOf(destinations);
        this.spelledName = spelledName;
        this.displayNames = new String[tableColumns];
    }

    /**
     * Checks the key columns of a mapped row: a missing first key column is an error; the others
     * qualify it (variant, language, location) and a missing text one with a default becomes '', the
     * schema's "no value".
     */
    void check(Object[] values, BitSet written, RowErrors errors) {
        boolean identifying = true;
        for (ColumnInfo keyColumn : columns) {
            if (keyColumn.identity()) {
                continue;
            }
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
    }

    /** The row's key as text: each key column's display name and value (else the raw source value). */
    String text(Object[] values, SourceRow row) {
        StringBuilder key = new StringBuilder();
        for (ColumnInfo column : columns) {
            if (column.identity()) {
                continue;
            }
            if (key.length() > 0) {
                key.append(", ");
            }
            Object value = values[column.ordinal()];
            key.append(cachedDisplayName(column))
                    .append('=')
                    .append(value == null ? rawFor(column, row) : ValueConverter.text(value));
        }
        return key.toString();
    }

    private String displayName(ColumnInfo column) {
        String spelled = spelledName.apply(column);
        return spelled != null ? spelled : column.name();
    }

    /** {@link #displayName}, kept once it names the column as the job or a source row spells it. */
    private String cachedDisplayName(ColumnInfo column) {
        String known = displayNames[column.ordinal()];
        if (known != null) {
            return known;
        }
        String spelled = spelledName.apply(column);
        if (spelled == null) {
            return column.name();
        }
        displayNames[column.ordinal()] = spelled; // a benign race: Strings are safely published
        return spelled;
    }

    private String rawFor(ColumnInfo column, SourceRow row) {
        for (Destination d : destinations) {
            if (d.column() == column && d.singleSource() != null) {
                return row.get(d.singleSource());
            }
        }
        return row.get(column.name());
    }
}
