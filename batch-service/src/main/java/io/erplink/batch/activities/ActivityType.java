package io.erplink.batch.activities;

/** The add-ins of seed 000: what an activity does when it runs. */
public enum ActivityType {
    /** Sends the request and follows ExportIsDone="false" with the identical request (plus batchId/pageNumber). */
    IMPORT,
    /**
     * Like {@link #IMPORT}, and also sends the paging and delta attributes: pageSize, reimport or
     * lastSuccessfulRun, CustomModifier. The add-in recommended for Integration Framework v2.
     */
    IMPORT_WITH_PAGING,
    /** A hand-written GetEcomData (custom tables or attributes for a modified ERP plugin), sent as given. */
    IMPORT_WITH_CUSTOM_REQUEST,
    /** Rows from the commerce database wrapped in requests to the ERP; the ERP's answer is written back. */
    EXPORT;

    public boolean isImport() {
        return this != EXPORT;
    }
}
