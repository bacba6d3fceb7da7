package io.erplink.mapping.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds source rows for tests: {@code Rows.row("EcomProducts", "ProductId", "A1", "ProductPrice", "10")}. */
final class Rows {
    private static long counter;

    private Rows() {}

    static SourceRow row(String table, String... columnsAndValues) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            columns.put(columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return new SourceRow(table, 1, ++counter, columns);
    }
}
