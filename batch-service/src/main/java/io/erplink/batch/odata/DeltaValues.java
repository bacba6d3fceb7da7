package io.erplink.batch.odata;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

/**
 * Values of a delta field (a modification time as the server sent it: {@code Edm.DateTimeOffset} such as
 * {@code 2026-12-07T10:15:30.123Z}, or {@code Edm.Date} such as {@code 2026-12-07}): ordering, and the
 * {@code ge} clause of a delta run. The watermark is the server's own value, never this machine's clock.
 */
public final class DeltaValues {
    /** Orders values as instants or dates where they parse, else as text. */
    public static final Comparator<String> ORDER = DeltaValues::compare;

    private DeltaValues() {}

    static int compare(String a, String b) {
        if (writtenAlike(a, b)) {
            return a.compareTo(b); // what the parsing below would decide, without parsing every row's value
        }
        Instant ia = instant(a);
        Instant ib = instant(b);
        if (ia != null && ib != null) {
            return ia.compareTo(ib);
        }
        LocalDate da = date(a);
        LocalDate db = date(b);
        if (da != null && db != null) {
            return da.compareTo(db);
        }
        return a.compareTo(b);
    }

    /**
     * Whether the text order of two values is their order as instants, dates or text: both of the same
     * length with the same separators at the same places, digits everywhere else, starting with a digit
     * (no signed year) and, if they hold a time, in UTC ({@code Z}: equal-width digit fields then compare
     * as numbers). Values a server writes one way (BC: {@code 2026-12-07T10:15:30.123Z}) always are; anything
     * else (offsets, fractions of different lengths) is parsed.
     */
    private static boolean writtenAlike(String a, String b) {
        int n = a.length();
        if (n == 0 || n != b.length() || !digit(a.charAt(0)) || !digit(b.charAt(0))) {
            return false;
        }
        boolean time = false;
        for (int i = 1; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (digit(x) && digit(y)) {
                continue;
            }
            if (x != y || (x != '-' && x != ':' && x != '.' && x != 'T' && x != 'Z')) {
                return false;
            }
            time |= x == 'T';
        }
        return !time || a.charAt(n - 1) == 'Z';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The larger of two values, either may be null. */
    public static String max(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return compare(a, b) >= 0 ? a : b;
    }

    /**
     * The delta clause {@code field ge <watermark - overlap>}: an instant for {@code Edm.DateTimeOffset}, a
     * date for {@code Edm.Date} (whole days: the watermark's own day is read again, and the overlap counts
     * in whole days).
     *
     * @param edmType the field's type from {@code $metadata}, or null when unknown (taken from the value)
     * @throws IllegalArgumentException when the watermark is neither
     */
    public static String since(String field, String edmType, String watermark, int overlapSeconds) {
        boolean dateOnly = "Edm.Date".equals(edmType) || (edmType == null && date(watermark) != null);
        if (dateOnly) {
            LocalDate day = date(watermark);
            if (day == null) {
                Instant at = instant(watermark);
                if (at == null) {
                    throw new IllegalArgumentException("watermark " + watermark + " is not a date");
                }
                day = LocalDate.ofInstant(at, java.time.ZoneOffset.UTC);
            }
            return field + " ge " + day.minusDays(overlapSeconds / 86_400);
        }
        Instant at = instant(watermark);
        if (at == null) {
            LocalDate day = date(watermark);
            if (day == null) {
                throw new IllegalArgumentException("watermark " + watermark + " is not a date/time");
            }
            at = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        }
        return field + " ge " + DateTimeFormatter.ISO_INSTANT.format(at.minus(Duration.ofSeconds(overlapSeconds)));
    }

    private static Instant instant(String v) {
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate date(String v) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
