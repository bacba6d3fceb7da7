package io.erplink.testsupport;

import java.util.List;

import io.restassured.path.json.JsonPath;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A batch-service run's row accounting (its JSON view), asserted in one place by the module and e2e tests. */
public final class RunCounts {
    private RunCounts() {}

    /** The run's rows read, inserted, updated, skipped and failed; the message carries the run's errors. */
    public static void assertRowCounts(
            JsonPath run, long read, long inserted, long updated, long skipped, long failed) {
        assertEquals(
                List.of(read, inserted, updated, skipped, failed),
                List.of(
                        run.getLong("progress.rowsRead"),
                        run.getLong("progress.rowsInserted"),
                        run.getLong("progress.rowsUpdated"),
                        run.getLong("progress.rowsSkipped"),
                        run.getLong("progress.rowsFailed")),
                "read, inserted, updated, skipped, failed; errors: " + run.getList("errors"));
    }
}
