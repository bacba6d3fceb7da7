package io.erplink.mapping.engine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import io.erplink.mapping.schema.ColumnType;

/**
 * Converts source strings to destination column values. An empty string is NULL for every type but
 * text. Failures name the column and the value: {@code ProductPrice: 'abc' is not a number}.
 */
public final class ValueConverter {
    /** Digits before or after the decimal point a number may have (PostgreSQL numeric allows 131072/16383). */
    private static final int MAX_DIGITS = 1000;

    private static final List<DateTimeFormatter> DATE_TIMES = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]"),
            DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss"),
            DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss:SSS"),
            DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss"));
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("MM/dd/yyyy"),
            DateTimeFormatter.ofPattern("dd-MM-yyyy"));

    private ValueConverter() {}

    /**
     * @return String, Integer, Long, BigDecimal, Boolean, LocalDateTime, LocalDate, or null
     */
    public static Object convert(String column, String raw, ColumnType type) {
        if (raw == null) {
            return null;
        }
        if (type == ColumnType.TEXT) {
            if (raw.indexOf('\0') >= 0) {
                throw new ConversionException(column + ": text contains a NUL character");
            }
            return raw;
        }
        String value = raw.trim();
        if (value.isEmpty()) {
            return null;
        }
        return switch (type) {
            case INTEGER -> {
                BigDecimal number = number(column, value);
                try {
                    yield number.intValueExact();
                } catch (ArithmeticException e) {
                    throw new ConversionException(column + ": '" + raw + "' is not a whole number in integer range");
                }
            }
            case BIGINT -> {
                BigDecimal number = number(column, value);
                try {
                    yield number.longValueExact();
                } catch (ArithmeticException e) {
                    throw new ConversionException(column + ": '" + raw + "' is not a whole number in bigint range");
                }
            }
            case NUMERIC -> number(column, value);
            case BOOLEAN -> {
                Boolean bool = parseBoolean(value);
                if (bool == null) {
                    throw new ConversionException(
                            column + ": '" + raw + "' is not a boolean (true/false, 1/0, yes/no)");
                }
                yield bool;
            }
            case TIMESTAMP -> {
                LocalDateTime time = parseDateTime(value);
                if (time == null) {
                    throw new ConversionException(column + ": '" + raw + "' is not a date/time");
                }
                yield time;
            }
            case DATE -> {
                LocalDateTime time = parseDateTime(value);
                if (time == null) {
                    throw new ConversionException(column + ": '" + raw + "' is not a date");
                }
                yield time.toLocalDate();
            }
            case JSONB -> throw new ConversionException(column + ": JSON columns are not written by column mappings");
            case TEXT -> raw;
        };
    }

    private static BigDecimal number(String column, String value) {
        BigDecimal number = parseNumber(value);
        if (number == null) {
            throw new ConversionException(column + ": '" + value + "' is not a number");
        }
        // 1E999999999 is a valid BigDecimal, but no column holds it and its plain text would take gigabytes.
        if (Math.abs((long) number.precision() - number.scale()) > MAX_DIGITS
                || Math.abs(number.scale()) > MAX_DIGITS) {
            throw new ConversionException(column + ": '" + value + "' is out of range");
        }
        return number;
    }

    /** A plain decimal number ({@code -12.50}, {@code 1E3}), or null. */
    public static BigDecimal parseNumber(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.isEmpty() || v.length() > 200) {
            return null;
        }
        char first = v.charAt(0);
        if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.')) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** true/false, 1/0, yes/no, y/n (any case), or null. */
    public static Boolean parseBoolean(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.length() > 5) {
            return null; // longer than "false": no boolean, and no lower-cased copy made per row
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y", "t" -> Boolean.TRUE;
            case "false", "0", "no", "n", "f" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** ISO date, ISO date-time (offsets converted to UTC), and the formats of the source documents; or null. */
    public static LocalDateTime parseDateTime(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.length() < 8 || v.length() > 40) {
            return null;
        }
        try {
            return LocalDateTime.parse(v);
        } catch (DateTimeParseException ignored) {
            // next format
        }
        try {
            return OffsetDateTime.parse(v).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DateTimeParseException ignored) {
            // next format
        }
        for (DateTimeFormatter format : DATE_TIMES) {
            try {
                return LocalDateTime.parse(v, format);
            } catch (DateTimeParseException ignored) {
                // next format
            }
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(v, format).atStartOfDay();
            } catch (DateTimeParseException ignored) {
                // next format
            }
        }
        return null;
    }

    /** The value as text (for export destinations and previews of untyped columns). */
    public static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        return value.toString();
    }
}
