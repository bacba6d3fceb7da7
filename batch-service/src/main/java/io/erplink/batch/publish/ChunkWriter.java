package io.erplink.batch.publish;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.RecordMetadata;

import io.erplink.protocol.events.RecordChunkCodec;

/**
 * Splits one page's rows into chunks and sends them; {@link #finish()} waits until Kafka acknowledged
 * every chunk. Holds one chunk in memory at a time (plus what the producer buffers), encoded as it
 * grows in the binary RecordChunk format (version 2, {@link RecordChunkCodec}).
 *
 * <p>A chunk closes by the run's {@link ChunkRule} (rows or encoded bytes, whichever comes first), so
 * boundaries depend on the rows and the rule alone and a page fetched again splits the same way.
 */
public class ChunkWriter {
    /** Where a finished chunk goes: {@link ChunkPublisher} sends it to Kafka. */
    @FunctionalInterface
    public interface Sender {
        /**
         * Sends an encoded chunk keyed by its run; its sequence chooses the partition when a run's chunks
         * spread. The future completes with Kafka's acknowledgement.
         */
        Future<RecordMetadata> send(String key, long sequence, byte[] value);
    }

    private final Sender sender;
    private final UUID runId;
    private final String key;
    private final String job;
    private final int page;
    private final ChunkRule rule;
    private final Runnable checkpoint;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();
    private final RecordChunkCodec.Encoder encoder = new RecordChunkCodec.Encoder();
    private boolean open;
    private long sequence;
    private final long sequenceFrom;
    private long rowsWritten;

    /**
     * A writer of one page's chunks ({@link ChunkPublisher#open} makes the service's).
     *
     * @param checkpoint called before each chunk is sent; throws {@link LeaseLost} when the run is no longer ours
     */
    public ChunkWriter(
            Sender sender, UUID runId, String job, int page, long sequenceFrom, ChunkRule rule, Runnable checkpoint) {
        this.sender = sender;
        this.runId = runId;
        this.key = runId.toString();
        this.job = job;
        this.page = page;
        this.sequenceFrom = sequenceFrom;
        this.sequence = sequenceFrom;
        this.rule = rule;
        this.checkpoint = checkpoint;
    }

    /** Adds a row (row number within the page from 1). */
    public void add(String table, long rowNumber, Map<String, String> columns) {
        openChunk();
        encoder.add(table, rowNumber, columns);
        closeChunkIfFull();
    }

    /** Adds a row given as text slices (the OData reader's rows), encoded without a map or a string per value. */
    public void add(String table, long rowNumber, RecordChunkCodec.TextRow columns) {
        openChunk();
        encoder.add(table, rowNumber, columns);
        closeChunkIfFull();
    }

    private void openChunk() {
        if (!open) {
            encoder.begin(eventId(runId, sequence), key, job, sequence, page);
            open = true;
        }
    }

    private void closeChunkIfFull() {
        if (encoder.rowCount() >= rule.rows() || encoder.size() >= rule.bytes()) {
            flushChunk();
        }
    }

    /** Sends the last chunk and waits for Kafka's acknowledgement of every chunk of the page. */
    public void finish() {
        if (open) {
            flushChunk();
        }
        for (Future<RecordMetadata> future : pending) {
            try {
                future.get(2, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                throw new PublishFailed(
                        "Kafka did not acknowledge a chunk of page " + page + ": " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new PublishFailed(
                        "no Kafka acknowledgement for a chunk of page " + page + " within 2 minutes", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishFailed("interrupted while waiting for Kafka", e);
            }
        }
        pending.clear();
    }

    /** Chunks sent for the page. */
    public int chunkCount() {
        return (int) (sequence - sequenceFrom);
    }

    /** Rows sent for the page. */
    public long rowCount() {
        return rowsWritten;
    }

    private void flushChunk() {
        checkpoint.run();
        int rows = encoder.rowCount();
        byte[] value = encoder.finish();
        open = false;
        try {
            pending.add(sender.send(key, sequence, value));
        } catch (RuntimeException e) {
            throw new PublishFailed("Kafka refused a chunk of page " + page + ": " + e.getMessage(), e);
        }
        rowsWritten += rows;
        sequence++;
    }

    /** The chunk's event id: the same for the same (run, sequence), so a re-sent chunk is recognisably the same event. */
    public static String eventId(UUID runId, long sequence) {
        return UUID.nameUUIDFromBytes((runId + "/chunk/" + sequence).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
