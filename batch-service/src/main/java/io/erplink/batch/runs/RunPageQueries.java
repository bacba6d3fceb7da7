package io.erplink.batch.runs;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Small read-only lookups for workers, each in its own short transaction. */
final class RunPageQueries {
    private RunPageQueries() {}

    static List<RunPage> archivedPages(UUID runId) {
        return QuarkusTransaction.requiringNew().call(() -> RunPage.ofRun(runId));
    }

    static Run run(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Run.<Run>findById(id));
    }

    /** When the run started, for its duration metric; now when it cannot be read. */
    static Instant startedAt(UUID id) {
        Run run = run(id);
        return run != null && run.startedAt != null ? run.startedAt : Instant.now();
    }
}
