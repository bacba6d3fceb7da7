package io.erplink.mapping.execution;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.erplink.mapping.engine.CompiledJob;
import io.erplink.mapping.engine.CompiledTableMapping;
import io.erplink.mapping.engine.MappedRow;
import io.erplink.mapping.engine.RowSink;
import io.erplink.mapping.engine.SourceRow;
import io.erplink.mapping.execution.Staging.StageRow;
import io.erplink.mapping.schema.ColumnInfo;
import io.erplink.mapping.schema.TableInfo;
import io.erplink.protocol.events.RowError;

/**
 * A chunk's rows run through a job: the rows to stage per destination table, and per source row one
 * outcome. A source row counts as staged (written) when a table mapping staged it, else as failed when
 * one failed it, else as skipped with the first reason a mapping gave (a row read by two mappings with
 * opposite conditionals is staged once and not also skipped). Per table mapping it counts the rows
 * staged and failed, for the destination tables' figures. Errors are kept up to a bound; the counts
 * are always complete.
 */
public final class MappedChunk implements RowSink {

    /** What one table mapping staged in the chunk: rows and the written-column masks. */
    public static final class MappingRows {
        final CompiledTableMapping mapping;
        final List<StageRow> rows = new ArrayList<>();
        final BitSet union = new BitSet();
        BitSet common;
        long staged;
        long kept;
        long failed;
        long skipped;

        MappingRows(CompiledTableMapping mapping) {
            this.mapping = mapping;
        }

        public long staged() {
            return staged;
        }

        public long kept() {
            return kept;
        }

        /** Rows this mapping failed (row errors, refused at staging included). */
        public long failed() {
            return failed;
        }

        /**
         * Rows this mapping left out (conditionals, null handling) that no mapping of the same destination
         * table staged or failed: its table's skipped rows before the merge.
         */
        public long skipped() {
            return skipped;
        }

        public BitSet union() {
            return union;
        }

        public BitSet common() {
            return common == null ? new BitSet() : common;
        }

        public CompiledTableMapping mapping() {
            return mapping;
        }
    }

    private enum Outcome {
        NONE,
        SKIPPED,
        FAILED,
        STAGED
    }

    private final CompiledJob job;
    private final long sequence;
    private final int page;
    private final int maxErrors;
    private final boolean keepFailedKeys;
    private final Map<CompiledTableMapping, MappingRows> byMapping = new IdentityHashMap<>();
    private final List<RowError> errors = new ArrayList<>();
    private long read;
    private long staged;
    private long skipped;
    private long failed;
    private boolean fatal;
    private String fatalMessage;
    private long position;
    private Outcome current;
    /** Per chunk position: how many of the row's staged rows the database refused. */
    private final Map<Long, Integer> refusedAt = new HashMap<>();
    /** Why the current row is skipped: the first reason a mapping gave. */
    private String currentReason;
    /** Per source table (lower case): read, staged, skipped, failed. */
    private final Map<String, long[]> tallies = new LinkedHashMap<>();

    private final Map<String, String> tableNames = new LinkedHashMap<>();
    /** Per source table (lower case): its skipped rows by reason. */
    private final Map<String, RunAccounting.Skips> skips = new LinkedHashMap<>();
    /** The current row: destination tables a mapping staged or failed it for. */
    private final Set<String> reached = new HashSet<>();
    /** The current row: per destination table, the first mapping that skipped it. */
    private final Map<String, CompiledTableMapping> skippedFor = new LinkedHashMap<>();

    private String lastTable;
    private long[] lastTally;
    private String lastSkipsTable;
    private RunAccounting.Skips lastSkips;

    /**
     * @param keepFailedKeys stage failed rows (flagged) for their keys, for mappings that remove rows not in source
     */
    public MappedChunk(CompiledJob job, long sequence, int page, int maxErrors, boolean keepFailedKeys) {
        this.job = job;
        this.sequence = sequence;
        this.page = page;
        this.maxErrors = maxErrors;
        this.keepFailedKeys = keepFailedKeys;
    }

