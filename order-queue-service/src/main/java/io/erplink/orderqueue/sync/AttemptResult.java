package io.erplink.orderqueue.sync;

import java.time.Duration;
import java.time.Instant;

import io.erplink.orderqueue.orders.AttemptKind;
import io.erplink.orderqueue.orders.AttemptOutcome;

/**
 * One ERP call about a claimed order and what it means for the order.
 *
 * @param kind           create or existence check
 * @param startedAt      when the call started
 * @param request        the request sent
 * @param response       the ERP's answer, if one came
 * @param error          what went wrong, if something did
 * @param outcome        the classified outcome
 * @param erpOrderNumber the ERP order number when the ERP has the order
 * @param counted        whether the failure counts towards the maximum attempts
 * @param outcomeUnknown whether the ERP may have created the order without telling us
 * @param retryAfter     a wait the ERP asked for, else null
 */
public record AttemptResult(
        AttemptKind kind,
        Instant startedAt,
        String request,
        String response,
        String error,
        AttemptOutcome outcome,
        String erpOrderNumber,
        boolean counted,
        boolean outcomeUnknown,
        Duration retryAfter) {

    /** Whether the ERP has the order now. */
    public boolean synced() {
        return outcome == AttemptOutcome.CREATED || outcome == AttemptOutcome.FOUND;
    }
}
