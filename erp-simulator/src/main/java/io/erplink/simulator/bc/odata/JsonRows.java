package io.erplink.simulator.bc.odata;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonGenerator;

import io.erplink.simulator.bc.model.EnumType;
import io.erplink.simulator.bc.model.Field;
import io.erplink.simulator.bc.model.Row;
import io.erplink.simulator.bc.model.Table;
import io.erplink.simulator.catalog.Hash;

/** Writes rows as BC does: every field typed, never null, and a weak ETag first. */
public final class JsonRows {
    private JsonRows() {}

    /**
     * The row's weak ETag, BC-style ({@code W/"JzE..."}: base64 of {@code '<version>;<key hash>;'}); it
     * changes whenever the row changes and differs between rows.
     */
    public static String etag(Table table, Row row) {
        long keyHash = 0;
        for (Object value : table.key(row)) {
            keyHash = Hash.mix(keyHash ^ Hash.of(String.valueOf(value)));
        }
        String inner = "'" + row.version() + ";" + Long.toHexString(keyHash).toUpperCase(Locale.ROOT) + ";'";
        return "W/\"" + Base64.getEncoder().encodeToString(inner.getBytes(StandardCharsets.UTF_8)) + "\"";
    }

    /** One row as an object; {@code select} positions only when not null. */
    public static void write(JsonGenerator json, Table table, Row row, int[] select) throws IOException {
        json.writeStartObject();
        json.writeStringField("@odata.etag", etag(table, row));
        if (select == null) {
            for (int i = 0; i < table.fields().size(); i++) {
                value(json, table.fields().get(i), row.get(i));
            }
        } else {
            for (int i : select) {
                value(json, table.fields().get(i), row.get(i));
            }
        }
        json.writeEndObject();
    }

    public static void value(JsonGenerator json, Field field, Object value) throws IOException {
        json.writeFieldName(field.name());
        switch (field.type()) {
            case STRING -> json.writeString((String) value);
            case DECIMAL -> json.writeNumber(plain((BigDecimal) value));
            case INT32 -> json.writeNumber((Integer) value);
            case BOOLEAN -> json.writeBoolean((Boolean) value);
            case ENUM -> json.writeString(EnumType.memberName((String) value));
            default -> json.writeString(value.toString());
        }
    }

    /** 12.50 as 12.5, 0.00 as 0, 1E+1 as 10: how BC writes decimals. */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
