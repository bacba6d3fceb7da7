package io.erplink.protocol.events;

import java.util.List;

/**
 * The outcome of a run's final merge ({@code batch.results}).
 *
 * <p>Version 2 adds {@code unchanged}, {@code tables} and {@code skippedRows}, so every row read is
 * accounted for: {@code read = inserted + updated + unchanged + skipped + failed}, per table too.
 * Version 1 events (without them) are still read: {@code unchanged} is 0 and the lists are null there,
 * use {@link #tablesOrEmpty()} and {@link #skippedRowsOrEmpty()}.
 *
 * @param eventId  unique id of this event
 * @param version  contract version, {@link #VERSION} (1 is still read)
 * @param runId    the batch run
 * @param status   {@code MERGED} or {@code FAILED}
 * @param read     rows read in all chunks
 * @param inserted rows inserted into the destination tables
 * @param updated  rows updated
 * @param skipped  rows skipped
 * @param failed   rows failed
 * @param removed  rows removed or deactivated (remove rows not in source / deactivate missing)
 * @param message  a failure's reason, or null
 * @param errors   row errors (bounded); the same as the run's ChunkResults carried, not new ones
 * @param unchanged rows merged that already held the same values (version 2)
 * @param tables   the counts per source table (version 2)
 * @param skippedRows skipped rows by source table and reason, with sample keys (version 2; so far the
 *                 rows of source tables no table mapping reads)
 */
public record RunResult(
        String eventId,
        int version,
        String runId,
        Status status,
        long read,
        long inserted,
        long updated,
        long skipped,
        long failed,
        long removed,
        String message,
        List<RowError> errors,
        long unchanged,
        List<TableCounts> tables,
        List<SkippedRows> skippedRows) {
    public static final int VERSION = 2;

    /** Versions a consumer must be able to read. */
    public static boolean known(int version) {
        return version == 1 || version == VERSION;
    }

    public List<TableCounts> tablesOrEmpty() {
        return tables == null ? List.of() : tables;
    }

    public List<SkippedRows> skippedRowsOrEmpty() {
        return skippedRows == null ? List.of() : skippedRows;
    }

    /**
     * The run's account for logs and exit messages: {@code read 7 = 0 inserted + 0 updated + 7 unchanged
     * + 0 skipped + 0 failed, 0 removed}, then one such line per table and the skip reasons.
     */
    public String accounting() {
        StringBuilder text = new StringBuilder();
        text.append(line(read, inserted, updated, unchanged, skipped, failed))
                .append(", ")
                .append(removed)
                .append(" removed");
        for (TableCounts table : tablesOrEmpty()) {
            text.append("; ")
                    .append(table.table())
                    .append(": ")
                    .append(line(
                            table.read(),
                            table.inserted(),
                            table.updated(),
                            table.unchanged(),
                            table.skipped(),
                            table.failed()));
        }
        for (SkippedRows skip : skippedRowsOrEmpty()) {
            text.append("; ").append(skip.rows()).append(" skipped: ").append(skip.reason());
        }
        return text.toString();
    }

    private static String line(long read, long inserted, long updated, long unchanged, long skipped, long failed) {
        return "read " + read + " = " + inserted + " inserted + " + updated + " updated + " + unchanged
                + " unchanged + " + skipped + " skipped + " + failed + " failed";
    }

    public enum Status {
        MERGED,
        FAILED
    }
}
