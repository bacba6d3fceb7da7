package io.erplink.batch.erp;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.erplink.kit.erp.ErpException;
import io.erplink.kit.erp.ErpTransport;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.CustomBackoff;

/**
 * The one way batch-service talks to the ERP. It owns the fault-tolerance policy of batch calls:
 * a hard {@link Timeout} per page, the {@code erp} circuit breaker, and retries of retriable failures
 * (unavailable, throttled) with exponential backoff that honours the ERP's Retry-After on a 429.
 * Failures a retry cannot fix come out as {@link ErpCallFailed} (never retried, not counted by the
 * breaker); a retriable {@link ErpException} that outlived the retries, an open breaker or a timeout
 * come out as they are, and the run waits and tries the page again until its activity timeout.
 *
 * <p>A page import re-runs the whole body reader on a retry: readers must be restartable (the page's
 * chunk sequences are fixed before the call, so re-sent chunks carry the same sequences).
 *
 * <p>Policies can be tuned per deployment, e.g.
 * {@code quarkus.fault-tolerance."io.erplink.batch.erp.ErpClient/fetch".timeout.value=600000}.
 */
@ApplicationScoped
public class ErpClient {
    /** The circuit breaker's name, shared with the other services' ERP clients for maintenance. */
    public static final String BREAKER = "erp";
    /** SmallRye names a breaker once per method: order creation has its own, so exports cannot open the import breaker. */
    public static final String EXPORT_BREAKER = "erp-export";

    private final ErpTransport transport;

    ErpClient(ErpTransport transport) {
        this.transport = transport;
    }

    /**
     * An idempotent read (GetEcomData, one page): retried on retriable failures.
     *
     * @param timeout time allowed until the response headers arrive
     */
    @Timeout(value = 10, unit = ChronoUnit.MINUTES)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1, skipOn = { ErpCallFailed.class, LocalFailure.class })
    @CircuitBreakerName(BREAKER)
    @Retry(maxRetries = 4, delay = 500, maxDuration = 2, durationUnit = ChronoUnit.MINUTES, retryOn = ErpException.class,
            abortOn = { ErpCallFailed.class, LocalFailure.class })
    @CustomBackoff(ErpBackoff.class)
    public <T> T fetch(String requestType, String xml, Duration timeout, ErpTransport.BodyReader<T> reader) {
        return call(requestType, xml, timeout, reader);
    }

    /**
     * A request that changes the ERP (an export creating orders): never retried here, because a resent
     * order could be created twice; the export asks the ERP first on its next run.
     */
    @Timeout(value = 2, unit = ChronoUnit.MINUTES)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1, skipOn = { ErpCallFailed.class, LocalFailure.class })
    @CircuitBreakerName(EXPORT_BREAKER)
    public <T> T send(String requestType, String xml, Duration timeout, ErpTransport.BodyReader<T> reader) {
        return call(requestType, xml, timeout, reader);
    }

    private <T> T call(String requestType, String xml, Duration timeout, ErpTransport.BodyReader<T> reader) {
        try {
            return transport.exchange(requestType, xml, timeout, reader);
        } catch (ErpException e) {
            if (!e.retriable()) {
                throw new ErpCallFailed(e);
            }
            throw e;
        }
    }
}
