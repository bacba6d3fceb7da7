package io.erplink.simulator.faults;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The faults the simulator injects into {@code /connector} answers. All off by default.
 *
 * @param latencyMs       added to every answer
 * @param latencyJitterMs plus a seeded-random 0..jitter on top
 * @param errorRate       share (0..1) of requests answered 500, decided by a seeded RNG
 * @param outage          when true every request fails: 503 (outageMode HTTP_503) or the connection is closed
 *                        without an answer (outageMode REFUSE)
 * @param outageMode      how an outage shows
 * @param throttle429     share of requests answered 429 with Retry-After; null = off
 * @param stallMs         the answer's headers and first bytes go out, then the body stalls this long
 * @param dropAfterCreate CreateOrder=True creates the order and then the answer fails (dropMode): the
 *                        "unknown outcome" case
 * @param dropMode        HTTP_500: a 500 answer; TIMEOUT: no answer for dropTimeoutMs, then the connection closes
 * @param dropTimeoutMs   how long a TIMEOUT drop holds the connection
 */
@Schema(description = "Faults injected into /connector answers; all off by default")
public record Faults(
        @Schema(description = "Latency added to every answer, ms")
        long latencyMs,

        @Schema(description = "Random extra latency 0..jitter (seeded), ms")
        long latencyJitterMs,

        @Schema(description = "Share of requests (0..1) answered 500, seeded RNG")
        double errorRate,

        @Schema(description = "ERP down: every request fails")
        boolean outage,

        @Schema(description = "HTTP_503 or REFUSE (connection closed without answer)")
        OutageMode outageMode,

        @Schema(description = "Share of requests answered 429 with Retry-After; null = off")
        Throttle throttle429,

        @Schema(description = "Headers and first bytes sent, then the body stalls this long, ms")
        long stallMs,

        @Schema(description = "CreateOrder=True creates the order, then the answer fails")
        boolean dropAfterCreate,

        @Schema(description = "HTTP_500 or TIMEOUT (no answer, then the connection closes)")
        DropMode dropMode,

        @Schema(description = "How long a TIMEOUT drop holds the connection, ms")
        long dropTimeoutMs)
        implements FaultInjector.Settings {

    /** How an outage shows. */
    public enum OutageMode {
        HTTP_503,
        REFUSE
    }

    /** How a dropped order creation fails. */
    public enum DropMode {
        HTTP_500,
        TIMEOUT
    }

    /** Throttling: share of requests answered 429 and the Retry-After they get. */
    public record Throttle(double rate, int retryAfterSeconds) {}

    public Faults {
        outageMode = outageMode == null ? OutageMode.HTTP_503 : outageMode;
        dropMode = dropMode == null ? DropMode.HTTP_500 : dropMode;
        dropTimeoutMs = dropTimeoutMs <= 0 ? 30_000 : dropTimeoutMs;
    }

    /** No faults. */
    public static Faults none() {
        return new Faults(0, 0, 0, false, OutageMode.HTTP_503, null, 0, false, DropMode.HTTP_500, 30_000);
    }

    /** The problems of these settings, or null when they are valid. */
    public String problems() {
        StringBuilder problems = new StringBuilder();
        if (latencyMs < 0 || latencyJitterMs < 0 || stallMs < 0) {
            problems.append("latencyMs, latencyJitterMs and stallMs must not be negative; ");
        }
        if (latencyMs > 600_000 || latencyJitterMs > 600_000 || stallMs > 600_000 || dropTimeoutMs > 600_000) {
            problems.append("delays are capped at 600000 ms; ");
        }
        if (!(errorRate >= 0 && errorRate <= 1)) {
            problems.append("errorRate must be within 0..1; ");
        }
        if (throttle429 != null
                && (!(throttle429.rate() >= 0 && throttle429.rate() <= 1) || throttle429.retryAfterSeconds() < 0)) {
            problems.append("throttle429.rate must be within 0..1 and retryAfterSeconds not negative; ");
        }
        return problems.isEmpty() ? null : problems.substring(0, problems.length() - 2);
    }
}
