package io.erplink.kit.api;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.erplink.protocol.api.Problem;

/** Builds problem answers, for the shared mappers and for a service's own (live-service's ERP outage). */
public final class Problems {
    /**
     * What a 503 says is out of reach, with the problem type, its title and the seconds a client
     * waits before retrying ({@code Retry-After}).
     */
    public enum Outage {
        /** The database failed to answer: the pool reconnects at once. */
        DATABASE("database-unavailable", "Database unavailable", 2),
        /** The ERP is out of reach, busy or refusing service: a breaker's probe is that far off. */
        ERP("erp-unavailable", "ERP unavailable", 5);

        private final String kind;
        private final String title;
        private final int retryAfterSeconds;

        Outage(String kind, String title, int retryAfterSeconds) {
            this.kind = kind;
            this.title = title;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        /** The type's last part, as in {@code urn:erplink:problem:<kind>}. */
        public String kind() {
            return kind;
        }

        /** The type in words. */
        public String title() {
            return title;
        }

        /** What {@code Retry-After} says. */
        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

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

    /**
     * The one 503 of every service: the outage's type and title, this occurrence's {@code detail}, and
     * {@code Retry-After} as the outage says.
     */
    public static Response unavailable(Outage outage, String detail, String instance) {
        return builder(503, outage.kind(), outage.title(), detail, instance, List.of())
                .header(HttpHeaders.RETRY_AFTER, outage.retryAfterSeconds())
                .build();
    }
}
