package io.erplink.mapping.execution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.erplink.mapping.engine.CompiledJob;
import io.erplink.mapping.engine.CompiledTableMapping;
import io.erplink.protocol.events.SkippedRows;
import io.erplink.protocol.events.TableCounts;

/**
 * Accounts for every row read, per source table: the chunks' counts (read, staged, skipped, failed,
 * rows no table mapping reads) summed over the run, and the merge's figures of each destination table
 * (inserted, updated, unchanged, skipped duplicates) given to the source table its mappings read. So
 * per table {@code read = inserted + updated + unchanged + skipped + failed}. A destination table
 * written from several source tables gets its figures on the first of them in job order.
 */
final class RunAccounting {
    /** Sample keys kept per source table that no table mapping reads. */
    static final int SAMPLE_KEYS = 5;

    /**
     * One source table in one chunk, as stored in {@code mapping.run_chunk.tables}.
     *
     * @param unmatched     rows no table mapping of the job reads (counted in skipped too)
     * @param unmatchedKeys the first of them, at most {@link #SAMPLE_KEYS}
     */
    record ChunkTable(
            String table,
            long read,
            long staged,
            long skipped,
            long failed,
            long unmatched,
            List<String> unmatchedKeys) {}

    private final Map<String, long[]> byTable = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, List<String>> unmatchedKeys = new LinkedHashMap<>();
    private static final int READ = 0, STAGED = 1, SKIPPED = 2, FAILED = 3, UNMATCHED = 4;
    private static final int INSERTED = 5, UPDATED = 6, UNCHANGED = 7, MERGE_SKIPPED = 8;

    /** Adds one chunk's tables. */
    void add(List<ChunkTable> tables) {
        for (ChunkTable t : tables) {
            long[] counts = counts(t.table());
            counts[READ] += t.read();
            counts[STAGED] += t.staged();
            counts[SKIPPED] += t.skipped();
            counts[FAILED] += t.failed();
            counts[UNMATCHED] += t.unmatched();
            List<String> keys = unmatchedKeys.computeIfAbsent(key(t.table()), k -> new ArrayList<>());
            for (String sample : t.unmatchedKeys()) {
                if (keys.size() < SAMPLE_KEYS) {
                    keys.add(sample);
                }
            }
        }
    }

    /** Gives the merge's figures of each destination table to the source table its mappings read. */
    void merged(CompiledJob job, List<Merge.TableOutcome> outcomes) {
        for (Merge.TableOutcome outcome : outcomes) {
            String source = job.mappings().stream()
                    .filter(m ->
                            m.destination() != null && m.destination().name().equalsIgnoreCase(outcome.table()))
                    .map(CompiledTableMapping::sourceTable)
                    .findFirst()
                    .orElse(outcome.table());
            long[] counts = counts(source);
            counts[INSERTED] += outcome.inserted();
            counts[UPDATED] += outcome.updated();
            counts[UNCHANGED] += outcome.unchanged();
            counts[MERGE_SKIPPED] += outcome.skipped();
        }
    }

    /** The counts per source table, in the order the tables were first read; tables with nothing to count left out. */
    List<TableCounts> tables() {
        List<TableCounts> result = new ArrayList<>();
        byTable.forEach((key, c) -> {
            if (java.util.Arrays.stream(c).allMatch(n -> n == 0)) {
                return; // a destination table of the job that no row reached
            }
            result.add(new TableCounts(
                    names.get(key),
                    c[READ],
                    c[INSERTED],
                    c[UPDATED],
                    c[UNCHANGED],
                    c[SKIPPED] + c[MERGE_SKIPPED],
                    c[FAILED]));
        });
        return result;
    }

    /** Rows of source tables no table mapping of the job reads, with the reason and sample keys. */
    List<SkippedRows> skippedRows(String job) {
        List<SkippedRows> result = new ArrayList<>();
        byTable.forEach((key, c) -> {
            if (c[UNMATCHED] > 0) {
                result.add(new SkippedRows(
                        names.get(key),
                        c[UNMATCHED],
                        unmatchedReason(names.get(key), job),
                        List.copyOf(unmatchedKeys.getOrDefault(key, List.of()))));
            }
        });
        return result;
    }

    static String unmatchedReason(String table, String job) {
        return "no table mapping for source table " + table + " in job " + job;
    }

    private long[] counts(String table) {
        String key = key(table);
        names.putIfAbsent(key, table == null ? "" : table);
        return byTable.computeIfAbsent(key, k -> new long[9]);
    }

    private static String key(String table) {
        return table == null ? "" : table.toLowerCase(Locale.ROOT);
    }
}
