package io.erplink.batch.publish;

/**
 * Where a page's rows are split into chunks: a chunk closes once it holds {@code rows} rows or
 * {@code bytes} bytes of encoded rows, whichever comes first. A run keeps the rule it was first
 * claimed with, so a page sent again splits into the same sequences.
 */
public record ChunkRule(int rows, int bytes) {
    /**
     * Encoded bytes after which a chunk closes: with the header and the largest row the record stays
     * below Kafka's default 1 MiB {@code max.message.bytes} unless a single row is larger.
     */
    public static final int MAX_BYTES = 768 * 1024;

    public ChunkRule {
        if (rows < 1 || bytes < 1) {
            throw new IllegalArgumentException(
                    "a chunk rule needs at least one row and one byte: " + rows + " rows, " + bytes + " bytes");
        }
    }
}
