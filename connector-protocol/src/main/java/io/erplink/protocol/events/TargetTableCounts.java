package io.erplink.protocol.events;

/**
 * What a run did to one destination (commerce) table: the rows its table mappings handed to it and
 * what the merge made of them, {@code received = inserted + updated + unchanged + skipped}. A job that
 * writes several tables from one source row counts that row once per table here, so these figures are
 * per table and do not add up to the run's rows read ({@link SourceTableCounts} does).
 *
 * @param table     the destination table as the job spells it
 * @param received  rows the table's mappings were given: staged for it, or skipped before the merge (a
 *                  conditional or null handling; a row one mapping skips and another mapping of the
 *                  same table takes is received once)
 * @param inserted  rows inserted
 * @param updated   rows updated
 * @param unchanged rows that already held the same values (not rewritten)
 * @param skipped   rows left out on purpose: before the merge by the table's mappings (conditionals, null
 *                  handling), or by the merge (a key staged twice: the duplicate, insertOnlyNew on an
 *                  existing key, updateOnlyExisting on a new one)
 * @param failed    row errors of the table's mappings (not received; the row may still be written to
 *                  another table)
 * @param removed   rows removed or deactivated because a full import did not carry their key
 */
public record TargetTableCounts(
        String table,
        long received,
        long inserted,
        long updated,
        long unchanged,
        long skipped,
        long failed,
        long removed) {

    /** {@code received = inserted + updated + unchanged + skipped}. */
    public boolean balanced() {
        return received == inserted + updated + unchanged + skipped;
    }
}
