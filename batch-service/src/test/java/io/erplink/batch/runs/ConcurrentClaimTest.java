package io.erplink.batch.runs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.erplink.batch.NoBackgroundWork;
import io.erplink.batch.publish.ChunkRule;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several workers (threads, each claim in its own transaction on its own pooled connection) against
 * one database: every due run is started exactly once, and a schedule fires once per due time.
 * This replica's own worker and scheduler are off so only the test's workers claim.
 */
@QuarkusTest
@TestProfile(NoBackgroundWork.class)
@WithTestResource(PostgresKafkaTestResource.class)
@WithTestResource(OperatorJwtTestResource.class)
class ConcurrentClaimTest {
    static final int WORKERS = 8;

    @Inject
    RunStore store;

    @Inject
    DuePlanner planner;

    @Test
    void everyDueRunIsClaimedByExactlyOneOfManyConcurrentWorkers() throws Exception {
        long activity = activity("claim-many", "ONCE", false);
        int runs = 60;
        for (int i = 0; i < runs; i++) {
            Runs.execute(
                    "insert into run (id, activity_id, activity_name, kind, trigger, status, phase, request_xml, mapping_job)"
                            + " values (?, ?, 'claim-many', 'IMPORT', 'MANUAL', 'STARTING', 'QUEUED', '<x/>', 'job')",
                    UUID.randomUUID(),
                    activity);
        }
        Map<UUID, String> claimedBy = new ConcurrentHashMap<>();
        List<String> duplicates = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<Integer>> results = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            String owner = "worker-" + w;
            results.add(pool.submit(() -> {
                start.await();
                int mine = 0;
                for (Optional<ClaimedRun> run = store.claimNext(owner); run.isPresent(); run = store.claimNext(owner)) {
                    String earlier = claimedBy.putIfAbsent(run.get().id(), owner);
                    if (earlier != null) {
                        synchronized (duplicates) {
                            duplicates.add(run.get().id() + " by " + earlier + " and " + owner);
                        }
                    }
                    if (run.get().activityId() == activity) {
                        mine++;
                    }
                }
                return mine;
            }));
        }
        // The database's clock before the first claim: every lease must reach beyond it. Comparing with now()
        // at the end instead made the test fail on a loaded machine where claiming took longer than the lease.
        long beforeClaimsMillis = Runs.scalar("select (extract(epoch from clock_timestamp()) * 1000)::bigint");
        start.countDown();
        int total = 0;
        int busyWorkers = 0;
        for (Future<Integer> result : results) {
            int n = result.get();
            total += n;
            busyWorkers += n > 0 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(List.of(), duplicates);
        assertEquals(runs, total);
        assertEquals(
                runs,
                claimedBy.keySet().stream()
                        .filter(id -> {
                            try {
                                return Runs.scalar(
                                                "select count(*) from run where id = ? and activity_id = ?",
                                                id,
                                                activity)
                                        == 1;
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .count());
        assertTrue(busyWorkers > 1, "the claims spread over several workers");
        assertEquals(
                runs,
                Runs.scalar(
                        "select count(*) from run where activity_id = ? and status = 'STARTED' and attempt = 1"
                                + " and lease_owner like 'worker-%' and lease_until > to_timestamp(? / 1000.0)",
                        activity, beforeClaimsMillis));
    }

    @Test
    void aScheduleFiresOncePerDueTimeWhateverTheNumberOfPlanners() throws Exception {
        long activity = activity("schedule-once", "MINUTES", true);
        Instant now = Instant.now().plusSeconds(600);
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> planners = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            planners.add(() -> {
                start.await();
                return planner.planDue(now);
            });
        }
        List<Future<Integer>> futures = new ArrayList<>();
        planners.forEach(p -> futures.add(pool.submit(p)));
        start.countDown();
        for (Future<Integer> f : futures) {
            f.get();
        }
        // a second round at the same instant finds the due time fired already
        assertEquals(0, planner.planDue(now));
        pool.shutdown();
        assertEquals(
                1, Runs.scalar("select count(*) from run where activity_id = ? and trigger = 'SCHEDULE'", activity));
        assertEquals(1, Runs.scalar("select count(distinct due_time) from run where activity_id = ?", activity));
        // the next due time (one minute later) fires once more
        planner.planDue(now.plusSeconds(60));
        assertEquals(
                2, Runs.scalar("select count(*) from run where activity_id = ? and trigger = 'SCHEDULE'", activity));
        Runs.execute("update activity set enabled = false where id = ?", activity);
    }

    @Test
    void aRunWhoseLeaseExpiredIsResumedByAnotherWorkerAndAbandonedAfterTheLastAttempt() throws Exception {
        long activity = activity("claim-expired", "ONCE", false);
        UUID id = UUID.randomUUID();
        Runs.execute(
                "insert into run (id, activity_id, activity_name, kind, trigger, status, phase, request_xml, mapping_job,"
                        + " last_committed_page, next_sequence, batch_id) values (?, ?, 'claim-expired', 'IMPORT', 'MANUAL',"
                        + " 'STARTING', 'QUEUED', '<x/>', 'job', 0, 0, null)",
                id,
                activity);
        ClaimedRun first = claimOnly(id, "worker-a");
        assertEquals(1, first.attempt());
        assertEquals(
                new ChunkRule(100, ChunkRule.MAX_BYTES),
                first.chunks(),
                "the test profile's chunk size, fixed at the first claim");
        // worker-a commits three pages, then dies: its lease runs out. Its chunk rule stands for 7 rows, as if
        // erplink.batch.chunk-size had been 7 then: a resumption must split its pages the same way.
        Runs.execute(
                "update run set last_committed_page = 3, next_sequence = 12, batch_id = 'B1', next_erp_page = 4,"
                        + " chunk_rows = 7, lease_until = now() - interval '1 second' where id = ?",
                id);
        ClaimedRun second = claimOnly(id, "worker-b");
        assertEquals(2, second.attempt());
        assertEquals(3, second.lastCommittedPage(), "resumes after the last committed page");
        assertEquals(12, second.nextSequence());
        assertEquals("B1", second.batchId());
        assertEquals(4, second.nextErpPage());
        assertEquals("worker-a", second.previousOwner());
        assertEquals(new ChunkRule(7, ChunkRule.MAX_BYTES), second.chunks(), "the chunk rule of the run's first claim");
        // a lost owner can no longer commit
        assertTrue(!store.commitPage(
                id, "worker-a", new RunStore.PageCommit(4, 4, 5, "B1", null, 12, 1, 10, 100, null, 1)));
        assertTrue(store.commitPage(
                id, "worker-b", new RunStore.PageCommit(4, 4, 5, "B1", null, 12, 1, 10, 100, null, 1)));
        // worker-b dies too; max-attempts is 2: the run is abandoned, never STARTED forever
        Runs.execute("update run set lease_until = now() - interval '1 second' where id = ?", id);
        store.claimNext("worker-c");
        assertEquals(
                1,
                Runs.scalar("select count(*) from run where id = ? and status = 'ABANDONED' and phase = 'DONE'", id));
        assertEquals(2, Runs.scalar("select count(*) from run_error where run_id = ? and source = 'LEASE'", id));
    }

    /** Claims until the given run comes up (other tests' leftover runs are claimed too, harmlessly). */
    private ClaimedRun claimOnly(UUID id, String owner) {
        for (int i = 0; i < 200; i++) {
            Optional<ClaimedRun> run = store.claimNext(owner);
            if (run.isEmpty()) {
                break;
            }
            if (run.get().id().equals(id)) {
                return run.get();
            }
        }
        throw new AssertionError("run " + id + " was not claimable by " + owner);
    }

    private static long activity(String name, String interval, boolean enabled) throws Exception {
        Runs.execute(
                "insert into activity (name, type, request_xml, mapping_job, schedule_interval, schedule_every, enabled,"
                        + " begin_at) values (?, 'IMPORT_WITH_PAGING', '<GetEcomData><tables><Products type=\"all\"/></tables></GetEcomData>',"
                        + " 'ifv2-import-products', ?, 1, ?, now() - interval '1 hour')",
                name,
                interval,
                enabled);
        return Runs.scalar("select id from activity where name = ?", name);
    }
}
