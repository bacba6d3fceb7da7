package io.erplink.live.erp;

import io.erplink.kit.erp.ErpException;

/**
 * The ERP refused the request itself (HTTP 4xx other than 429): never retried, never counted
 * against the breaker, reported to the storefront as an invalid request.
 */
public class ErpRejectedException extends ErpException {
    public ErpRejectedException(ErpException cause) {
        super(Kind.REJECTED, cause.status(), cause.getMessage(), null, false, cause);
    }
}
