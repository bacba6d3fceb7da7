package io.erplink.kit.api;

/**
 * A statement or connection failed in the database (not a refusal of the request): 503 with
 * {@code Retry-After}, without the SQL or the driver's message, which are logged.
 */
public class DatabaseFailure extends RuntimeException {
    public DatabaseFailure(String what, Throwable cause) {
        super(what + ": " + cause.getMessage(), cause);
    }
}
