package io.erplink.protocol.signing;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepts each nonce of a verified request once: remembers it for as long as its timestamp would
 * still pass {@link RequestSigner#verify} (timestamp + max skew), so a captured request sent again is
 * refused ({@link SignatureException.Reason#REPLAYED}) and, once its timestamp is too old, is refused
 * as {@code EXPIRED}. Memory: at most the requests accepted within twice the max skew; expired nonces
 * are swept every {@value #SWEEP_EVERY} requests. Call it only after the signature verified, so a
 * forger cannot fill it or burn a genuine client's nonce.
 */
public final class ReplayGuard {
    static final int SWEEP_EVERY = 1024;

    private final Map<String, Long> seenUntil = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final Clock clock;
    private final Duration maxSkew;

    public ReplayGuard(Clock clock, Duration maxSkew) {
        this.clock = clock;
        this.maxSkew = maxSkew;
    }

    /**
     * Records the first use of a verified request's nonce.
     *
     * @param nonce     the {@value RequestSigner#NONCE_HEADER} header
     * @param timestamp the timestamp {@link RequestSigner#verify} returned
     * @throws SignatureException (REPLAYED) when the nonce was accepted before
     */
    public void firstUse(String nonce, long timestamp) {
        if (accepted.incrementAndGet() % SWEEP_EVERY == 0) {
            long now = clock.instant().getEpochSecond();
            seenUntil.values().removeIf(until -> until < now);
        }
        if (seenUntil.putIfAbsent(nonce.strip(), timestamp + maxSkew.toSeconds()) != null) {
            throw new SignatureException(
                    SignatureException.Reason.REPLAYED,
                    "request was replayed: its " + RequestSigner.NONCE_HEADER + " was accepted before");
        }
    }

    /** How many nonces are remembered now. */
    public int remembered() {
        return seenUntil.size();
    }
}
