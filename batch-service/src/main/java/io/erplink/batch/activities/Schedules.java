package io.erplink.batch.activities;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * When an activity is due. Due times are a fixed grid: {@code begin + k * period} for the interval
 * schedules (UTC, so a daily run keeps its wall-clock time in UTC), the cron expression's fire times
 * for CRON, {@code begin} for ONCE. Only the latest due time not yet fired is returned: after an
 * outage of the whole service a schedule fires once, not once per missed slot (misfire = fire once).
 */
public final class Schedules {
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser QUARTZ =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private Schedules() {}

    /**
     * The schedule's most recent due time at {@code now}, when it is later than {@code lastFired}.
     *
     * @param anchor    the grid's origin when the activity has no begin time (its creation)
     * @param lastFired the latest due time a run was created for, or null
     */
    public static Optional<Instant> dueAt(
            ScheduleInterval interval,
            int every,
            String cron,
            Instant begin,
            Instant end,
            Instant anchor,
            Instant lastFired,
            Instant now) {
        Instant origin = begin != null ? begin : anchor;
        if (origin == null || now.isBefore(origin)) {
            return Optional.empty();
        }
        Instant due;
        switch (interval) {
            case ONCE -> due = origin;
            case CRON -> {
                ZonedDateTime at = now.atZone(ZoneOffset.UTC);
                Optional<ZonedDateTime> last =
                        ExecutionTime.forCron(parseCron(cron)).lastExecution(at.plusNanos(1));
                if (last.isEmpty()) {
                    return Optional.empty();
                }
                due = last.get().toInstant();
                if (due.isBefore(origin)) {
                    return Optional.empty();
                }
            }
            default -> {
                Duration period = interval.period(every);
                long k = Duration.between(origin, now).toMillis() / period.toMillis();
                due = origin.plus(period.multipliedBy(k));
            }
        }
        if (end != null && due.isAfter(end)) {
            return Optional.empty();
        }
        if (lastFired != null && !due.isAfter(lastFired)) {
            return Optional.empty();
        }
        return Optional.of(due);
    }

    /** The next due time after {@code now}, for the API; empty when the schedule is over. */
    public static Optional<Instant> nextAfter(
            ScheduleInterval interval,
            int every,
            String cron,
            Instant begin,
            Instant end,
            Instant anchor,
            Instant lastFired,
            Instant now) {
        Instant origin = begin != null ? begin : anchor;
        if (origin == null) {
            return Optional.empty();
        }
        Instant next;
        switch (interval) {
            case ONCE -> {
                if (lastFired != null) {
                    return Optional.empty();
                }
                next = origin;
            }
            case CRON -> {
                Instant from = now.isBefore(origin) ? origin.minusNanos(1) : now;
                Optional<ZonedDateTime> n =
                        ExecutionTime.forCron(parseCron(cron)).nextExecution(from.atZone(ZoneOffset.UTC));
                if (n.isEmpty()) {
                    return Optional.empty();
                }
                next = n.get().toInstant();
            }
            default -> {
                Duration period = interval.period(every);
                if (now.isBefore(origin)) {
                    next = origin;
                } else {
                    long k = Duration.between(origin, now).toMillis() / period.toMillis() + 1;
                    next = origin.plus(period.multipliedBy(k));
                }
            }
        }
        return end != null && next.isAfter(end) ? Optional.empty() : Optional.of(next);
    }

    /**
     * Parses a cron expression: 5 fields (Unix: minute hour day-of-month month day-of-week) or 6-7
     * fields (Quartz, with seconds).
     *
     * @throws IllegalArgumentException with the parser's reason
     */
    public static Cron parseCron(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("a CRON schedule needs a cron expression");
        }
        String trimmed = expression.trim();
        int fields = trimmed.split("\\s+").length;
        try {
            return (fields <= 5 ? UNIX : QUARTZ).parse(trimmed).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cron expression '" + trimmed + "': " + e.getMessage(), e);
        }
    }

    public static Optional<Instant> dueAt(Activity a, Instant lastFired, Instant now) {
        return dueAt(a.scheduleInterval, a.scheduleEvery, a.cron, a.beginAt, a.endAt, a.createdAt, lastFired, now);
    }
}
