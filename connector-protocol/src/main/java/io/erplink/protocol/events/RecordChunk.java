package io.erplink.protocol.events;

import java.util.List;
import java.util.Map;

/**
 * A chunk of source rows of one run, from batch-service to mapping-service ({@code batch.records}).
 * Chunks of a run are numbered from 0 without gaps; a chunk redelivered with the same
 * {@code (runId, sequence)} must change nothing.
 *
 * <p>Two encodings on the wire, told apart by the value's first byte: version 2 (what batch-service
 * writes) is the binary form of {@link RecordChunkCodec}, column names once per row shape; version 1
 * is this record as JSON, each row with its column names, still read by mapping-service.
 *
 * <p>Every record of a run on {@code batch.records} has the run id as its key. By default all of them
 * go to the key's partition, so one consumer sees the run in order. A run may instead spread its
 * chunks over the topic's partitions (chunk {@code k} to the partition after the key's by {@code k},
 * modulo their number; its RunSealed stays on the key's partition): such chunks carry the header
 * {@link #SPREAD_HEADER}, and a consumer must then expect the run's chunks and its RunSealed in any
 * order, on any replica.
 *
 * @param eventId  unique id of this event
 * @param version  contract version: {@link #VERSION} (binary) or {@link #JSON_VERSION} (JSON)
 * @param runId    the batch run the rows belong to
 * @param job      the mapping job that maps the rows
 * @param sequence chunk number within the run, from 0
 * @param page     the ERP page (response number within the run, from 1) the rows came from
 * @param rows     the rows, in source order; a {@code null} column value means {@code isNull="true"}
 */
public record RecordChunk(
        String eventId, int version, String runId, String job, long sequence, int page, List<Row> rows) {
    /** The current contract version: the binary encoding of {@link RecordChunkCodec}. */
    public static final int VERSION = RecordChunkCodec.VERSION;
    /** The version of the JSON encoding (each row a map with its column names). */
    public static final int JSON_VERSION = 1;
    /**
     * Kafka header ({@code "1"}) on a chunk whose run is spread over the partitions of
     * {@code batch.records}: no replica sees all of the run's chunks, or sees them in order.
     */
    public static final String SPREAD_HEADER = "erplink-spread";

    /**
     * The partition of chunk {@code sequence} of a spread run: {@code keyPartition} (the run id's
     * partition, Kafka's default for the key) advanced by the sequence, so consecutive chunks go to
     * consecutive partitions.
     */
    public static int spreadPartition(int keyPartition, long sequence, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        return (int) Math.floorMod(keyPartition + sequence, (long) partitions);
    }

    /**
     * One source row.
     *
     * @param table   the source table (the {@code table} attribute of the item)
     * @param row     row number within its page, from 1, for error messages
     * @param columns column name to value in source order; null value = isNull
     */
    public record Row(String table, long row, Map<String, String> columns) {}
}
