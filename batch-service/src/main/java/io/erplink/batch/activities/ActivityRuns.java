package io.erplink.batch.activities;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What activities need of their runs. The runs package implements it (RunService), so runs depend
 * on activities and never the other way round.
 */
public interface ActivityRuns {

    /** The due time of the activity's newest run, or null when it never ran. */
    Instant lastFired(long activityId);

    /** The activity's newest run, or null when it never ran. */
    ActivityView.LastRun lastRun(long activityId);

    /** Queues a run of the activity; empty when a run for the same due time exists already. */
    Optional<UUID> create(Activity activity, String trigger, Instant dueTime);
}
