package io.erplink.mapping.engine;

import java.util.Map;

/**
 * One source row: its table, where it came from (page, row number within the page) and its columns.
 * A null value means {@code isNull="true"}; a column that is absent reads as null too. Column names
 * are matched case-insensitively (v1 writes ProductID, v2 ProductId).
 */
public record SourceRow(String table, int page, long row, Map<String, String> columns) {

    public String get(String column) {
        String value = columns.get(column);
        if (value != null || columns.containsKey(column)) {
            return value;
        }
        for (Map.Entry<String, String> entry : columns.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(column)) {
                return entry.getValue();
            }
        }
        return null;
    }

    public boolean has(String column) {
        if (columns.containsKey(column)) {
            return true;
        }
        for (String name : columns.keySet()) {
            if (name.equalsIgnoreCase(column)) {
                return true;
            }
        }
        return false;
    }
}
