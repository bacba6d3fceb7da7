package io.erplink.mapping.schema;

import java.util.List;

/** A table or column name that does not exist in the commerce schema. */
public class UnknownNameException extends RuntimeException {
    private final List<String> suggestions;

    public UnknownNameException(String kind, String name, String scope, List<String> suggestions) {
        super(message(kind, name, scope, suggestions));
        this.suggestions = List.copyOf(suggestions);
    }

    public List<String> suggestions() {
        return suggestions;
    }

    private static String message(String kind, String name, String scope, List<String> suggestions) {
        StringBuilder text = new StringBuilder("unknown ")
                .append(kind)
                .append(" '")
                .append(name)
                .append('\'');
        if (scope != null) {
            text.append(" in ").append(scope);
        }
        if (suggestions.isEmpty()) {
            text.append(" (no similar name)");
        } else {
            text.append("; did you mean ")
                    .append(String.join(", ", suggestions))
                    .append('?');
        }
        return text.toString();
    }
}
