package io.erplink.batch.exports.odata;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.erplink.batch.odata.Condition;

/**
 * The conditionals of an export's table mapping applied to a commerce row (its values as text): numbers
 * compare as numbers ({@code 0} equals {@code 0.00000000}), booleans as booleans ({@code True} equals
 * {@code true}), everything else as text ignoring case; a missing value is the empty string.
 */
final class ExportConditions {
    private static final Set<String> OPERATORS = Set.of(
            "EqualTo",
            "DifferentFrom",
            "GreatherThan",
            "GreaterThan",
            "LessThan",
            "Contains",
            "NotContains",
            "In",
            "NotIn");

    private ExportConditions() {}

    static String problem(Condition c) {
        if (c.column() == null || !ODataExport.SQL_NAME.matcher(c.column()).matches()) {
            return "conditional column " + c.column() + " is not a column name";
        }
        if (!OPERATORS.contains(c.operator())) {
            return "conditional operator " + c.operator() + " is not one of " + OPERATORS;
        }
        return null;
    }

    /** Whether the row meets every conditional. */
    static boolean matches(List<Condition> conditions, Map<String, String> row) {
        for (Condition c : conditions) {
            String value = row.getOrDefault(c.column().toLowerCase(Locale.ROOT), "");
            String constant = c.value() == null ? "" : c.value();
            boolean ok = switch (c.operator()) {
                case "EqualTo" -> same(value, constant);
                case "DifferentFrom" -> !same(value, constant);
                case "GreatherThan", "GreaterThan" -> compare(value, constant) > 0;
                case "LessThan" -> compare(value, constant) < 0;
                case "Contains" -> lower(value).contains(lower(constant));
                case "NotContains" -> !lower(value).contains(lower(constant));
                case "In" -> Arrays.stream(constant.split(",")).anyMatch(v -> same(value, v.trim()));
                case "NotIn" -> Arrays.stream(constant.split(",")).noneMatch(v -> same(value, v.trim()));
                default -> throw new IllegalArgumentException("unknown operator " + c.operator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(String a, String b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y) == 0;
        }
        return a.trim().equalsIgnoreCase(b.trim());
    }

    /** Numbers by value, else text; a blank never orders above anything. */
    private static int compare(String a, String b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        if (a.isBlank()) {
            return -1;
        }
        return lower(a).compareTo(lower(b));
    }

    private static BigDecimal number(String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
