package io.erplink.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A query string from the parameters that are set (values URL-encoded). */
public final class Query {
    private final Map<String, String> params = new LinkedHashMap<>();

    public static Query of() {
        return new Query();
    }

    public Query with(String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            params.put(name, value.toString().strip());
        }
        return this;
    }

    @Override
    public String toString() {
        if (params.isEmpty()) {
            return "";
        }
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "?", ""));
    }

    /** A path segment from user input (an activity or job name, an id), encoded. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
