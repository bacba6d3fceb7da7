package io.erplink.simulator.connector;

import java.util.LinkedHashMap;
import java.util.Map;

import io.erplink.protocol.tables.TableRow;

/** Builds one row in column order. */
final class RowBuilder {
    private final String table;
    private final Map<String, String> columns = new LinkedHashMap<>();

    private RowBuilder(String table) {
        this.table = table;
    }

    static RowBuilder of(String table) {
        return new RowBuilder(table);
    }

    RowBuilder put(String column, Object value) {
        columns.put(column, value == null ? null : value.toString());
        return this;
    }

    RowBuilder putAll(Map<String, String> values) {
        columns.putAll(values);
        return this;
    }

    static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    TableRow build() {
        return TableRow.of(table, columns);
    }
}
