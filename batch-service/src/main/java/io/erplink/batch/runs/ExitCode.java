package io.erplink.batch.runs;

import io.erplink.kit.erp.ErpException;

/** Why a run ended (Spring Batch's exit code): stored in run.exit_code, shown on the run. */
public enum ExitCode {
    /** Every page published and merged (an import), or every order exported. */
    COMPLETED,
    /** mapping-service reported the merge of the sealed run as failed. */
    MAPPING_FAILED,
    /** An export run in which some orders did not go through (they are the run's errors). */
    EXPORT_ERRORS,
    /** Stopped by an operator. */
    STOPPED,
    /** Ran past the activity's timeout, or waited for the merge past the merge timeout. */
    TIMEOUT,
    /** Its workers' leases expired more often than erplink.batch.worker.max-attempts allows. */
    ABANDONED,
    /** The ERP kept announcing more pages than a run may fetch. */
    TOO_MANY_PAGES,
    /** The activity's ERP endpoint is no longer configured. */
    ENDPOINT,
    /** A replay found an archived response missing or unreadable. */
    NO_ARCHIVE,
    /** The activity's request is not a valid GetEcomData request. */
    BAD_REQUEST,
    ERP_UNAVAILABLE,
    ERP_THROTTLED,
    ERP_REJECTED,
    ERP_FAILED,
    ERP_MALFORMED_RESPONSE,
    // the OData source: endpoint settings, the activity's entity set or delta field, a bad next link
    ODATA_CONFIG,
    ODATA_ENTITY_SET,
    ODATA_DELTA_FIELD,
    ODATA_NEXT_LINK,
    /** An unexpected error: the message says which. */
    FAILED;

    /** The exit code of a run the ERP failed, by how it failed. */
    public static ExitCode erp(ErpException.Kind kind) {
        return switch (kind) {
            case UNAVAILABLE -> ERP_UNAVAILABLE;
            case THROTTLED -> ERP_THROTTLED;
            case REJECTED -> ERP_REJECTED;
            case FAILED -> ERP_FAILED;
            case MALFORMED_RESPONSE -> ERP_MALFORMED_RESPONSE;
        };
    }
}
