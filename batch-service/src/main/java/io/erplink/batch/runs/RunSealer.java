package io.erplink.batch.runs;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.erplink.kit.outbox.Outbox;
import io.erplink.protocol.events.RunSealed;
import io.erplink.protocol.events.Topics;

/** Seals a fetched run and publishes RunSealed through the outbox, atomically. */
@ApplicationScoped
public class RunSealer {
    private final RunStore store;
    private final Outbox outbox;
    private final EntityManager em;

    RunSealer(RunStore store, Outbox outbox, EntityManager em) {
        this.store = store;
        this.outbox = outbox;
        this.em = em;
    }

    /**
     * @return the published event, or null when this owner no longer holds the run
     */
    @Transactional
    public RunSealed seal(ClaimedRun run) {
        if (!store.seal(run.id(), run.owner())) {
            return null;
        }
        Object[] counts = (Object[]) em.createNativeQuery("select next_sequence, rows_read from run where id = ?1")
                .setParameter(1, run.id())
                .getSingleResult();
        RunSealed sealed = new RunSealed(
                eventId(run.id()),
                RunSealed.VERSION,
                run.id().toString(),
                run.mappingJob(),
                ((Number) counts[0]).longValue(),
                ((Number) counts[1]).longValue(),
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
