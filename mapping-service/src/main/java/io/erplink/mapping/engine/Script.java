package io.erplink.mapping.engine;

import java.util.Locale;

/** How a part of a destination column is computed. */
public enum Script {
    NONE,
    CONSTANT,
    PREPEND,
    APPEND,
    INVERT;

    static Script parse(String name) {
        if (name == null || name.isBlank()) {
            return NONE;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "constant" -> CONSTANT;
            case "prepend" -> PREPEND;
            case "append" -> APPEND;
            case "invert" -> INVERT;
            default ->
                throw new IllegalArgumentException("unknown script '" + name + "' (Constant, Prepend, Append, Invert)");
        };
    }
}
