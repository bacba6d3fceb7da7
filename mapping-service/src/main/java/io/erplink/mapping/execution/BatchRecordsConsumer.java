package io.erplink.mapping.execution;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;

import io.erplink.kit.logging.LogContext;
import io.erplink.protocol.events.RecordChunk;
import io.erplink.protocol.events.RunSealed;

/**
 * Consumes {@code batch.records} (RecordChunk and RunSealed, key = run id; a run's chunks on its key's
 * partition, or spread over the partitions with {@link RecordChunk#SPREAD_HEADER}). The offset is committed
 * only after this method returned, that is after {@link MappingRunExecutor} committed its transaction. A
 * malformed record is logged and nacked without retry: the channel's failure strategy sends it to the
 * dead-letter topic and the partition moves on. A database outage is retried here for up to 10 minutes
 * (not a count: 30 retries a second apart sent good records to the dead-letter topic after a 30 s
 * PostgreSQL restart); only an outage longer than that sends the record there (nothing is lost: it can
 * be re-driven). 10 minutes stays below the channel's 15-minute unprocessed-record and poll limits.
 */
@ApplicationScoped
public class BatchRecordsConsumer {
    private static final Logger LOG = Logger.getLogger(BatchRecordsConsumer.class);

    private final BatchRecordDecoder decoder;
    private final MappingRunExecutor executor;

    BatchRecordsConsumer(BatchRecordDecoder decoder, MappingRunExecutor executor) {
        this.decoder = decoder;
        this.executor = executor;
    }

    @Incoming("batch-records")
    @Blocking(ordered = true)
    @Retry(
            maxRetries = -1,
            delay = 1,
            delayUnit = ChronoUnit.SECONDS,
            maxDuration = 10,
            durationUnit = ChronoUnit.MINUTES,
            jitter = 200,
            abortOn = MalformedEventException.class)
    public void consume(ConsumerRecord<String, byte[]> record) {
        Object event;
        try {
            event = decoder.decode(record.headers(), record.value());
        } catch (MalformedEventException e) {
            LOG.warnf(
                    "batch.records %s-%d@%d (key %s) is malformed and goes to the dead-letter topic: %s",
                    record.topic(), record.partition(), record.offset(), record.key(), e.getMessage());
            throw e;
        }
        // The run's id on every line of its staging and merge (the record key is the run id).
        try (LogContext log = LogContext.put(LogContext.RUN_ID, record.key())) {
            if (event instanceof RecordChunk chunk) {
                executor.onChunk(chunk, record.headers().lastHeader(RecordChunk.SPREAD_HEADER) != null);
            } else if (event instanceof RunSealed sealed) {
                executor.onSealed(sealed);
            }
        }
    }
}
