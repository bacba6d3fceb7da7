package io.erplink.batch.publish;

import io.erplink.batch.erp.LocalFailure;

/** The worker no longer holds the run's lease: it stops at once and writes nothing more. */
public class LeaseLost extends LocalFailure {
    public LeaseLost(String message) {
        super(message, null);
    }
}
