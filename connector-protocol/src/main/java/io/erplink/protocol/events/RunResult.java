package io.erplink.protocol.events;

import java.util.List;

/**
 * The outcome of a run's final merge ({@code batch.results}).
 *
 * <p>Version 3 accounts per source row, as Spring Batch counts items: every row read is written,
 * skipped or failed, once ({@code read = written + skipped + failed}, per source table in
 * {@code sources}), however many destination tables a row goes to. What the merge did is reported per
 * destination table in {@code targets} ({@code received = inserted + updated + unchanged + skipped});
 * {@code inserted}, {@code updated}, {@code unchanged} and {@code removed} are those tables' sums
 * (destination rows, not rows read). Versions 1 and 2 are still read: there {@code skipped} included
 * the merge's duplicate keys, {@code written} is 0 and {@code sources}/{@code targets} are null
 * (version 2 has {@code tables} instead); use the {@code ...OrEmpty()} accessors.
 *
 * @param eventId     unique id of this event
 * @param version     contract version, {@link #VERSION} (1 and 2 are still read)
 * @param runId       the batch run
 * @param status      {@code MERGED} or {@code FAILED}
 * @param read        rows read in all chunks
 * @param inserted    destination rows inserted, summed over the destination tables
 * @param updated     destination rows updated, summed
 * @param skipped     rows read that were skipped (version 3; before, plus the merge's duplicates)
 * @param failed      rows read that failed (row errors)
 * @param removed     destination rows removed or deactivated (remove rows not in source / deactivate missing)
 * @param message     a failure's reason, or null
 * @param errors      row errors (bounded); the same as the run's ChunkResults carried, not new ones
 * @param unchanged   destination rows merged that already held the same values, summed (version 2)
 * @param tables      version 2 only: counts per source table with the merge's figures (null in version 3)
 * @param skippedRows skipped rows by source table and reason, with sample keys (version 2: only the
 *                    rows of source tables no table mapping reads; version 3: every reason)
 * @param written     rows read that were handed to a destination table (version 3); 0 for a FAILED run,
 *                    whose staged rows were never merged
 * @param sources     per source table: {@code read = written + skipped + failed} (version 3)
 * @param targets     per destination table, what the merge did (version 3)
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
        List<SkippedRows> skippedRows,
        long written,
        List<SourceTableCounts> sources,
        List<TargetTableCounts> targets) {
    public static final int VERSION = 3;

    /** Versions a consumer must be able to read. */
    public static boolean known(int version) {
        return version >= 1 && version <= VERSION;
    }

    public List<TableCounts> tablesOrEmpty() {
        return tables == null ? List.of() : tables;
    }

    public List<SkippedRows> skippedRowsOrEmpty() {
        return skippedRows == null ? List.of() : skippedRows;
    }

    public List<SourceTableCounts> sourcesOrEmpty() {
        return sources == null ? List.of() : sources;
    }

    public List<TargetTableCounts> targetsOrEmpty() {
        return targets == null ? List.of() : targets;
    }

    /** {@code read = written + skipped + failed}: true for a version 3 MERGED run. */
    public boolean balanced() {
        return read == written + skipped + failed;
    }

    /**
     * The run's account for logs and exit messages: {@code read 60 = 59 written + 0 skipped + 1 failed},
     * then one such line per source table ({@code from Customers: read 60 = ...}), one per destination
     * table ({@code into EcomUsers: 59 received = 59 inserted + 0 updated + 0 unchanged + 0 skipped, 1
     * failed, 0 removed}) and the skip reasons. A FAILED run wrote nothing: its lines show the rows it had
     * staged as rolled back ({@code read 60 = 0 written + 59 rolled back + 0 skipped + 1 failed}).
     * Versions 1 and 2 keep their own form.
     */
    public String accounting() {
        if (version < 3) {
            return legacyAccounting();
        }
        StringBuilder text = new StringBuilder(rows(read, written, skipped, failed));
        for (SourceTableCounts source : sourcesOrEmpty()) {
            text.append("; from ")
                    .append(source.table())
                    .append(": ")
                    .append(rows(source.read(), source.written(), source.skipped(), source.failed()));
        }
        for (TargetTableCounts target : targetsOrEmpty()) {
            text.append("; into ")
                    .append(target.table())
                    .append(": ")
                    .append(target.received())
                    .append(" received = ")
                    .append(target.inserted())
                    .append(" inserted + ")
                    .append(target.updated())
                    .append(" updated + ")
                    .append(target.unchanged())
                    .append(" unchanged + ")
                    .append(target.skipped())
                    .append(" skipped, ")
                    .append(target.failed())
                    .append(" failed, ")
                    .append(target.removed())
                    .append(" removed");
        }
        appendSkips(text);
        return text.toString();
    }

    /** A FAILED run merged nothing: the rows it had staged are shown as rolled back (Spring Batch's rollback count). */
    private String rows(long read, long written, long skipped, long failed) {
        String line = "read " + read + " = " + written + " written + ";
        if (status == Status.FAILED) {
            line += (read - written - skipped - failed) + " rolled back + ";
        }
        return line + skipped + " skipped + " + failed + " failed";
    }

    private String legacyAccounting() {
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
        appendSkips(text);
        return text.toString();
    }

    private void appendSkips(StringBuilder text) {
        for (SkippedRows skip : skippedRowsOrEmpty()) {
            text.append("; ").append(skip.rows()).append(" skipped: ").append(skip.reason());
        }
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
