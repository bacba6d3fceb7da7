package io.erplink.orderqueue.sync;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErpBudgetTest {

    @Test
    void refillsAtTheRateUpToTheBurst() {
        assertEquals(2.0, ErpBudget.refill(0, 0.1, 20, 5), 1e-9);
        assertEquals(5.0, ErpBudget.refill(0, 60, 20, 5), 1e-9);
        assertEquals(0.5, ErpBudget.refill(0.5, 0, 20, 5), 1e-9);
    }

    @Test
    void aTokenIsThereAtOnceOrAfterTheMissingShareOfAnInterval() {
        assertEquals(0, ErpBudget.waitFor(1.0, 0, 10));
        assertEquals(50_000_000L, ErpBudget.waitFor(0.5, 0, 10));
    }

    @Test
    void aPauseAddsItsRemainingTimeBeforeTheRefill() {
        long wait = ErpBudget.waitFor(0, 2.0, 10);
        assertEquals(2_100_000_000L, wait);
        assertTrue(ErpBudget.waitFor(0, 0.5, 10) > ErpBudget.waitFor(0, 0, 10));
    }

    @Test
    void overAMinuteAtMostRateTimesSecondsPlusBurstTokensAreTaken() {
        double rate = 20;
        int burst = 5;
        double tokens = burst;
        double clock = 0;
        int taken = 0;
        double last = 0;
        while (clock < 60) {
            tokens = ErpBudget.refill(tokens, clock - last, rate, burst);
            last = clock;
            long wait = ErpBudget.waitFor(tokens, 0, rate);
            if (wait == 0) {
                tokens -= 1;
                taken++;
            } else {
                clock += wait / 1e9;
            }
        }
        assertTrue(taken <= rate * 60 + burst, "taken " + taken);
        assertTrue(taken >= rate * 60 - 1, "the whole budget is usable, taken " + taken);
    }

    @Test
    void tokensTakenAtOnceAreReservedOneIntervalApartUpToASecondAhead() {
        double rate = 20;
        double tokens = 0;
        for (int i = 1; i <= 20; i++) {
            ErpBudget.Planned planned = ErpBudget.plan(tokens, 0, rate, 5);
            assertTrue(planned.take().taken(), "reservation " + i);
            assertEquals(i * 50_000_000L, planned.take().waitNanos(), 1_000, "reservation " + i);
            tokens = planned.tokensAfter();
        }
        ErpBudget.Planned tooFar = ErpBudget.plan(tokens, 0, rate, 5);
        assertFalse(tooFar.take().taken(), "a token due after more than a second is not reserved");
        assertEquals(tokens, tooFar.tokensAfter(), 1e-9);
        assertEquals(1_050_000_000L, tooFar.take().waitNanos(), 1_000);
    }

    @Test
    void reservationsKeepTheRateOverAMinute() {
        // Six senders each holding one reservation, as in two replicas of three workers.
        double rate = 20;
        int burst = 5;
        double tokens = burst;
        double[] sendsAt = new double[6];
        int sent = 0;
        double clock = 0;
        while (true) {
            int sender = 0;
            for (int i = 1; i < sendsAt.length; i++) {
                if (sendsAt[i] < sendsAt[sender]) {
                    sender = i;
                }
            }
            double elapsed = sendsAt[sender] - clock;
            clock = sendsAt[sender];
            if (clock >= 60) {
                break;
            }
            ErpBudget.Planned planned = ErpBudget.plan(tokens, elapsed, rate, burst);
            tokens = planned.tokensAfter();
            sendsAt[sender] = clock + planned.take().waitNanos() / 1e9;
            if (planned.take().taken() && sendsAt[sender] < 60) {
                sent++;
            }
        }
        assertTrue(sent <= rate * 60 + burst, "sent " + sent);
        assertTrue(sent >= rate * 60 - 6, "the whole budget is usable, sent " + sent);
    }
}
