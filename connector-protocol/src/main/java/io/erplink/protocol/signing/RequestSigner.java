package io.erplink.protocol.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies connector requests with a shared secret that never travels:
 * {@value #SIGNATURE_HEADER} = {@code v1=} + hex(HMAC-SHA256(secret, timestamp + "." + body)),
 * {@value #TIMESTAMP_HEADER} = epoch seconds. The verifier accepts a bounded clock skew, which also
 * bounds how long a captured request can be replayed, and compares in constant time.
 */
public final class RequestSigner {
    public static final String TIMESTAMP_HEADER = "X-Erplink-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Erplink-Signature";
    /** Smallest accepted secret, in bytes. */
    public static final int MIN_SECRET_BYTES = 16;

    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERSION_PREFIX = "v1=";
    private static final Pattern SIGNATURE = Pattern.compile("v1=[0-9a-f]{64}");
    private static final Pattern TIMESTAMP = Pattern.compile("-?[0-9]{1,19}");

    private final SecretKeySpec key;

    /** A timestamp and the signature for it. */
    public record Signature(long timestamp, String value) {}

    public RequestSigner(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the signing secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    /** The signature header value for a body sent at {@code epochSeconds}. */
    public String sign(long epochSeconds, byte[] body) {
        return VERSION_PREFIX + HexFormat.of().formatHex(mac(epochSeconds, body));
    }

    /** Signs a body with the current time of {@code clock}. */
    public Signature signNow(byte[] body, Clock clock) {
        long now = clock.instant().getEpochSecond();
        return new Signature(now, sign(now, body));
    }

    /**
     * Verifies a received request.
     *
     * @throws SignatureException when a header is missing or malformed, the timestamp is outside
     *                            {@code maxSkew} of the clock, or the signature does not match
     */
    public void verify(String timestampHeader, String signatureHeader, byte[] body, Clock clock, Duration maxSkew) {
        if (timestampHeader == null
                || timestampHeader.isBlank()
                || signatureHeader == null
                || signatureHeader.isBlank()) {
            throw new SignatureException(
                    SignatureException.Reason.MISSING,
                    "request is not signed: " + TIMESTAMP_HEADER + " and " + SIGNATURE_HEADER + " are required");
        }
        String timestampText = timestampHeader.strip();
        String signature = signatureHeader.strip().toLowerCase(Locale.ROOT);
        if (!TIMESTAMP.matcher(timestampText).matches()) {
            throw new SignatureException(
                    SignatureException.Reason.MALFORMED, TIMESTAMP_HEADER + " must be epoch seconds");
        }
        if (!SIGNATURE.matcher(signature).matches()) {
            throw new SignatureException(
                    SignatureException.Reason.MALFORMED, SIGNATURE_HEADER + " must be v1= followed by 64 hex digits");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampText);
        } catch (NumberFormatException e) {
            throw new SignatureException(SignatureException.Reason.MALFORMED, TIMESTAMP_HEADER + " is out of range");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - timestamp);
        if (skew > maxSkew.toSeconds()) {
            throw new SignatureException(
                    SignatureException.Reason.EXPIRED,
                    "request timestamp is " + skew + " s away from now; at most " + maxSkew.toSeconds()
                            + " s are accepted");
        }
        byte[] expected = mac(timestamp, body);
        byte[] received = HexFormat.of().parseHex(signature.substring(VERSION_PREFIX.length()));
        if (!MessageDigest.isEqual(expected, received)) {
            throw new SignatureException(
                    SignatureException.Reason.MISMATCH,
                    "signature does not match the body (wrong secret or altered request)");
        }
    }

    private byte[] mac(long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "RequestSigner[HmacSHA256, secret hidden]";
    }
}
