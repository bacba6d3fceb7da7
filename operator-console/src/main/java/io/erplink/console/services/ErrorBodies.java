package io.erplink.console.services;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.erplink.protocol.api.Problem;

/**
 * Reads a service's error answer as one line: every erplink service answers RFC 9457 problems
 * (detail, else title, and the refused fields); anything else (a proxy's page, a gateway's text) is
 * shown clipped, and an empty body by what its status means.
 */
final class ErrorBodies {
    private static final int MAX_TEXT = 500;

    private ErrorBodies() {}

    static String message(ObjectMapper json, int status, String body) {
        if (body == null || body.isBlank()) {
            return switch (status) {
                case 401 -> "your sign-in was not accepted (sign in again)";
                case 403 -> "your role may not do this";
                case 404 -> "not found";
                default -> "HTTP " + status;
            };
        }
        Problem problem = problem(json, body);
        if (problem == null) {
            return clip(body.strip());
        }
        List<String> parts = new ArrayList<>();
        parts.add(problem.detail() != null ? problem.detail() : problem.title());
        for (Problem.FieldError field : problem.errors()) {
            parts.add(field.field() + ": " + field.message());
        }
        return clip(String.join("; ", parts));
    }

    /** The body as a problem, or null when it is not one (not JSON, or neither title nor detail). */
    private static Problem problem(ObjectMapper json, String body) {
        ObjectReader reader = json.readerFor(Problem.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            Problem problem = reader.readValue(body);
            return problem == null || (problem.title() == null && problem.detail() == null) ? null : problem;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + " ...";
    }
}
