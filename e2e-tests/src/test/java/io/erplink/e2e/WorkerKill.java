package io.erplink.e2e;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.restassured.path.json.JsonPath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kill -9 of the batch-service replica holding a run mid-way and the survivor's takeover, as
 * BatchWorkerKillTest (connector XML) and BcWorkerKillTest (OData) both do it: two replicas on one
 * database, the holder killed with SIGKILL once some pages are committed, the other claims the run when
 * the lease expires and resumes from the last committed page.
 */
final class WorkerKill {
    private WorkerKill() {}

    /** Two batch-service replicas (a second one started when the suite runs one). */
    static void twoReplicas(Suite suite) throws IOException {
        if (suite.batchInstances().size() < 2) {
            suite.startBatchInstance();
        }
        assertTrue(suite.batchInstances().size() >= 2, "two batch-service replicas");
    }

    /**
     * Waits until the run has committed {@code committedPages} pages under a lease, then kills its holder.
     *
     * @param pages the run's pages in all: the kill must come before the last
     * @return the killed replica
     */
    static AppProcess killHolderMidRun(Suite suite, UUID run, int committedPages, int pages)
            throws InterruptedException {
        JsonPath midRun = Batch.await(
                () -> suite.batch().url(),
                run,
                Duration.ofSeconds(120),
                json -> json.getInt("progress.lastCommittedPage") >= committedPages
                        && json.getString("leaseOwner") != null);
        assertTrue(midRun.getInt("progress.lastCommittedPage") < pages, "killed before the last page");
        String owner = midRun.getString("leaseOwner");
        List<AppProcess> replicas = suite.batchInstances();
        AppProcess holder = replicas.stream()
                .filter(p -> owner.startsWith(p.name() + "#"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no replica holds lease " + owner));
        holder.kill9();
        assertFalse(holder.isAlive(), holder.name() + " killed");
        return holder;
    }

    /**
     * The run completed by the survivor: claimed twice, every page committed exactly once, no row failed,
     * the takeover recorded in its errors.
     */
    static JsonPath awaitTakenOver(Suite suite, UUID run, AppProcess killed, int pages) throws InterruptedException {
        JsonPath done = Batch.awaitCompleted(() -> suite.batch().url(), run, Duration.ofSeconds(180));
        assertEquals(2, done.getInt("attempt"), "claimed twice: by the killed replica, then by the survivor");
        assertEquals(pages, done.getInt("progress.pagesFetched"), "every page committed exactly once");
        assertEquals(0, done.getLong("progress.rowsFailed"), "rows failed");
        assertTrue(
                done.getList("errors.message", String.class).stream()
                        .anyMatch(m -> m.contains(killed.name()) && m.contains("resumed from page")),
                "lease takeover recorded: " + done.getList("errors.message"));
        return done;
    }
}
