package io.erplink.batch.runs;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import io.erplink.batch.BatchConfig;
import io.erplink.batch.activities.Activity;
import io.erplink.batch.activities.Schedules;

/**
 * Turns schedules into runs. Every replica may run it: a due time becomes a run through an insert
 * on the unique (activity, due time) key, so it fires exactly once whatever the replica count.
 */
@ApplicationScoped
public class DuePlanner {
    private static final Logger LOG = Logger.getLogger(DuePlanner.class);

    private final RunService runs;
    private final BatchConfig config;

    DuePlanner(RunService runs, BatchConfig config) {
        this.runs = runs;
        this.config = config;
    }

    @Scheduled(
            every = "${erplink.batch.scheduling.interval:10s}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (config.scheduling().enabled()) {
            try {
                planDue(Instant.now());
            } catch (RuntimeException e) {
                LOG.warnf("planning due runs failed: %s", e.getMessage());
            }
        }
    }

    /**
     * Creates a run for every enabled activity that is due at {@code now} and has not fired for that due time.
     *
     * @return runs created by this call
     */
    public int planDue(Instant now) {
        List<Activity> activities = QuarkusTransaction.requiringNew().call(Activity::enabledActivities);
        int created = 0;
        for (Activity activity : activities) {
            try {
                Instant lastFired = runs.lastFired(activity.id);
                var due = Schedules.dueAt(activity, lastFired, now);
                if (due.isPresent()
                        && runs.create(activity, "SCHEDULE", due.get()).isPresent()) {
                    created++;
                    LOG.infof("activity %s due at %s: run created", activity.name, due.get());
                }
            } catch (RuntimeException e) {
                LOG.warnf("activity %s: cannot plan its schedule: %s", activity.name, e.getMessage());
            }
        }
        return created;
    }
}
