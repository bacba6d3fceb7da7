package io.erplink.batch.exports.odata;

import io.erplink.kit.erp.ErpException;

/**
 * An OData export cannot go on: the ERP refused our credentials (401/403), stayed unavailable or kept
 * throttling past the bound, or the activity does not fit the service ({@code kind} null). The rows
 * not written go with the next run.
 */
public class ExportStopped extends RuntimeException {
    private final ErpException.Kind kind;

    ExportStopped(ErpException.Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** How the ERP failed; null when the activity's configuration does not fit the service. */
    public ErpException.Kind kind() {
        return kind;
    }
}
