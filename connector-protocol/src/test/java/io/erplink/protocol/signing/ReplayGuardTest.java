package io.erplink.protocol.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static io.erplink.protocol.signing.RequestSignerTest.assertReason;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplayGuardTest {
    private static final Duration SKEW = Duration.ofMinutes(5);

    @Test
    void aNonceIsAcceptedOnceAndItsReplayIsRefused() {
        ReplayGuard guard = new ReplayGuard(Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC), SKEW);
        String nonce = RequestSigner.newNonce();
        assertDoesNotThrow(() -> guard.firstUse(nonce, 1_700_000_000L));
        assertReason(SignatureException.Reason.REPLAYED, () -> guard.firstUse(nonce, 1_700_000_000L));
        assertDoesNotThrow(() -> guard.firstUse(RequestSigner.newNonce(), 1_700_000_000L));
    }

    @Test
    void noncesAreForgottenOnceTheirTimestampWouldBeRefusedAsExpired() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.ofEpochSecond(1_700_000_000L));
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        ReplayGuard guard = new ReplayGuard(clock, SKEW);
        for (int i = 0; i < ReplayGuard.SWEEP_EVERY - 1; i++) {
            guard.firstUse(RequestSigner.newNonce(), 1_700_000_000L);
        }
        assertEquals(ReplayGuard.SWEEP_EVERY - 1, guard.remembered());
        // 301 s later their timestamps are beyond the skew: the next request sweeps them
        now.set(Instant.ofEpochSecond(1_700_000_301L));
        guard.firstUse(RequestSigner.newNonce(), 1_700_000_301L);
        assertEquals(1, guard.remembered());
    }
}
