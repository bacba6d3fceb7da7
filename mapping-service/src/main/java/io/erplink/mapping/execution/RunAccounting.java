package io.erplink.mapping.execution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.erplink.mapping.engine.CompiledJob;
import io.erplink.mapping.engine.CompiledTableMapping;
import io.erplink.mapping.engine.SourceRow;
import io.erplink.protocol.events.SkippedRows;
import io.erplink.protocol.events.SourceTableCounts;
import io.erplink.protocol.events.TargetTableCounts;

/**
 * Accounts for a run as Spring Batch counts a step, in two views that never mix:
 *
 * <ul>
 *   <li>per source row, one outcome: written (a table mapping staged it), skipped (with the reason) or
 *       failed (with a row error), summed from the chunks per source table, so
 *       {@code read = written + skipped + failed} for the run and for each source table, however many
 *       destination tables a row goes to;
 *   <li>per destination table: the rows its mappings were given ({@code received}: staged, or skipped
 *       before the merge by a conditional or null handling) and failed, and what became of the received
 *       ones, {@code received = inserted + updated + unchanged + skipped} (skipped: before the merge, or by
 *       it).
 * </ul>
 */
final class RunAccounting {
    /** Sample keys kept per skip reason. */
    static final int SAMPLE_KEYS = 5;
    /** Distinct skip reasons kept per source table; a conditional's reason names the row's value. */
    static final int MAX_REASONS = 10;

    static final String OTHER_REASONS =
            "other reasons (conditionals or null handling; only the first " + MAX_REASONS + " reasons are listed)";

    /** Rows of one source table skipped for one reason, with the first few rows. */
    record Skip(String reason, long rows, List<String> sampleKeys) {}

    /**
     * One source table in one chunk, as stored in {@code mapping.run_chunk.tables}.
     *
     * @param staged rows a table mapping staged (written, once merged)
     * @param skips  the skipped rows by reason
     */
    record ChunkTable(String table, long read, long staged, long skipped, long failed, List<Skip> skips) {}

    /**
     * What a run's chunks staged, failed and skipped for one table mapping (skipped: rows no other mapping
     * of its destination table staged or failed).
     */
    record MappingCounts(long staged, long failed, long skipped) {}

    /** Skipped rows of one source table by reason, at most {@link #MAX_REASONS} of them. */
    static final class Skips {
        private final Map<String, long[]> rows = new LinkedHashMap<>();
        private final Map<String, List<String>> keys = new LinkedHashMap<>();

        void add(String reason, SourceRow row) {
            List<String> sample = count(reason, 1);
            if (sample.size() < SAMPLE_KEYS) {
                sample.add(sampleKey(row));
            }
        }

        void add(Skip skip) {
            List<String> sample = count(skip.reason(), skip.rows());
            for (String key : skip.sampleKeys() == null ? List.<String>of() : skip.sampleKeys()) {
                if (sample.size() < SAMPLE_KEYS) {
                    sample.add(key);
                }
            }
        }

        private List<String> count(String reason, long n) {
            String kept = rows.containsKey(reason) || rows.size() < MAX_REASONS ? reason : OTHER_REASONS;
            rows.computeIfAbsent(kept, r -> new long[1])[0] += n;
            return keys.computeIfAbsent(kept, r -> new ArrayList<>());
        }

        List<Skip> list() {
            List<Skip> list = new ArrayList<>();
            rows.forEach((reason, n) -> list.add(new Skip(reason, n[0], List.copyOf(keys.get(reason)))));
            return list;
        }
    }

    private final Map<String, long[]> bySource = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, Skips> skips = new LinkedHashMap<>();
    private final Map<Integer, MappingCounts> byMapping = new LinkedHashMap<>();
    private static final int READ = 0, STAGED = 1, SKIPPED = 2, FAILED = 3;

    /** Adds one chunk's source tables. */
    void add(List<ChunkTable> tables) {
        for (ChunkTable t : tables) {
            String key = key(t.table());
            names.putIfAbsent(key, t.table() == null ? "" : t.table());
            long[] counts = bySource.computeIfAbsent(key, k -> new long[4]);
            counts[READ] += t.read();
            counts[STAGED] += t.staged();
            counts[SKIPPED] += t.skipped();
            counts[FAILED] += t.failed();
            if (t.skips() != null) {
                Skips table = skips.computeIfAbsent(key, k -> new Skips());
                t.skips().forEach(table::add);
            }
        }
    }

