package io.erplink.mapping.schema;

import java.util.Locale;

/** The value kinds the engine converts source strings into. */
public enum ColumnType {
    TEXT,
    INTEGER,
    BIGINT,
    NUMERIC,
    BOOLEAN,
    TIMESTAMP,
    DATE,
    JSONB;

    /** Maps an information_schema {@code data_type} to a column type; unknown types are treated as text. */
    public static ColumnType fromSqlType(String dataType) {
        String t = dataType.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "integer", "smallint" -> INTEGER;
            case "bigint" -> BIGINT;
            case "numeric", "real", "double precision", "decimal" -> NUMERIC;
            case "boolean" -> BOOLEAN;
            case "timestamp without time zone", "timestamp with time zone" -> TIMESTAMP;
            case "date" -> DATE;
            case "jsonb", "json" -> JSONB;
            default -> TEXT;
        };
    }
}
