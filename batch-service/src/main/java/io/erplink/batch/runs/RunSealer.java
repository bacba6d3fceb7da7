package io.erplink.batch.runs;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.erplink.kit.outbox.Outbox;
import io.erplink.protocol.events.RunSealed;
import io.erplink.protocol.events.Topics;

/** Seals a fetched run and publishes RunSealed through the outbox, atomically. */
@ApplicationScoped
public class RunSealer {
    private final RunStore store;
    private final Outbox outbox;

    RunSealer(RunStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    /**
     * @return the published event, or null when this owner no longer holds the run
     */
    @Transactional
    public RunSealed seal(ClaimedRun run) {
        if (!store.seal(run.id(), run.owner())) {
            return null;
        }
        Run sealedRun = Run.findById(run.id());
        RunSealed sealed = new RunSealed(
                eventId(run.id()),
                RunSealed.VERSION,
                run.id().toString(),
                run.mappingJob(),
                sealedRun.nextSequence,
                sealedRun.rowsRead,
                run.fullImport());
        outbox.publish(Topics.BATCH_RECORDS, run.id().toString(), sealed);
        return sealed;
    }

    /** RunSealed's event id is derived from the run: a run is sealed once. */
    static String eventId(UUID runId) {
        return UUID.nameUUIDFromBytes((runId + "/sealed").getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
