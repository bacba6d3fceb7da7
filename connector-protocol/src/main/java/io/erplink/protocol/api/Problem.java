package io.erplink.protocol.api;

import java.net.URI;
import java.util.List;

/**
 * An error as RFC 9457 problem details, sent as {@value #MEDIA_TYPE}.
 *
 * @param type     what kind of problem, a URN such as {@code urn:erplink:problem:not-found}
 * @param title    the kind in words, the same for every problem of that type
 * @param status   the HTTP status
 * @param detail   this occurrence in words; never SQL, driver messages or stack traces
 * @param instance the request path that failed
 * @param errors   the fields that were refused (validation problems; else empty, never null)
 */
public record Problem(URI type, String title, int status, String detail, URI instance, List<FieldError> errors) {
    /** The media type of a problem. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** The prefix of every problem type. */
    public static final String TYPE_PREFIX = "urn:erplink:problem:";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * One refused field.
     *
     * @param field   the field's name as the client sent it: a query parameter ({@code size}), a body
     *                property ({@code ids}, {@code lines[0].quantity})
     * @param message what is wrong with it
     */
    public record FieldError(String field, String message) {}
}
