package io.erplink.console.services;

/**
 * A service call that did not succeed, with a message an operator can read: the service's own reason, whatever
 * shape its error body has (RFC 9457 problem+json, {@code {"error": ...}}, plain text), or why it could not be
 * reached.
 */
public class ServiceError extends RuntimeException {
    private final Service service;
    private final int status;

    public ServiceError(Service service, int status, String message) {
        super(message);
        this.service = service;
        this.status = status;
    }

    public Service service() {
        return service;
    }

    /** The HTTP status, or 0 when the service did not answer. */
    public int status() {
        return status;
    }

    /** One line for the page, e.g. {@code order-queue-service (409): order A-1 is in the ERP already ...}. */
    public String describe() {
        return service.displayName() + (status > 0 ? " (" + status + ")" : "") + ": " + getMessage();
    }
}
