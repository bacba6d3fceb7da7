package io.erplink.protocol.tables;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code <item>} of a {@code <tables>} document.
 *
 * <p>{@code table} is the item's own {@code table} attribute, falling back to the enclosing
 * {@code tableName} when the item has none. When the two differ the item's attribute wins: it names
 * the destination table, while the enclosing name only groups items. Seed 003's units response has
 * {@code <table tableName="EcomVariantsGroups"><item table="EcomVariantGroups">}: the rows belong to
 * EcomVariantGroups, the real table; the enclosing name is kept in {@code tableName} for messages.
 *
 * @param table     destination table of the row
 * @param tableName the enclosing {@code <table tableName>}
 * @param columns   column name to value in document order; a null value is {@code isNull="true"},
 *                  an empty element or empty CDATA is the empty string
 */
public record TableRow(String table, String tableName, Map<String, String> columns) {

    public TableRow {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** A row whose item and enclosing table have the same name. */
    public static TableRow of(String table, Map<String, String> columns) {
        return new TableRow(table, table, columns);
    }

    /**
     * A column's value by name, case-insensitive (IF v1 writes ProductID, v2 ProductId); null when
     * the column is absent or isNull.
     */
    public String get(String column) {
        String exact = columns.get(column);
        if (exact != null || columns.containsKey(column)) {
            return exact;
        }
        for (Map.Entry<String, String> entry : columns.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(column)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** Whether the row has the column (case-insensitive), null or not. */
    public boolean has(String column) {
        if (columns.containsKey(column)) {
            return true;
        }
        return columns.keySet().stream().anyMatch(name -> name.equalsIgnoreCase(column));
    }
}