    /** Maps one source row with every table mapping that reads its table. */
    public void add(SourceRow row) {
        read++;
        current = Outcome.NONE;
        currentReason = null;
        job.map(row, this);
        countDestinationSkips();
        long[] tally = tally(row.table());
        tally[0]++;
        switch (current) {
            case STAGED -> {
                staged++;
                tally[1]++;
            }
            case FAILED -> {
                failed++;
                tally[3]++;
            }
            default -> {
                skipped++;
                tally[2]++;
                skips(row.table()).add(currentReason == null ? "no table mapping wrote the row" : currentReason, row);
            }
        }
        position++;
    }

    /**
     * A row a mapping skipped counts as skipped for the mapping's destination table unless another
     * mapping of that table staged or failed it (opposite conditionals into one table count once).
     */
    private void countDestinationSkips() {
        if (!skippedFor.isEmpty()) {
            skippedFor.forEach((table, mapping) -> {
                if (!reached.contains(table)) {
                    rows(mapping).skipped++;
                }
            });
            skippedFor.clear();
        }
        if (!reached.isEmpty()) {
            reached.clear();
        }
    }

    /** A source row that could not even be read (e.g. no table): counted as failed. */
    public void addUnreadable(long row, String table, String message) {
        read++;
        failed++;
        position++;
        long[] tally = tally(table);
        tally[0]++;
        tally[3]++;
        error(new RowError(page, row, table, "", message));
    }

    @Override
    public void unmatched(SourceRow source) {
        currentReason = RunAccounting.unmatchedReason(source.table(), job.name());
    }

    private long[] tally(String table) {
        if (table != null && table == lastTable) { // decoded rows share their shape's table name
            return lastTally;
        }
        String key = lower(table);
        tableNames.putIfAbsent(key, table == null ? "" : table);
        lastTable = table;
        lastTally = tallies.computeIfAbsent(key, k -> new long[4]);
        return lastTally;
    }

    private RunAccounting.Skips skips(String table) {
        if (table != null && table == lastSkipsTable) { // as tally(): rows of a shape share the name
            return lastSkips;
        }
        lastSkipsTable = table;
        lastSkips = skips.computeIfAbsent(lower(table), k -> new RunAccounting.Skips());
        return lastSkips;
    }

    private static String lower(String table) {
        return table == null ? "" : table.toLowerCase(java.util.Locale.ROOT);
    }

    /** The chunk's counts per source table, for the run's accounting. */
    List<RunAccounting.ChunkTable> tables() {
        List<RunAccounting.ChunkTable> tables = new ArrayList<>();
        tallies.forEach((key, t) -> tables.add(new RunAccounting.ChunkTable(
                tableNames.get(key),
                t[0],
                t[1],
                t[2],
                t[3],
                skips.containsKey(key) ? skips.get(key).list() : List.of())));
        return tables;
    }

    @Override
    public void mapped(SourceRow source, MappedRow row) {
        MappingRows rows = rows(row.mapping());
        BitSet written = (BitSet) row.written().clone();
        if (row.mapping().writesCustomFields()) {
            row.mapping().destination().customFields().ifPresent(c -> written.set(c.ordinal()));
        }
        rows.rows.add(new StageRow(row.mapping().index(), sequence, position, source.row(), false, row, written));
        rows.staged++;
        reached.add(row.mapping().destination().name());
        rows.union.or(written);
        if (rows.common == null) {
            rows.common = (BitSet) written.clone();
        } else {
            rows.common.and(written);
        }
        current = Outcome.STAGED;
    }

    @Override
    public void skipped(SourceRow source, CompiledTableMapping mapping, String reason) {
        skippedFor.putIfAbsent(mapping.destination().name(), mapping);
        if (current == Outcome.NONE) {
            current = Outcome.SKIPPED;
            currentReason = "table mapping " + mapping.label() + ": " + reason;
        }
    }

    @Override
    public void failed(SourceRow source, CompiledTableMapping mapping, String key, String message) {
        fail(source, mapping, key, message);
    }

    @Override
    public void failed(SourceRow source, CompiledTableMapping mapping, String key, String message, MappedRow partial) {
        fail(source, mapping, key, message);
        if (keepFailedKeys && partial != null && partial.values() != null && hasKey(mapping, partial)) {
            MappingRows rows = rows(mapping);
            rows.rows.add(new StageRow(mapping.index(), sequence, position, source.row(), true, partial, null));
            rows.kept++;
        }
    }

