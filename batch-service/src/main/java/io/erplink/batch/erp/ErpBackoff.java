package io.erplink.batch.erp;

import java.util.concurrent.ThreadLocalRandom;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

import io.erplink.kit.erp.ErpException;

/**
 * Backoff between retries of an ERP call: the ERP's Retry-After (a 429, or a 408/503 that sends one), else exponential from the
 * configured initial delay (x2 per attempt, capped at 10 s) with 20 % jitter.
 */
public class ErpBackoff implements CustomBackoffStrategy {
    private static final long CAP_MILLIS = 10_000;
    private long next;

    @Override
    public void init(long initialDelayInMillis) {
        this.next = Math.max(1, initialDelayInMillis);
    }

    @Override
    public long nextDelayInMillis(Throwable exception) {
        // a 429, or a 503/408 from an OData server, that says when to come back
        if (exception instanceof ErpException e && e.retryAfter().isPresent()) {
            return Math.max(0, e.retryAfter().get().toMillis());
        }
        long delay = next;
        next = Math.min(CAP_MILLIS, next * 2);
        long jitter = delay / 5;
        return delay - jitter + ThreadLocalRandom.current().nextLong(2 * jitter + 1);
    }
}
