package io.erplink.protocol.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies connector requests with a shared secret that never travels:
 * {@value #SIGNATURE_HEADER} = {@code v2=} + hex(HMAC-SHA256(secret, timestamp + "." + nonce + "." + body)),
 * {@value #TIMESTAMP_HEADER} = epoch seconds, {@value #NONCE_HEADER} = 32 random hex digits, new for
 * every request (a retry included). The verifier accepts a bounded clock skew and compares in
 * constant time; a {@link ReplayGuard} then accepts each nonce once within that window, so a captured
 * request cannot be sent again.
 */
public final class RequestSigner {
    public static final String TIMESTAMP_HEADER = "X-Erplink-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Erplink-Signature";
    public static final String NONCE_HEADER = "X-Erplink-Nonce";
    /** Smallest accepted secret, in bytes. */
    public static final int MIN_SECRET_BYTES = 16;

    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERSION_PREFIX = "v2=";
    private static final Pattern SIGNATURE = Pattern.compile("v2=[0-9a-f]{64}");
    private static final Pattern NONCE = Pattern.compile("[0-9A-Za-z_-]{16,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TIMESTAMP = Pattern.compile("-?[0-9]{1,19}");

    private final SecretKeySpec key;

    /** A timestamp, the request's nonce and the signature for both and the body. */
    public record Signature(long timestamp, String nonce, String value) {
        /** The three headers to send, by name. */
        public Map<String, String> headers() {
            return Map.of(TIMESTAMP_HEADER, Long.toString(timestamp), NONCE_HEADER, nonce, SIGNATURE_HEADER, value);
        }
    }

    public RequestSigner(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the signing secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    /** The signature header value for a body sent at {@code epochSeconds} with {@code nonce}. */
    public String sign(long epochSeconds, String nonce, byte[] body) {
        return VERSION_PREFIX + HexFormat.of().formatHex(mac(epochSeconds, nonce, body));
    }

    /** Signs a body with the current time of {@code clock} and a new random nonce. */
    public Signature signNow(byte[] body, Clock clock) {
        long now = clock.instant().getEpochSecond();
        String nonce = newNonce();
        return new Signature(now, nonce, sign(now, nonce, body));
    }

    /** 128 random bits as 32 hex digits. */
    public static String newNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Verifies a received request.
     *
     * @return the request's timestamp (epoch seconds), for a {@link ReplayGuard}
     * @throws SignatureException when a header is missing or malformed, the timestamp is outside
     *                            {@code maxSkew} of the clock, or the signature does not match
     */
    public long verify(
            String timestampHeader,
            String nonceHeader,
            String signatureHeader,
            byte[] body,
            Clock clock,
            Duration maxSkew) {
        if (timestampHeader == null
                || timestampHeader.isBlank()
                || nonceHeader == null
                || nonceHeader.isBlank()
                || signatureHeader == null
                || signatureHeader.isBlank()) {
            throw new SignatureException(
                    SignatureException.Reason.MISSING,
                    "request is not signed: " + TIMESTAMP_HEADER + ", " + NONCE_HEADER + " and " + SIGNATURE_HEADER
                            + " are required");
        }
        String nonce = nonceHeader.strip();
        if (!NONCE.matcher(nonce).matches()) {
            throw new SignatureException(
                    SignatureException.Reason.MALFORMED,
                    NONCE_HEADER + " must be 16 to 64 letters, digits, '-' or '_'");
        }
        String timestampText = timestampHeader.strip();
        String signature = signatureHeader.strip().toLowerCase(Locale.ROOT);
        if (!TIMESTAMP.matcher(timestampText).matches()) {
            throw new SignatureException(
                    SignatureException.Reason.MALFORMED, TIMESTAMP_HEADER + " must be epoch seconds");
        }
        if (!SIGNATURE.matcher(signature).matches()) {
            throw new SignatureException(
                    SignatureException.Reason.MALFORMED, SIGNATURE_HEADER + " must be v2= followed by 64 hex digits");
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
        byte[] expected = mac(timestamp, nonce, body);
        byte[] received = HexFormat.of().parseHex(signature.substring(VERSION_PREFIX.length()));
        if (!MessageDigest.isEqual(expected, received)) {
            throw new SignatureException(
                    SignatureException.Reason.MISMATCH,
                    "signature does not match the body (wrong secret or altered request)");
        }
        return timestamp;
    }

    private byte[] mac(long epochSeconds, String nonce, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((epochSeconds + "." + nonce + ".").getBytes(StandardCharsets.US_ASCII));
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
