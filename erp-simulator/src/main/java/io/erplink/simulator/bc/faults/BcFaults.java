package io.erplink.simulator.bc.faults;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.erplink.simulator.faults.FaultInjector;
import io.erplink.simulator.faults.Faults;

/**
 * Faults of the BC simulator's data calls (entity sets, companies; never the token endpoint or
 * $metadata). All off by default; decisions come from the simulator's seeded RNG, restarted on every
 * PUT/DELETE, as for the connector's {@link Faults}.
 *
 * @param entitySets            only requests to these entity sets get faults (empty: every data call)
 * @param afterRequests         the first N requests in scope are answered cleanly, the faults start after
 * @param errorRate             share answered 500 {@code Internal_ServerError} (BC error JSON)
 * @param outage                every data call fails: 503 or a closed connection ({@code outageMode})
 * @param throttle429           share answered 429 {@code Application_TooManyRequests}, with Retry-After when
 *                              retryAfterSeconds > 0, without it when 0
 * @param timeout408            share answered 408 {@code RequestTimeout} after delayMs
 * @param gatewayTimeout504Rate share answered 504 with a gateway's HTML page
 * @param htmlError             share answered with an HTML error page, status 200 or 500
 * @param truncate              share of collection pages whose body stops after afterBytes (status 200)
 * @param stallMs               a page's first bytes go out, then the body stalls this long
 * @param maxConcurrentRequests above this many data calls in flight, 429 (BC allows 5 per user); 0 = no limit
 * @param lostPostAnswers       the next N POSTs of an entity in scope are applied (the row is created), then the
 *                              connection is closed without an answer: the client cannot tell whether it happened
 * @param concurrentEdits       the next N PATCHes of an entity in scope find the row changed by another user
 *                              just before (its version and ETag move on), so their If-Match is stale: 409
 */
@Schema(description = "Faults injected into the BC simulator's data calls; all off by default")
public record BcFaults(
        long latencyMs,
        long latencyJitterMs,
        List<String> entitySets,
        int afterRequests,
        double errorRate,
        boolean outage,
        Faults.OutageMode outageMode,
        Throttle throttle429,
        Timeout timeout408,
        double gatewayTimeout504Rate,
        HtmlError htmlError,
        Truncate truncate,
        long stallMs,
        int maxConcurrentRequests,
        int lostPostAnswers,
        int concurrentEdits)
        implements FaultInjector.Settings {

    /** 429: share of requests, Retry-After seconds (0: no header). */
    public record Throttle(double rate, int retryAfterSeconds) {}

    /** 408 after a delay. */
    public record Timeout(double rate, long delayMs) {}

    /** An HTML page instead of JSON, with status 200 or 500. */
    public record HtmlError(double rate, int status) {}

    /** A page body cut after this many bytes. */
    public record Truncate(double rate, long afterBytes) {}

    public BcFaults {
        entitySets = entitySets == null ? List.of() : List.copyOf(entitySets);
        outageMode = outageMode == null ? Faults.OutageMode.HTTP_503 : outageMode;
    }

    public static BcFaults none() {
        return new BcFaults(
                0, 0, List.of(), 0, 0, false, Faults.OutageMode.HTTP_503, null, null, 0, null, null, 0, 0, 0, 0);
    }

    /** Whether a request to this entity set (null: not an entity set) is in scope. */
    public boolean covers(String entitySet) {
        return entitySets.isEmpty() || (entitySet != null && entitySets.contains(entitySet));
    }

    /** The problems of these settings, or null when they are valid. */
    public String problems() {
        StringBuilder problems = new StringBuilder();
        if (latencyMs < 0 || latencyJitterMs < 0 || stallMs < 0 || afterRequests < 0 || maxConcurrentRequests < 0) {
            problems.append(
                    "latencyMs, latencyJitterMs, stallMs, afterRequests and maxConcurrentRequests must not be negative; ");
        }
        if (lostPostAnswers < 0 || concurrentEdits < 0) {
            problems.append("lostPostAnswers and concurrentEdits must not be negative; ");
        }
        if (latencyMs > 600_000
                || latencyJitterMs > 600_000
                || stallMs > 600_000
                || (timeout408 != null && (timeout408.delayMs() < 0 || timeout408.delayMs() > 600_000))) {
            problems.append("delays are within 0..600000 ms; ");
        }
        if (!rate(errorRate)
                || !rate(gatewayTimeout504Rate)
                || (throttle429 != null && !rate(throttle429.rate()))
                || (timeout408 != null && !rate(timeout408.rate()))
                || (htmlError != null && !rate(htmlError.rate()))
                || (truncate != null && !rate(truncate.rate()))) {
            problems.append("rates must be within 0..1; ");
        }
        if (throttle429 != null && throttle429.retryAfterSeconds() < 0) {
            problems.append("throttle429.retryAfterSeconds must not be negative; ");
        }
        if (htmlError != null && htmlError.status() != 200 && htmlError.status() != 500) {
            problems.append("htmlError.status must be 200 or 500; ");
        }
        if (truncate != null && truncate.afterBytes() < 1) {
            problems.append("truncate.afterBytes must be at least 1; ");
        }
        return problems.isEmpty() ? null : problems.substring(0, problems.length() - 2);
    }

    private static boolean rate(double rate) {
        return rate >= 0 && rate <= 1;
    }
}