    private void fail(SourceRow source, CompiledTableMapping mapping, String key, String message) {
        rows(mapping).failed++;
        reached.add(mapping.destination().name());
        if (current != Outcome.STAGED) {
            current = Outcome.FAILED;
        }
        error(new RowError(page, source.row(), source.table(), key, mapping.label() + ": " + message));
        if (!mapping.options().skipFailing() && !fatal) {
            fatal = true;
            fatalMessage = "page " + page + ", row " + source.row() + " (" + key + "): " + message + "; table mapping "
                    + mapping.label() + " does not skip failing rows";
        }
    }

    /** A row the database refused at staging: it leaves the staged rows and becomes a failed one. */
    void refused(StageRow row, String message) {
        MappingRows rows = byMapping.values().stream()
                .filter(r -> r.mapping.index() == row.mapping())
                .findFirst()
                .orElseThrow();
        if (row.keep()) {
            rows.kept--;
            return;
        }
        rows.staged--;
        rows.failed++;
        CompiledTableMapping mapping = rows.mapping;
        // The source row fails only when the database refused every row it staged (it may be written to another table).
        int refusedOfSource = refusedAt.merge(row.row(), 1, Integer::sum);
        long stagedOfSource = byMapping.values().stream()
                .flatMap(r -> r.rows.stream())
                .filter(r -> !r.keep() && r.row() == row.row())
                .count();
        if (refusedOfSource == stagedOfSource) {
            staged--;
            failed++;
            long[] tally = tally(mapping.sourceTable());
            tally[1]--;
            tally[3]++;
        }
        error(new RowError(
                page, row.sourceRow(), mapping.sourceTable(), row.source().key(), mapping.label() + ": " + message));
        if (!mapping.options().skipFailing() && !fatal) {
            fatal = true;
            fatalMessage = "page " + page + ", row " + row.sourceRow() + " ("
                    + row.source().key() + "): " + message + "; table mapping " + mapping.label()
                    + " does not skip failing rows";
        }
    }

    private static boolean hasKey(CompiledTableMapping mapping, MappedRow partial) {
        for (ColumnInfo key : mapping.keyColumns()) {
            if (!key.identity() && (!partial.written().get(key.ordinal()) || partial.values()[key.ordinal()] == null)) {
                return false;
            }
        }
        return !mapping.keyColumns().isEmpty();
    }

    private void error(RowError error) {
        if (errors.size() < maxErrors) {
            errors.add(error);
        }
    }

    private MappingRows rows(CompiledTableMapping mapping) {
        return byMapping.computeIfAbsent(mapping, MappingRows::new);
    }

    /**
     * The rows to stage per destination table, in job order. A row whose written columns equal its
     * mapping's union in this chunk gets a NULL mask (stored as {@code written == null}).
     */
    public Map<TableInfo, List<StageRow>> stageRowsByTable() {
        Map<TableInfo, List<StageRow>> result = new LinkedHashMap<>();
        for (CompiledTableMapping mapping : job.mappings()) {
            MappingRows rows = byMapping.get(mapping);
            if (rows == null || rows.rows.isEmpty()) {
                continue;
            }
            List<StageRow> list = result.computeIfAbsent(mapping.destination(), t -> new ArrayList<>());
            for (StageRow row : rows.rows) {
                boolean usual = row.written() == null || row.written().equals(rows.union);
                list.add(
                        usual
                                ? new StageRow(
                                        row.mapping(),
                                        row.chunk(),
                                        row.row(),
                                        row.sourceRow(),
                                        row.keep(),
                                        row.source(),
                                        null)
                                : row);
            }
        }
        return result;
    }

    public List<MappingRows> mappingRows() {
        List<MappingRows> list = new ArrayList<>();
        for (CompiledTableMapping mapping : job.mappings()) {
            MappingRows rows = byMapping.get(mapping);
            if (rows != null) {
                list.add(rows);
            }
        }
        return list;
    }

    public long read() {
        return read;
    }

    public long staged() {
        return staged;
    }

    public long skipped() {
        return skipped;
    }

    public long failed() {
        return failed;
    }

    public List<RowError> errors() {
        return errors;
    }

    /** A failing row in a mapping that does not skip failing rows: the run must fail. */
    public boolean fatal() {
        return fatal;
    }

    public String fatalMessage() {
        return fatalMessage;
    }
}
