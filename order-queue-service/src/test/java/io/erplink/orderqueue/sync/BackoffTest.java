package io.erplink.orderqueue.sync;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackoffTest {

    @Test
    void doublesPerFailureUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(1), 0.0, () -> 0.5);
        assertEquals(Duration.ofSeconds(5), backoff.after(1));
        assertEquals(Duration.ofSeconds(10), backoff.after(2));
        assertEquals(Duration.ofSeconds(40), backoff.after(4));
        assertEquals(Duration.ofMinutes(1), backoff.after(5));
        assertEquals(Duration.ofMinutes(1), backoff.after(500));
    }

    @Test
    void jitterSpreadsTheWaitBothWays() {
        assertEquals(
                Duration.ofSeconds(8),
                new Backoff(Duration.ofSeconds(10), Duration.ofHours(1), 0.2, () -> 0.0).after(1));
        assertEquals(
                Duration.ofSeconds(12),
                new Backoff(Duration.ofSeconds(10), Duration.ofHours(1), 0.2, () -> 1.0).after(1));
    }
}
