package io.erplink.mapping.engine;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A conditional ready to test rows. Values compare as numbers when both sides are numbers, as
 * date/times when both are dates, as booleans when both are booleans, else as text. A NULL source
 * value compares as the empty string. In/NotIn/Contains/NotContains take comma lists.
 */
public final class CompiledCondition {
    private final String column;
    private final Operator operator;
    private final String value;
    private final Constant constant;
    private final List<Constant> items;

    /** A side of the comparison known when the job is compiled, parsed once (not once per row). */
    private record Constant(String text, BigDecimal number, Boolean bool, LocalDateTime date) {
        static Constant of(String text) {
            return new Constant(
                    text,
                    ValueConverter.parseNumber(text),
                    text.isBlank() ? null : ValueConverter.parseBoolean(text),
                    ValueConverter.parseDateTime(text));
        }
    }

    public CompiledCondition(String column, Operator operator, String value) {
        this.column = column;
        this.operator = operator;
        this.value = value == null ? "" : value;
        this.constant = Constant.of(this.value);
        List<Constant> list = new ArrayList<>();
        for (String item : this.value.split(",", -1)) {
            list.add(Constant.of(item.trim()));
        }
        this.items = List.copyOf(list);
    }

    public String column() {
        return column;
    }

    public boolean test(String actual) {
        String v = actual == null ? "" : actual;
        return switch (operator) {
            case EQUAL_TO -> compare(v, constant) == 0;
            case DIFFERENT_FROM -> compare(v, constant) != 0;
            case GREATHER_THAN -> ordered(v, constant) > 0;
            case LESS_THAN -> ordered(v, constant) < 0;
            case IN -> items.stream().anyMatch(item -> compare(v, item) == 0);
            case NOT_IN -> items.stream().noneMatch(item -> compare(v, item) == 0);
            case CONTAINS -> items.stream().anyMatch(item -> !item.text().isEmpty() && v.contains(item.text()));
            case NOT_CONTAINS -> items.stream().noneMatch(item -> !item.text().isEmpty() && v.contains(item.text()));
        };
    }

    /** Equality: typed when both sides share a type (number, then boolean, then date/time), else exact text. */
    private static int compare(String a, Constant b) {
        if (b.number() != null) {
            BigDecimal na = ValueConverter.parseNumber(a);
            if (na != null) {
                return na.compareTo(b.number());
            }
        }
        if (b.bool() != null && !a.isBlank()) {
            Boolean ba = ValueConverter.parseBoolean(a);
            if (ba != null) {
                return ba.equals(b.bool()) ? 0 : 1;
            }
        }
        if (b.date() != null) {
            LocalDateTime da = ValueConverter.parseDateTime(a);
            if (da != null) {
                return da.compareTo(b.date());
            }
        }
        return a.equals(b.text()) ? 0 : 1;
    }

    /** Ordering: numbers, then dates, then text; an empty side never compares greater or less. */
    private static int ordered(String a, Constant b) {
        if (a.isEmpty() || b.text().isEmpty()) {
            return 0;
        }
        if (b.number() != null) {
            BigDecimal na = ValueConverter.parseNumber(a);
            if (na != null) {
                return na.compareTo(b.number());
            }
        }
        if (b.date() != null) {
            LocalDateTime da = ValueConverter.parseDateTime(a);
            if (da != null) {
                return da.compareTo(b.date());
            }
        }
        return Integer.signum(a.compareTo(b.text()));
    }

    @Override
    public String toString() {
        return column + " " + operator.spelling() + " '" + value + "'";
    }
}
