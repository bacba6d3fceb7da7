package io.erplink.kit.api;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.Response;

import io.erplink.protocol.api.Problem;

/** Builds problem answers, for the shared mappers and for a service's own (live-service's ERP outage). */
public final class Problems {
    /** Seconds a client waits before retrying after a 503 for the ERP (a breaker's probe is that far off). */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** Seconds a client waits before retrying after a 503 for the database (the pool reconnects at once). */
    public static final int DATABASE_RETRY_AFTER_SECONDS = 2;

    private Problems() {}

    /**
     * A problem answer.
     *
     * @param status   HTTP status
     * @param kind     the type's last part, e.g. {@code not-found} for {@code urn:erplink:problem:not-found}
     * @param title    the kind in words
     * @param detail   this occurrence in words
     * @param instance the request path, or null
     * @param errors   refused fields
     */
    public static Response response(
            int status, String kind, String title, String detail, String instance, List<Problem.FieldError> errors) {
        return builder(status, kind, title, detail, instance, errors).build();
    }

    /** The same as a builder, to add headers ({@code Retry-After}, {@code Allow}). */
    public static Response.ResponseBuilder builder(
            int status, String kind, String title, String detail, String instance, List<Problem.FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(
                        URI.create(Problem.TYPE_PREFIX + kind),
                        title,
                        status,
                        detail,
                        instance == null ? null : URI.create(instance),
                        errors));
    }

    /** A 503 with {@code Retry-After} {@value #RETRY_AFTER_SECONDS}: the service cannot answer now (the ERP). */
    public static Response unavailable(String kind, String title, String detail, String instance) {
        return unavailable(kind, title, detail, instance, RETRY_AFTER_SECONDS);
    }

    /** A 503 with {@code Retry-After} in seconds. */
    public static Response unavailable(String kind, String title, String detail, String instance, int retryAfter) {
        return builder(503, kind, title, detail, instance, List.of())
                .header("Retry-After", retryAfter)
                .build();
    }
}
