package io.erplink.mapping.engine;

import java.util.Locale;

/** What a NULL source value becomes. */
public enum NullHandling {
    DEFAULT,
    CONSTANT,
    SKIP_ROW;

    static NullHandling parse(String name) {
        if (name == null || name.isBlank()) {
            return DEFAULT;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "")) {
            case "default" -> DEFAULT;
            case "constant" -> CONSTANT;
            case "skiprow", "skip" -> SKIP_ROW;
            default ->
                throw new IllegalArgumentException("unknown null handling '" + name + "' (default, constant, skipRow)");
        };
    }
}
