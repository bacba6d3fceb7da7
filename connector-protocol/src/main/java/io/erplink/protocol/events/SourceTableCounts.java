package io.erplink.protocol.events;

/**
 * What became of the rows of one source table in a run, one outcome per row read (Spring Batch's
 * read, write and skip counts): {@code read = written + skipped + failed}. A row is written when a
 * table mapping handed it to a destination table (what the merge then did there is in
 * {@link TargetTableCounts}), else failed when a mapping refused it with a row error, else skipped
 * (no table mapping reads the table, conditionals, null handling; the reasons are in
 * {@link RunResult#skippedRows()}).
 *
 * @param table   the source table (the rows' {@code table})
 * @param read    rows of the table read from the chunks
 * @param written rows handed to at least one destination table
 * @param skipped rows left out on purpose
 * @param failed  rows that could not be mapped or were refused (row errors)
 */
public record SourceTableCounts(String table, long read, long written, long skipped, long failed) {

    /** {@code read = written + skipped + failed}. */
    public boolean balanced() {
        return read == written + skipped + failed;
    }
}
