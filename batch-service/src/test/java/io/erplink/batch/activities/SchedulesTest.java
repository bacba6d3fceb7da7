package io.erplink.batch.activities;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchedulesTest {
    static final Instant BEGIN = Instant.parse("2026-01-01T06:30:00Z");

    @Test
    void intervalFiresTheLatestGridSlotOnceAfterAnOutage() {
        Instant now = Instant.parse("2026-01-01T09:47:00Z");
        assertEquals(
                Optional.of(Instant.parse("2026-01-01T09:30:00Z")),
                Schedules.dueAt(ScheduleInterval.HOURLY, 1, null, BEGIN, null, null, null, now));
        assertEquals(
                Optional.empty(),
                Schedules.dueAt(
                        ScheduleInterval.HOURLY,
                        1,
                        null,
                        BEGIN,
                        null,
                        null,
                        Instant.parse("2026-01-01T09:30:00Z"),
                        now));
        assertEquals(
                Optional.of(Instant.parse("2026-01-01T09:45:00Z")),
                Schedules.dueAt(ScheduleInterval.MINUTES, 15, null, BEGIN, null, null, null, now));
        assertEquals(
                Optional.of(Instant.parse("2026-01-08T06:30:00Z")),
                Schedules.nextAfter(ScheduleInterval.WEEKLY, 1, null, BEGIN, null, null, null, now));
    }

    @Test
    void onceFiresAtBeginOnlyAndNothingFiresBeforeBeginOrAfterEnd() {
        assertEquals(
                Optional.of(BEGIN),
                Schedules.dueAt(ScheduleInterval.ONCE, 1, null, BEGIN, null, null, null, BEGIN.plusSeconds(5)));
        assertEquals(
                Optional.empty(),
                Schedules.dueAt(ScheduleInterval.ONCE, 1, null, BEGIN, null, null, BEGIN, BEGIN.plusSeconds(5)));
        assertEquals(
                Optional.empty(),
                Schedules.dueAt(ScheduleInterval.DAILY, 1, null, BEGIN, null, null, null, BEGIN.minusSeconds(1)));
        assertEquals(
                Optional.empty(),
                Schedules.dueAt(
                        ScheduleInterval.DAILY,
                        1,
                        null,
                        BEGIN,
                        BEGIN.plusSeconds(3600),
                        null,
                        BEGIN,
                        BEGIN.plusSeconds(3 * 86400)));
    }

    @Test
    void cronUsesUnixOrQuartzFieldsInUtcAndRejectsNonsense() {
        Instant now = Instant.parse("2026-01-05T10:07:00Z");
        assertEquals(
                Optional.of(Instant.parse("2026-01-05T10:05:00Z")),
                Schedules.dueAt(ScheduleInterval.CRON, 1, "*/5 * * * *", BEGIN, null, null, null, now));
        assertEquals(
                Optional.of(Instant.parse("2026-01-05T02:00:00Z")),
                Schedules.dueAt(ScheduleInterval.CRON, 1, "0 0 2 * * ?", BEGIN, null, null, null, now));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Schedules.parseCron("61 * * * *"));
        assertTrue(e.getMessage().contains("invalid cron expression"), e.getMessage());
    }
}
