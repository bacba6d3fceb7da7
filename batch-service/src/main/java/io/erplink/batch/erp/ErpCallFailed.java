package io.erplink.batch.erp;

import io.erplink.kit.erp.ErpException;

/**
 * An ERP failure that a retry cannot fix (the request was rejected, the ERP failed processing it,
 * or its answer was malformed): never retried, and the run stops with this message.
 */
public class ErpCallFailed extends RuntimeException {
    private final ErpException.Kind kind;

    public ErpCallFailed(ErpException cause) {
        super(cause.getMessage(), cause);
        this.kind = cause.kind();
    }

    public ErpException.Kind kind() {
        return kind;
    }
}
