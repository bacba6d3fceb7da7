package io.erplink.mapping.execution;

/** A record on batch.records that is not a RecordChunk or RunSealed this service understands; it goes to the dead-letter topic. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
