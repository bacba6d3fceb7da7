package io.erplink.protocol.events;

/**
 * A {@code batch.records} value that is not a well-formed binary {@link RecordChunk} (version 2): the
 * message says what was wrong and at which byte offset.
 */
public class ChunkFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ChunkFormatException(String message) {
        super(message);
    }
}
