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
     * One source row.
     *
     * @param table   the source table (the {@code table} attribute of the item)
     * @param row     row number within its page, from 1, for error messages
     * @param columns column name to value in source order; null value = isNull
     */
    public record Row(String table, long row, Map<String, String> columns) {}
}
