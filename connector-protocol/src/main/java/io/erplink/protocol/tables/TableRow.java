package io.erplink.protocol.tables;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.erplink.protocol.CaseInsensitive;

/**
 * One {@code <item>} of a {@code <tables>} document.
 *
 * <p>Decision (seed 003, Import Units, has {@code <table tableName="EcomVariantsGroups"><item
 * table="EcomVariantGroups">}): the item's {@code table} attribute wins, because it names the real
 * destination table; the enclosing {@code <table tableName>} is kept in {@link #tableName()}. When
 * the item has no {@code table} attribute, {@code table} falls back to {@code tableName}.
 *
 * @param table     destination table: the item's {@code table} attribute, else the enclosing tableName
 * @param tableName the enclosing {@code <table tableName="...">}
 * @param columns   columns in document order; a null value means {@code isNull="true"}, an empty
 *                  CDATA or empty element is "" (not null)
 */
public record TableRow(String table, String tableName, Map<String, String> columns) {

    public TableRow {
        if (table == null && tableName == null) {
            throw new IllegalArgumentException("a row needs a table or a tableName");
        }
        table = table != null ? table : tableName;
        tableName = tableName != null ? tableName : table;
        Objects.requireNonNull(columns, "columns");
        if (columns instanceof ReadColumns) {
            // Built by TablesReader for this row alone, names checked: no copy (it was a few % of a page's parse).
            columns = Collections.unmodifiableMap(columns);
        } else {
            Map<String, String> copy = new LinkedHashMap<>(Math.max(16, columns.size() * 4 / 3 + 1));
            for (Map.Entry<String, String> column : columns.entrySet()) {
                copy.put(Objects.requireNonNull(column.getKey(), "column name"), column.getValue());
            }
            columns = Collections.unmodifiableMap(copy);
        }
    }

    /** The columns {@link TablesReader} read for one row: nobody else holds them, so a row takes them as they are. */
    static final class ReadColumns extends LinkedHashMap<String, String> {
        private static final long serialVersionUID = 1L;

        ReadColumns() {
            super(32);
        }
    }

    /** A row whose item table and enclosing tableName are the same. */
    public static TableRow of(String table, Map<String, String> columns) {
        return new TableRow(table, table, columns);
    }

    /**
     * The value of a column, name compared ignoring case (v1 writes {@code ProductID}, v2
     * {@code ProductId}); null when the column is absent or {@code isNull="true"}.
     */
    public String get(String column) {
        return CaseInsensitive.get(columns, column);
    }

    /** Whether the row has the column (ignoring case), null or not. */
    public boolean has(String column) {
        return CaseInsensitive.key(columns, column) != null;
    }
}
