package io.erplink.batch.runs;

import java.util.concurrent.atomic.AtomicBoolean;

import io.erplink.batch.publish.LeaseLost;

/** A run in this worker's hands: its claim, and whether the heartbeat found the lease gone. */
public final class RunContext {
    private final ClaimedRun run;
    private final AtomicBoolean lost = new AtomicBoolean();
    private volatile Thread thread;

    RunContext(ClaimedRun run) {
        this.run = run;
    }

    public ClaimedRun run() {
        return run;
    }

    void bind(Thread thread) {
        this.thread = thread;
    }

    /** Called by the heartbeat when renewing the lease failed. */
    void markLost() {
        lost.set(true);
    }

    public boolean isLost() {
        return lost.get();
    }

    /** Throws {@link LeaseLost} when the lease is gone: the worker must stop writing at once. */
    public void checkpoint() {
        if (lost.get()) {
            throw new LeaseLost(
                    "run " + run.id() + ": lease of " + run.owner() + " lost (expired, taken over or stopped)");
        }
    }

    Thread thread() {
        return thread;
    }
}
