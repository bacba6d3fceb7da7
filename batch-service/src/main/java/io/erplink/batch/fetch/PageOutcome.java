package io.erplink.batch.fetch;

import io.erplink.protocol.tables.TablesHeader;

/**
 * One page read, chunked and acknowledged by Kafka.
 *
 * @param header      the response's {@code <tables>} attributes (ExportIsDone, batchId, pageNumber, totalCount)
 * @param rows        rows in the page
 * @param chunks      chunks published for it
 * @param bytes       size of the response body
 * @param archivePath where the raw response was archived, or null
 * @param millis      time from request to the last acknowledgement
 */
public record PageOutcome(TablesHeader header, long rows, int chunks, long bytes, String archivePath, long millis) {}
