package io.erplink.simulator.bc.odata;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.erplink.simulator.bc.model.Field;
import io.erplink.simulator.bc.model.Table;

/**
 * The opaque {@code $skiptoken} of a nextLink: the key of the last row sent (keyset paging, so rows
 * changed, added or deleted between pages neither repeat nor vanish) and how many rows a
 * {@code $top} still allows (-1: no $top). Base64url of {@code remaining|v1|v2...} with each key
 * value length-prefixed; a client must not rely on the format.
 */
public record SkipToken(Object[] afterKey, long remaining) {

    public String encode(Table table) {
        StringBuilder text = new StringBuilder().append(remaining);
        int[] keys = table.keyIndexes();
        for (int i = 0; i < keys.length; i++) {
            String value = format(afterKey[i]);
            text.append('|').append(value.length()).append(':').append(value);
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static SkipToken decode(Table table, String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            long remaining = Long.parseLong(text.substring(0, bar));
            int[] keys = table.keyIndexes();
            List<Object> key = new ArrayList<>();
            int at = bar + 1;
            for (int i = 0; i < keys.length; i++) {
                int colon = text.indexOf(':', at);
                int length = Integer.parseInt(text.substring(at, colon));
                String value = text.substring(colon + 1, colon + 1 + length);
                key.add(parse(table.fields().get(keys[i]), value));
                at = colon + 1 + length + 1;
            }
            if (at - 1 != text.length()) {
                throw new IllegalArgumentException("trailing data");
            }
            return new SkipToken(key.toArray(), remaining);
        } catch (RuntimeException e) {
            throw BcError.badRequest("The skip token '" + token + "' is not valid for '" + table.name() + "'.");
        }
    }

    private static String format(Object value) {
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }

    private static Object parse(Field field, String value) {
        return switch (field.type()) {
            case STRING, ENUM -> value;
            case DECIMAL -> new BigDecimal(value);
            case INT32 -> Integer.parseInt(value);
            case BOOLEAN -> Boolean.parseBoolean(value);
            case DATE -> LocalDate.parse(value);
            case DATE_TIME_OFFSET -> Instant.parse(value);
            case GUID -> UUID.fromString(value);
        };
    }
}
