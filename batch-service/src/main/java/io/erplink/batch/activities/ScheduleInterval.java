package io.erplink.batch.activities;

import java.time.Duration;

/** How often an activity runs: once, every n minutes/hours/days/weeks, or by a cron expression. */
public enum ScheduleInterval {
    ONCE(null),
    MINUTES(Duration.ofMinutes(1)),
    HOURLY(Duration.ofHours(1)),
    DAILY(Duration.ofDays(1)),
    WEEKLY(Duration.ofDays(7)),
    CRON(null);

    private final Duration unit;

    ScheduleInterval(Duration unit) {
        this.unit = unit;
    }

    /** The period for {@code every} units; null for ONCE and CRON. */
    public Duration period(int every) {
        return unit == null ? null : unit.multipliedBy(Math.max(1, every));
    }
}
