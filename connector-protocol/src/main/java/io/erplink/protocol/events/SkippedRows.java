package io.erplink.protocol.events;

import java.util.List;

/**
 * Rows of one source table a run skipped for one reason, e.g. {@code no table mapping for source
 * table EcomPrices in job bc-import-items}, with a bounded sample of the rows, so an operator can tell
 * a misspelt table from an intended skip.
 *
 * @param table      the source table
 * @param rows       how many rows were skipped for the reason
 * @param reason     why
 * @param sampleKeys the first few rows (page, row and their first columns), at most a handful
 */
public record SkippedRows(String table, long rows, String reason, List<String> sampleKeys) {}
