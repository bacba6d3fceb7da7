package io.erplink.orderqueue.erp;

import io.erplink.kit.erp.ErpException;

/**
 * The ERP answered a request with a 500 (or another 5xx that is not 502/503/504): it is reachable
 * and processing, it may even have created the order before failing the answer. The order's own
 * backoff and an existence check before any resend deal with it; the circuit breaker does not count
 * it, because opening the breaker would stop creates the ERP is carrying out (see the README).
 */
public class ErpAnswerFailed extends ErpException {
    ErpAnswerFailed(ErpException cause) {
        super(
                cause.kind(),
                cause.status(),
                cause.getMessage(),
                cause.retryAfter().orElse(null),
                cause.outcomeUnknown(),
                cause);
    }
}
