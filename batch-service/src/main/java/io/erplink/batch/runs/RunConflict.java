package io.erplink.batch.runs;

import io.erplink.kit.api.StateConflict;

/** A run operation the run's state does not allow (answered 409). */
public class RunConflict extends StateConflict {
    public RunConflict(String message) {
        super(message);
    }
}
