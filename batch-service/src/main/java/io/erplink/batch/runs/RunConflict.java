package io.erplink.batch.runs;

/** A run operation the run's state does not allow (answered 409). */
public class RunConflict extends RuntimeException {
    public RunConflict(String message) {
        super(message);
    }
}
