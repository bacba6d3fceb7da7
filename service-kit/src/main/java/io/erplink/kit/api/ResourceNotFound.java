package io.erplink.kit.api;

/** What the request names does not exist: 404, {@code urn:erplink:problem:not-found}. */
public class ResourceNotFound extends RuntimeException {
    public ResourceNotFound(String message) {
        super(message);
    }
}
