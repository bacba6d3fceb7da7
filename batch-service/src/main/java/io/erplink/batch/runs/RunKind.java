package io.erplink.batch.runs;

/** What a run moves. */
public enum RunKind {
    /** Pages from the ERP to batch.records. */
    IMPORT,
    /** Pages from the archive of an earlier run to batch.records, without calling the ERP. */
    REPLAY,
    /** Rows from the commerce database to the ERP, answers written back. */
    EXPORT
}