    /** Adds what the run's chunks staged, failed and skipped for a table mapping. */
    void addMapping(int index, long staged, long failed, long skipped) {
        byMapping.merge(
                index,
                new MappingCounts(staged, failed, skipped),
                (a, b) ->
                        new MappingCounts(a.staged() + b.staged(), a.failed() + b.failed(), a.skipped() + b.skipped()));
    }

    /** Rows handed to a destination table, summed over the source tables. */
    long written() {
        return bySource.values().stream().mapToLong(c -> c[STAGED]).sum();
    }

    /**
     * Per source table, in the order first read: {@code read = written + skipped + failed}. A run that
     * was not merged wrote nothing.
     */
    List<SourceTableCounts> sources(boolean merged) {
        List<SourceTableCounts> result = new ArrayList<>();
        bySource.forEach((key, c) -> result.add(
                new SourceTableCounts(names.get(key), c[READ], merged ? c[STAGED] : 0, c[SKIPPED], c[FAILED])));
        return result;
    }

    /**
     * Per destination table of the job, in job order: what its mappings staged and failed and what the
     * merge did ({@code outcome} null for a run that was not merged: nothing inserted, updated or
     * removed). Tables no row reached are left out.
     */
    List<TargetTableCounts> targets(CompiledJob job, Merge.Outcome outcome) {
        Map<String, long[]> byTable = new LinkedHashMap<>();
        Map<String, String> spelled = new LinkedHashMap<>();
        for (CompiledTableMapping mapping : job.mappings()) {
            if (!mapping.isImport()) {
                continue;
            }
            String table = mapping.destination().name();
            spelled.putIfAbsent(table, mapping.destinationName());
            long[] counts = byTable.computeIfAbsent(table, t -> new long[3]);
            MappingCounts staged = byMapping.get(mapping.index());
            if (staged != null) {
                counts[0] += staged.staged();
                counts[1] += staged.failed();
                counts[2] += staged.skipped();
            }
        }
        Map<String, Merge.TableOutcome> merged = new LinkedHashMap<>();
        if (outcome != null) {
            outcome.tables().forEach(t -> merged.put(t.table(), t));
        }
        List<TargetTableCounts> result = new ArrayList<>();
        byTable.forEach((table, counts) -> {
            Merge.TableOutcome m = merged.get(table);
            if (counts[0] == 0 && counts[1] == 0 && counts[2] == 0 && (m == null || m.removed() == 0)) {
                return; // a destination table of the job that no row reached
            }
            result.add(new TargetTableCounts(
                    spelled.get(table),
                    outcome == null ? 0 : counts[0] + counts[2],
                    m == null ? 0 : m.inserted(),
                    m == null ? 0 : m.updated(),
                    m == null ? 0 : m.unchanged(),
                    (m == null ? 0 : m.skipped()) + (outcome == null ? 0 : counts[2]),
                    counts[1],
                    m == null ? 0 : m.removed()));
        });
        return result;
    }

    /** The skipped rows by source table and reason, with sample keys. */
    List<SkippedRows> skippedRows() {
        List<SkippedRows> result = new ArrayList<>();
        skips.forEach((key, table) -> table.list()
                .forEach(skip ->
                        result.add(new SkippedRows(names.get(key), skip.rows(), skip.reason(), skip.sampleKeys()))));
        return result;
    }

    static String unmatchedReason(String table, String job) {
        return "no table mapping for source table " + table + " in job " + job;
    }

    /** Page, row and the first two columns: enough to find the row in the ERP's answer. */
    static String sampleKey(SourceRow source) {
        StringBuilder key = new StringBuilder("page ")
                .append(source.page())
                .append(", row ")
                .append(source.row());
        int shown = 0;
        for (Map.Entry<String, String> column : source.columns().entrySet()) {
            if (shown == 2) {
                break;
            }
            key.append(shown == 0 ? ": " : ", ")
                    .append(column.getKey())
                    .append('=')
                    .append(column.getValue());
            shown++;
        }
        return key.toString();
    }

    private static String key(String table) {
        return table == null ? "" : table.toLowerCase(Locale.ROOT);
    }
}
