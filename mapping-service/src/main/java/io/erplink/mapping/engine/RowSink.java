package io.erplink.mapping.engine;

/** Receives what a job does with each source row, per table mapping. */
public interface RowSink {

    /** The mapping produced a destination row. */
    void mapped(SourceRow source, MappedRow row);

    /** The mapping left the row out on purpose (conditional, null handling). */
    void skipped(SourceRow source, CompiledTableMapping mapping, String reason);

    /** The row could not be mapped (conversion, missing value). */
    void failed(SourceRow source, CompiledTableMapping mapping, String key, String message);

    /** No table mapping of the job reads the row's source table. */
    default void unmatched(SourceRow source) {
    }
}
