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
    private final List<String> items;

    public CompiledCondition(String column, Operator operator, String value) {
        this.column = column;
        this.operator = operator;
        this.value = value == null ? "" : value;
        List<String> list = new ArrayList<>();
        for (String item : this.value.split(",", -1)) {
            list.add(item.trim());
        }
        this.items = List.copyOf(list);
    }

    public String column() {
        return column;
    }

    public boolean test(String actual) {
        String v = actual == null ? "" : actual;
        return switch (operator) {
            case EQUAL_TO -> compare(v, value) == 0;
            case DIFFERENT_FROM -> compare(v, value) != 0;
            case GREATHER_THAN -> ordered(v, value) > 0;
            case LESS_THAN -> ordered(v, value) < 0;
            case IN -> items.stream().anyMatch(item -> compare(v, item) == 0);
            case NOT_IN -> items.stream().noneMatch(item -> compare(v, item) == 0);
            case CONTAINS -> items.stream().anyMatch(item -> !item.isEmpty() && v.contains(item));
            case NOT_CONTAINS -> items.stream().noneMatch(item -> !item.isEmpty() && v.contains(item));
        };
    }

    /** Equality: typed when both sides share a type, else exact text. */
    private static int compare(String a, String b) {
        BigDecimal na = ValueConverter.parseNumber(a);
        BigDecimal nb = ValueConverter.parseNumber(b);
        if (na != null && nb != null) {
            return na.compareTo(nb);
        }
        Boolean ba = ValueConverter.parseBoolean(a);
        Boolean bb = ValueConverter.parseBoolean(b);
        if (ba != null && bb != null && !a.isBlank() && !b.isBlank()) {
            return ba.equals(bb) ? 0 : 1;
        }
        LocalDateTime da = ValueConverter.parseDateTime(a);
        LocalDateTime db = ValueConverter.parseDateTime(b);
        if (da != null && db != null) {
            return da.compareTo(db);
        }
        return a.equals(b) ? 0 : 1;
    }

    /** Ordering: numbers, then dates, then text; an empty side never compares greater or less. */
    private static int ordered(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        BigDecimal na = ValueConverter.parseNumber(a);
        BigDecimal nb = ValueConverter.parseNumber(b);
        if (na != null && nb != null) {
            return na.compareTo(nb);
        }
        LocalDateTime da = ValueConverter.parseDateTime(a);
        LocalDateTime db = ValueConverter.parseDateTime(b);
        if (da != null && db != null) {
            return da.compareTo(db);
        }
        return Integer.signum(a.compareTo(b));
    }

    @Override
    public String toString() {
        return column + " " + operator.spelling() + " '" + value + "'";
    }
}
