package io.erplink.protocol.signing;

/** A request whose signature cannot be accepted; {@link #reason()} says why. */
public class SignatureException extends RuntimeException {
    /** Why a signature was refused. */
    public enum Reason {
        /** Timestamp or signature header absent. */
        MISSING,
        /** A header that is not a number / not {@code v2=<64 hex digits>} / not a nonce. */
        MALFORMED,
        /** Timestamp further from now than the allowed clock skew (replay or bad clock). */
        EXPIRED,
        /** The HMAC does not match: wrong secret or altered body. */
        MISMATCH,
        /** A correctly signed request whose nonce was accepted before: a replay. */
        REPLAYED
    }

    private final Reason reason;

    public SignatureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
