package io.erplink.simulator.bc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import io.vertx.core.http.HttpServerRequest;

import io.erplink.simulator.bc.faults.BcFaults;
import io.erplink.simulator.faults.Disruptions;
import io.erplink.simulator.faults.FaultInjector;
import io.erplink.simulator.faults.Faults;

import static io.erplink.simulator.bc.BcJson.errorResponse;

/**
 * The injected faults of the BC simulator's data calls: outage, concurrency limit, latency and the
 * injected answers, the cut or stalled page, and the count-based write faults (lost POST answers,
 * concurrent edits).
 */
@ApplicationScoped
class BcFaultGate {

    @Inject
    FaultInjector<BcFaults> faults;

    /** The faults the write-fault counts below belong to ([0]), and the counts: lost POST answers, concurrent edits. */
    private final BcFaults[] writeFaults = new BcFaults[1];

    private final int[] writeFaultCounts = new int[2];

    /**
     * The injected answer of a data call (null: answer it normally), and whether the call is in the
     * faults' scope (its set, past afterRequests), so its page may still be truncated or stalled.
     */
    record FaultDecision(Response answer, boolean inScope) {}

    FaultDecision decide(String entitySet, int inFlight, HttpServerRequest http) {
        BcFaults active = faults.current();
        if (active.outage()) {
            if (active.outageMode() == Faults.OutageMode.REFUSE) {
                Disruptions.closeConnection(http);
                return new FaultDecision(Response.status(503).build(), true);
            }
            return new FaultDecision(
                    errorResponse(503, "ServiceUnavailable", "The environment is not available (injected outage).")
                            .build(),
                    true);
        }
        boolean inScope = active.covers(entitySet) && faults.countRequest() > active.afterRequests();
        return new FaultDecision(inScope ? injected(active, inFlight) : concurrency(active, inFlight), inScope);
    }

    private static Response concurrency(BcFaults active, int inFlight) {
        if (active.maxConcurrentRequests() > 0 && inFlight > active.maxConcurrentRequests()) {
            return errorResponse(
                            429,
                            "Application_TooManyRequests",
                            "Too many concurrent requests: " + inFlight + " in flight, the limit is "
                                    + active.maxConcurrentRequests() + ".")
                    .build();
        }
        return null;
    }

    /** The faults of a call in scope: concurrency, latency, then one of the injected answers, or null. */
    private Response injected(BcFaults active, int inFlight) {
        Response concurrent = concurrency(active, inFlight);
        if (concurrent != null) {
            return concurrent;
        }
        Disruptions.sleep(faults.latency());
        if (active.throttle429() != null && faults.roll(active.throttle429().rate())) {
            Response.ResponseBuilder answer = errorResponse(
                    429,
                    "Application_TooManyRequests",
                    "Too Many Requests - the request limit for this application has been reached.");
            if (active.throttle429().retryAfterSeconds() > 0) {
                answer.header("Retry-After", active.throttle429().retryAfterSeconds());
            }
            return answer.build();
        }
        if (active.timeout408() != null && faults.roll(active.timeout408().rate())) {
            Disruptions.sleep(active.timeout408().delayMs());
            return errorResponse(408, "RequestTimeout", "The operation has timed out.")
                    .build();
        }
        if (faults.roll(active.gatewayTimeout504Rate())) {
            return Response.status(504)
                    .type("text/html; charset=utf-8")
                    .entity("<html><head><title>504 Gateway Time-out</title></head><body><h1>504 Gateway"
                            + " Time-out</h1><p>The upstream server did not answer in time.</p></body></html>\n")
                    .build();
        }
        if (faults.roll(active.errorRate())) {
            return errorResponse(500, "Internal_ServerError", "An unexpected error occurred (injected).")
                    .build();
        }
        if (active.htmlError() != null && faults.roll(active.htmlError().rate())) {
            return Response.status(active.htmlError().status())
                    .type("text/html; charset=utf-8")
                    .entity("<!DOCTYPE html>\n<html><head><title>Something went wrong</title></head><body>"
                            + "<h1>Sorry, something went wrong.</h1><p>Please try again later.</p></body></html>\n")
                    .build();
        }
        return null;
    }

    /** How a page of a data call is disrupted: cut after {@code cutAfterBytes} (0: not cut), stalled for {@code stallMs}. */
    record PageDisruption(long cutAfterBytes, long stallMs) {}

    PageDisruption page(boolean inScope) {
        BcFaults active = faults.current();
        boolean truncate = inScope
                && active.truncate() != null
                && faults.roll(active.truncate().rate());
        long cut = truncate ? active.truncate().afterBytes() : 0;
        long stall = inScope ? active.stallMs() : 0;
        return new PageDisruption(cut, stall);
    }

    /**
     * Whether this write gets the next of the count-based faults ({@code lostPostAnswers} for a POST,
     * {@code concurrentEdits} for a PATCH); the counts start again whenever the faults are replaced.
     */
    boolean takeWriteFault(boolean post) {
        synchronized (writeFaults) {
            BcFaults active = faults.current();
            if (active != writeFaults[0]) {
                writeFaults[0] = active;
                writeFaultCounts[0] = 0;
                writeFaultCounts[1] = 0;
            }
            int kind = post ? 0 : 1;
            int limit = post ? active.lostPostAnswers() : active.concurrentEdits();
            if (writeFaultCounts[kind] < limit) {
                writeFaultCounts[kind]++;
                return true;
            }
            return false;
        }
    }
}
