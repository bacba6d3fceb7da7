package io.erplink.batch.odata;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeltaValuesTest {
    private static int order(String a, String b) {
        return Integer.signum(DeltaValues.ORDER.compare(a, b));
    }

    @Test
    void valuesWrittenAlikeInUtcOrAsDatesOrderAsTheirText() {
        assertEquals(1, order("2026-12-01T10:00:00.500Z", "2026-12-01T10:00:00.250Z"));
        assertEquals(-1, order("2026-11-30T23:59:59.999Z", "2026-12-01T00:00:00.000Z"));
        assertEquals(0, order("2026-12-01T10:00:00Z", "2026-12-01T10:00:00Z"));
        assertEquals(1, order("2026-01-31", "2025-12-31"));
        assertEquals(-1, order("0001-01-01", "2026-01-01"));
    }

    @Test
    void valuesWrittenDifferentlyOrderAsInstantsWhereTheirTextWouldNot() {
        // 'Z' sorts after '.' as text, but 10:00:00 is before 10:00:00.5
        assertEquals(-1, order("2026-12-01T10:00:00Z", "2026-12-01T10:00:00.5Z"));
        assertEquals(1, order("2026-12-01T10:00:00.5Z", "2026-12-01T10:00:00.25Z"));
        // the same layout with other offsets: 15:00Z is after 13:00Z
        assertEquals(1, order("2026-12-01T10:00:00-05:00", "2026-12-01T12:00:00-01:00"));
        assertEquals(-1, order("2026-12-01T10:00:00+01:00", "2026-12-01T09:30:00Z"));
        // signed years: -0001 is after -0002
        assertEquals(1, order("-0001-01-01", "-0002-01-01"));
    }

    @Test
    void valuesThatAreNeitherInstantsNorDatesOrderAsText() {
        assertEquals(1, order("B", "A"));
        assertEquals(-1, order("2026-13-01", "2026-14-01"));
        assertEquals(1, order("next week", "2026-12-01"));
    }
}
