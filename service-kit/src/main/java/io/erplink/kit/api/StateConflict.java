package io.erplink.kit.api;

/**
 * The resource's state does not allow the operation (a finished run stopped, a synced order replayed
 * without force, a name taken): 409, {@code urn:erplink:problem:conflict}.
 */
public class StateConflict extends RuntimeException {
    public StateConflict(String message) {
        super(message);
    }
}
