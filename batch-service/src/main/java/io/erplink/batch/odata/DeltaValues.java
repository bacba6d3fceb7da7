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
