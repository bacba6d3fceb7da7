package io.erplink.protocol.events;

/**
 * Version 2 of {@link RunResult} only (read from runs finished before version 3): the rows of one
 * source table with the merge's figures of the destination tables its mappings write. That identity
 * ({@code read = inserted + updated + unchanged + skipped + failed}) holds only for a job that writes
 * one destination row per source row; version 3 reports {@link SourceTableCounts} and
 * {@link TargetTableCounts} instead.
 *
 * @param table     the source table (the rows' {@code table})
 * @param read      rows of the table read from the chunks
 * @param inserted  destination rows inserted from them
 * @param updated   destination rows updated
 * @param unchanged destination rows that already held the same values (not rewritten)
 * @param skipped   rows left out on purpose: no table mapping, conditionals, null handling, duplicate keys
 * @param failed    rows that could not be mapped or were refused (row errors)
 */
public record TableCounts(
        String table, long read, long inserted, long updated, long unchanged, long skipped, long failed) {

    /** {@code read = inserted + updated + unchanged + skipped + failed}. */
    public boolean balanced() {
        return read == inserted + updated + unchanged + skipped + failed;
    }
}
