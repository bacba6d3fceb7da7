package io.erplink.protocol.events;

/**
 * What became of the rows of one source table in a run: every row read is inserted, updated,
 * unchanged, skipped or failed ({@code read = inserted + updated + unchanged + skipped + failed}).
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
