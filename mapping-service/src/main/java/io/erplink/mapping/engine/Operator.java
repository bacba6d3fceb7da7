package io.erplink.mapping.engine;

import java.util.Locale;

/** Conditional operators, spelled as in the source documents (GreatherThan, sic). */
public enum Operator {
    EQUAL_TO("EqualTo"),
    DIFFERENT_FROM("DifferentFrom"),
    GREATHER_THAN("GreatherThan"),
    LESS_THAN("LessThan"),
    CONTAINS("Contains"),
    NOT_CONTAINS("NotContains"),
    IN("In"),
    NOT_IN("NotIn");

    private final String spelling;

    Operator(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    /** Parses an operator name, case-insensitively; {@code GreaterThan} is accepted for GreatherThan. */
    public static Operator parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("conditional without an operator");
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("greaterthan")) {
            return GREATHER_THAN;
        }
        for (Operator operator : values()) {
            if (operator.spelling.toLowerCase(Locale.ROOT).equals(n)) {
                return operator;
            }
        }
        throw new IllegalArgumentException("unknown operator '" + name
                + "' (EqualTo, DifferentFrom, GreatherThan, LessThan, Contains, NotContains, In, NotIn)");
    }
}
