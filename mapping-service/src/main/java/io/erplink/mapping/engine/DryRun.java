package io.erplink.mapping.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.erplink.mapping.schema.ColumnInfo;

/**
 * Runs a compiled job over rows in memory and collects what it would write, per destination table,
 * what it would skip and why, and the row errors. Duplicate keys within the rows are resolved as the
 * merge resolves them (first row kept with discardDuplicates, else the last one wins). Touches no database.
 */
public final class DryRun implements RowSink {

    /** A destination row as it would be written: column name (as the job spells it) to value. */
    public record OutputRow(String mapping, String key, Map<String, Object> values) {}

    /** A row left out, and why. */
    public record SkippedRow(int page, long row, String table, String mapping, String reason) {}

    /** A row that could not be mapped. */
    public record FailedRow(int page, long row, String table, String mapping, String key, String message) {}

    private final Map<String, Map<String, OutputRow>> byDestination = new LinkedHashMap<>();
    private final List<SkippedRow> skipped = new ArrayList<>();
    private final List<FailedRow> failed = new ArrayList<>();
    private int read;
    private int keyless;

    public static DryRun run(CompiledJob job, Iterable<SourceRow> rows) {
        DryRun run = new DryRun();
        for (SourceRow row : rows) {
            run.read++;
            job.map(row, run);
        }
        return run;
    }

    @Override
    public void mapped(SourceRow source, MappedRow row) {
        CompiledTableMapping mapping = row.mapping();
        Map<String, Object> values = new LinkedHashMap<>();
        if (row.exported() != null) {
            values.putAll(row.exported());
        } else {
            for (ColumnInfo column : mapping.destination().columns()) {
                if (row.written().get(column.ordinal())) {
                    values.put(mapping.displayName(column), row.values()[column.ordinal()]);
                }
            }
            if (!row.customFields().isEmpty()) {
                values.put("CustomFields", row.customFields());
            }
        }
        Map<String, OutputRow> table =
                byDestination.computeIfAbsent(mapping.destinationName(), t -> new LinkedHashMap<>());
        String identity = row.key().isEmpty() ? "#" + (keyless++) : mapping.index() + "|" + row.key();
        if (row.exported() == null) {
            identity = row.key().isEmpty() ? identity : row.key();
        }
        if (table.containsKey(identity)) {
            if (mapping.options().discardDuplicateRows()) {
                skipped.add(new SkippedRow(
                        source.page(),
                        source.row(),
                        source.table(),
                        mapping.label(),
                        "duplicate key " + row.key() + " discarded"));
                return;
            }
            table.remove(identity);
        }
        table.put(identity, new OutputRow(mapping.label(), row.key(), values));
    }

    @Override
    public void skipped(SourceRow source, CompiledTableMapping mapping, String reason) {
        skipped.add(new SkippedRow(source.page(), source.row(), source.table(), mapping.label(), reason));
    }

    @Override
    public void failed(SourceRow source, CompiledTableMapping mapping, String key, String message) {
        failed.add(new FailedRow(source.page(), source.row(), source.table(), mapping.label(), key, message));
    }

    @Override
    public void unmatched(SourceRow source) {
        skipped.add(new SkippedRow(
                source.page(),
                source.row(),
                source.table(),
                null,
                "no table mapping reads source table " + source.table()));
    }

    public int read() {
        return read;
    }

    /** Destination table name (as the job spells it) to the rows it would receive, in order. */
    public Map<String, List<OutputRow>> rows() {
        Map<String, List<OutputRow>> result = new LinkedHashMap<>();
        byDestination.forEach((table, rows) -> result.put(table, List.copyOf(rows.values())));
        return result;
    }

    public List<SkippedRow> skipped() {
        return skipped;
    }

    public List<FailedRow> failed() {
        return failed;
    }
}
