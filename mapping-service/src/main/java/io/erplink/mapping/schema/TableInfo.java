package io.erplink.mapping.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A commerce table with its columns; column lookup is case-insensitive. */
public final class TableInfo {
    /** The JSONB column every commerce table has for source columns without a standard column. */
    public static final String CUSTOM_FIELDS = "customfields";

    private final String schema;
    private final String name;
    private final List<ColumnInfo> columns;
    private final Map<String, ColumnInfo> byLowerName = new LinkedHashMap<>();

    public TableInfo(String schema, String name, List<ColumnInfo> columns) {
        this.schema = schema;
        this.name = name;
        this.columns = List.copyOf(columns);
        for (ColumnInfo column : columns) {
            byLowerName.put(column.name().toLowerCase(Locale.ROOT), column);
        }
    }

    public String schema() {
        return schema;
    }

    public String name() {
        return name;
    }

    public List<ColumnInfo> columns() {
        return columns;
    }

    /** {@code "schema"."table"}, safe to use in SQL. */
    public String qualified() {
        return SchemaCatalog.quote(schema) + "." + SchemaCatalog.quote(name);
    }

    public Optional<ColumnInfo> findColumn(String column) {
        return column == null
                ? Optional.empty()
                : Optional.ofNullable(byLowerName.get(column.trim().toLowerCase(Locale.ROOT)));
    }

    /** Resolves a column or throws with the close matches. */
    public ColumnInfo column(String column) {
        return findColumn(column)
                .orElseThrow(() -> new UnknownNameException(
                        "column", column, name, NameSuggestions.closest(column, byLowerName.keySet())));
    }

    public Optional<ColumnInfo> customFields() {
        return findColumn(CUSTOM_FIELDS).filter(c -> c.type() == ColumnType.JSONB);
    }

    /** Primary key columns in table order. */
    public List<ColumnInfo> primaryKey() {
        List<ColumnInfo> key = new ArrayList<>();
        for (ColumnInfo column : columns) {
            if (column.primaryKey()) {
                key.add(column);
            }
        }
        return Collections.unmodifiableList(key);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
