package io.erplink.orderqueue.erp;

import io.erplink.kit.erp.ErpException;

/**
 * The ERP refused a request (4xx other than 429): the request's fault, not the ERP's health, so the
 * circuit breaker does not count it.
 */
public class ErpRequestRejected extends ErpException {
    ErpRequestRejected(ErpException cause) {
        super(
                cause.kind(),
                cause.status(),
                cause.getMessage(),
                cause.retryAfter().orElse(null),
                cause.outcomeUnknown(),
                cause);
    }
}
