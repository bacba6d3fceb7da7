package io.erplink.console.services;

import java.util.function.Supplier;

/** What one section of a page got from a service: its answer, or the error to show in its place. */
public record Fetched(Object value, String error) {

    /** Calls the service; a failure becomes the section's readable error, the rest of the page still renders. */
    public static Fetched of(Supplier<Object> call) {
        try {
            return new Fetched(call.get(), null);
        } catch (ServiceError e) {
            return new Fetched(null, e.describe());
        }
    }

    public boolean ok() {
        return error == null;
    }
}
