package io.erplink.mapping.engine;

/** Receives what a job does with each source row, per table mapping. */
public interface RowSink {

    /** The mapping produced a destination row. */
    void mapped(SourceRow source, MappedRow row);

    /** The mapping left the row out on purpose (conditional, null handling). */
    void skipped(SourceRow source, CompiledTableMapping mapping, String reason);

    /** The row could not be mapped (conversion, missing value). */
    void failed(SourceRow source, CompiledTableMapping mapping, String key, String message);

    /**
     * As {@link #failed(SourceRow, CompiledTableMapping, String, String)}, with what could be converted
     * (import mappings): a writer uses the key values of a failed row so that "remove rows not in
     * source" never removes a row the source did send, only with a bad value.
     */
    default void failed(SourceRow source, CompiledTableMapping mapping, String key, String message, MappedRow partial) {
        failed(source, mapping, key, message);
    }

    /** No table mapping of the job reads the row's source table. */
    default void unmatched(SourceRow source) {}
}
