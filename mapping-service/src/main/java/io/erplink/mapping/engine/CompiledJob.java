package io.erplink.mapping.engine;

import java.util.List;

/** A job resolved against the schema: its table mappings ready to map rows. Thread-safe. */
public final class CompiledJob {
    private final JobDefinition definition;
    private final List<CompiledTableMapping> mappings;

    CompiledJob(JobDefinition definition, List<CompiledTableMapping> mappings) {
        this.definition = definition;
        this.mappings = List.copyOf(mappings);
    }

    public JobDefinition definition() {
        return definition;
    }

    public String name() {
        return definition.name();
    }

    public List<CompiledTableMapping> mappings() {
        return mappings;
    }

    public boolean isImport() {
        return definition.direction() == JobDefinition.Direction.IMPORT;
    }

    /** Applies every table mapping that reads the row's table, in job order. */
    public void map(SourceRow row, RowSink sink) {
        boolean matched = false;
        for (CompiledTableMapping mapping : mappings) {
            if (mapping.readsTable(row.table())) {
                matched = true;
                mapping.map(row, sink);
            }
        }
        if (!matched) {
            sink.unmatched(row);
        }
    }
}
