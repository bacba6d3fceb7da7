package io.erplink.console.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a service's error body, whatever its shape: RFC 9457 problem+json (title, detail and field errors),
 * the older {@code {"error": "..."}} and {@code {"status": 409, "error": "..."}}, {@code message}, or text.
 */
final class ErrorBodies {
    private static final int MAX_TEXT = 500;

    private ErrorBodies() {}

    static String message(ObjectMapper json, int status, String body) {
        String reason = reasonOf(json, body);
        if (reason != null) {
            return reason;
        }
        return switch (status) {
            case 401 -> "your sign-in was not accepted (sign in again)";
            case 403 -> "your role may not do this";
            case 404 -> "not found";
            default -> "HTTP " + status;
        };
    }

    private static String reasonOf(ObjectMapper json, String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        Object parsed;
        try {
            parsed = json.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            return clip(body.strip());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            return clip(body.strip());
        }
        List<String> parts = new ArrayList<>();
        Object title = map.get("title");
        Object detail = map.get("detail");
        if (detail != null) {
            parts.add(detail.toString());
        } else if (title != null) {
            parts.add(title.toString());
        }
        for (String key : List.of("error", "message")) {
            if (parts.isEmpty() && map.get(key) != null) {
                parts.add(map.get(key).toString());
            }
        }
        for (String key : List.of("errors", "violations", "fieldErrors", "problems")) {
            if (map.get(key) instanceof List<?> fields) {
                for (Object field : fields) {
                    parts.add(fieldError(field));
                }
            }
        }
        return parts.isEmpty() ? clip(body.strip()) : clip(String.join("; ", parts));
    }

    private static String fieldError(Object field) {
        if (field instanceof Map<?, ?> f) {
            Object name = f.get("field") != null ? f.get("field") : f.get("pointer");
            Object message = f.get("message") != null ? f.get("message") : f.get("detail");
            return (name == null ? "" : name + ": ") + message;
        }
        return String.valueOf(field);
    }

    private static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + " ...";
    }
}
