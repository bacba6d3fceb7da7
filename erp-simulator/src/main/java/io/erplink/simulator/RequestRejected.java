package io.erplink.simulator;

/** A request the simulated connector refuses, with the HTTP status and a message for the caller. */
public class RequestRejected extends RuntimeException {
    private final int status;

    public RequestRejected(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
