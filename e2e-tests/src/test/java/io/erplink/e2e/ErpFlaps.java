package io.erplink.e2e;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ERP flapping in a fixed cycle, through the simulator's faults: answering, down (503), creating
 * orders and never answering (the caller's timeout: outcome unknown), throttling half the requests with
 * 429. Runs on its own thread until closed; closing switches every fault off.
 */
final class ErpFlaps implements AutoCloseable {
    static final List<String> CYCLE = List.of(
            "{}",
            "{\"outage\":true}",
            "{\"dropAfterCreate\":true,\"dropMode\":\"TIMEOUT\",\"dropTimeoutMs\":4000}",
            "{\"throttle429\":{\"rate\":0.5,\"retryAfterSeconds\":1}}");

    private final Suite suite;
    private final Thread thread;
    private final AtomicInteger changes = new AtomicInteger();
    private volatile boolean running = true;

    ErpFlaps(Suite suite, long phaseMillis) {
        this.suite = suite;
        this.thread = new Thread(() -> cycle(phaseMillis), "erp-flaps");
        thread.setDaemon(true);
        thread.start();
    }

    /** Fault settings applied so far. */
    int changes() {
        return changes.get();
    }

    private void cycle(long phaseMillis) {
        int i = 0;
        while (running) {
            Simulator.faults(suite, CYCLE.get(i++ % CYCLE.size()));
            changes.incrementAndGet();
            try {
                Thread.sleep(phaseMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
        Simulator.clearFaults(suite);
    }
}
