package io.erplink.orderqueue.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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
}
