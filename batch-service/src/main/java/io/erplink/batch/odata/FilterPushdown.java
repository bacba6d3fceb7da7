package io.erplink.batch.odata;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a mapping job's conditionals into an OData {@code $filter} the server can apply, so fewer rows
 * travel. The filter only ever narrows to a superset of what mapping-service keeps: mapping-service
 * still applies every conditional, so the imported rows are the same with and without it.
 *
 * <p>A row feeds every table mapping whose conditionals all hold, so the rows needed are the OR over
 * the mappings of the AND of their conditionals. Business Central allows {@code or} only between
 * comparisons of one field, so the filter is, per field that every mapping constrains, the OR over the
 * mappings of that mapping's comparisons on the field; the fields are joined by {@code and}. A
 * conditional that cannot be translated exactly is left out (the filter gets weaker, never stricter):
 *
 * <ul>
 * <li>mapping-service compares typed when both sides parse as the same type (number, boolean, date),
 * else as exact text ({@code CompiledCondition}); so a text comparison is pushed only when the constant
 * is plain text (not a number, boolean or date in mapping-service's reading), numbers only on numeric
 * properties, booleans on {@code Edm.Boolean}, ISO dates on {@code Edm.Date};</li>
 * <li>GreatherThan/LessThan on text are never pushed (the server's collation orders text differently
 * from Java); NotContains is never pushed ({@code not} is not supported by BC);</li>
 * <li>a job with a mapping without conditionals needs every row: no filter.</li>
 * </ul>
 * Values are literals (strings quoted with {@code '} doubled): no value can change the filter's
 * structure. Column names must be properties of the entity type ({@code $metadata}).
 */
public final class FilterPushdown {
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Set<String> NUMERIC = Set.of(
            "Edm.Int16", "Edm.Int32", "Edm.Int64", "Edm.Decimal", "Edm.Double", "Edm.Single", "Edm.Byte", "Edm.SByte");
    private static final Set<String> BOOLEAN_WORDS = Set.of("true", "1", "yes", "y", "t", "false", "0", "no", "n", "f");

    private FilterPushdown() {}

    /**
     * The filter for a job's table mappings of one source table.
     *
     * @param mappings   the conditionals of each table mapping (AND within a list)
     * @param properties the entity type's properties and their EDM types
     * @return the filter, or empty when nothing can be pushed down
     */
    public static Optional<String> of(List<List<Condition>> mappings, Map<String, String> properties) {
        return of(mappings, properties, Map.of());
    }

    /**
     * @param enumTypes member names by enum type (from {@code $metadata}): an option field is compared by
     *                  caption by mapping-service, so only a caption that is a member is pushed
     */
    public static Optional<String> of(
            List<List<Condition>> mappings, Map<String, String> properties, Map<String, Set<String>> enumTypes) {
        if (mappings.isEmpty() || mappings.stream().anyMatch(List::isEmpty)) {
            return Optional.empty();
        }
        // per mapping: field -> the mapping's comparisons on it (AND)
        List<Map<String, List<String>>> terms = new ArrayList<>();
        for (List<Condition> mapping : mappings) {
            Map<String, List<String>> byField = new LinkedHashMap<>();
            for (Condition condition : mapping) {
                translate(condition, properties, enumTypes)
                        .ifPresent(clause -> byField.computeIfAbsent(condition.column(), k -> new ArrayList<>())
                                .add(clause));
            }
            terms.add(byField);
        }
        List<String> parts = new ArrayList<>();
        for (String field : terms.get(0).keySet()) {
            if (!terms.stream().allMatch(t -> t.containsKey(field))) {
                continue; // a mapping that does not constrain the field needs every value of it
            }
            Set<String> alternatives = new LinkedHashSet<>();
            for (Map<String, List<String>> t : terms) {
                List<String> clauses = t.get(field);
                alternatives.add(clauses.size() == 1 ? clauses.get(0) : "(" + String.join(" and ", clauses) + ")");
            }
            parts.add(
                    alternatives.size() == 1
                            ? alternatives.iterator().next()
                            : "(" + String.join(" or ", alternatives) + ")");
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", parts));
    }

    /** One conditional as a comparison on its field, or empty when it cannot be translated exactly. */
    static Optional<String> translate(Condition c, Map<String, String> properties) {
        return translate(c, properties, Map.of());
    }

    static Optional<String> translate(Condition c, Map<String, String> properties, Map<String, Set<String>> enumTypes) {
        if (c.column() == null || !ODataUrls.IDENTIFIER.matcher(c.column()).matches()) {
            return Optional.empty();
        }
        String type = properties.get(c.column());
        if (type == null || c.operator() == null) {
            return Optional.empty();
        }
        String op = c.operator().trim().toLowerCase(Locale.ROOT);
        String value = c.value() == null ? "" : c.value();
        String field = c.column();
        Set<String> members = enumTypes.get(type);
        if (members != null) {
            return switch (op) {
                case "equalto" -> member(type, members, value).map(l -> field + " eq " + l);
                case "differentfrom" -> member(type, members, value).map(l -> field + " ne " + l);
                case "in" -> members(type, members, value).map(items -> join(items, field, " eq ", " or "));
                case "notin" -> members(type, members, value).map(items -> join(items, field, " ne ", " and "));
                default -> Optional.empty(); // options are ordered by ordinal on the server, by text here
            };
        }
        return switch (op) {
            case "equalto" -> literal(type, value, false).map(l -> field + " eq " + l);
            case "differentfrom" -> literal(type, value, false).map(l -> field + " ne " + l);
            case "greatherthan", "greaterthan" -> literal(type, value, true).map(l -> field + " gt " + l);
            case "lessthan" -> literal(type, value, true).map(l -> field + " lt " + l);
            case "in" -> list(type, value).map(items -> join(items, field, " eq ", " or "));
            case "notin" -> list(type, value).map(items -> join(items, field, " ne ", " and "));
            case "contains" -> contains(type, field, value);
            default -> Optional.empty();
        };
    }

    private static String join(List<String> literals, String field, String op, String connective) {
        List<String> clauses = literals.stream().map(l -> field + op + l).toList();
        return clauses.size() == 1 ? clauses.get(0) : "(" + String.join(connective, clauses) + ")";
    }

    /** An enum literal ({@code Microsoft.NAV.Type'Member'}) of a plain-text caption that is a member. */
    private static Optional<String> member(String type, Set<String> members, String caption) {
        if (!plainText(caption)) {
            return Optional.empty();
        }
        String member = EnumMembers.encode(caption);
        return members.contains(member) ? Optional.of(type + "'" + member + "'") : Optional.empty();
    }

    private static Optional<List<String>> members(String type, Set<String> members, String value) {
        List<String> literals = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            Optional<String> literal = member(type, members, item.trim());
            if (literal.isEmpty()) {
                return Optional.empty();
            }
            literals.add(literal.get());
        }
        return Optional.of(literals);
    }

    /** In/NotIn: comma list, items trimmed (as mapping-service splits them); every item must translate. */
    private static Optional<List<String>> list(String type, String value) {
        List<String> literals = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            Optional<String> literal = literal(type, item.trim(), false);
            if (literal.isEmpty()) {
                return Optional.empty();
            }
            literals.add(literal.get());
        }
        return Optional.of(literals);
    }

    /** Contains: any non-empty item is a substring (case-sensitive, as mapping-service's String.contains). */
    private static Optional<String> contains(String type, String field, String value) {
        if (!"Edm.String".equals(type)) {
            return Optional.empty();
        }
        List<String> clauses = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            String text = item.trim();
            if (!text.isEmpty()) {
                clauses.add("contains(" + field + "," + ODataUrls.stringLiteral(text) + ")");
            }
        }
        if (clauses.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(clauses.size() == 1 ? clauses.get(0) : "(" + String.join(" or ", clauses) + ")");
    }

    /**
     * The literal of a constant for a property type, when mapping-service compares the two the same way
     * the server does.
     *
     * @param ordering GreatherThan/LessThan (text is never ordered on the server)
     */
    static Optional<String> literal(String type, String value, boolean ordering) {
        if ("Edm.String".equals(type)) {
            return !ordering && plainText(value) ? Optional.of(ODataUrls.stringLiteral(value)) : Optional.empty();
        }
        if (NUMERIC.contains(type)) {
            if (ordering && value.isEmpty()) {
                return Optional.empty();
            }
            BigDecimal number = number(value);
            return number == null ? Optional.empty() : Optional.of(number.toPlainString());
        }
        if ("Edm.Boolean".equals(type)) {
            if (ordering) {
                return Optional.empty();
            }
            Boolean bool = bool(value);
            return bool == null ? Optional.empty() : Optional.of(bool.toString());
        }
        if ("Edm.Date".equals(type)) {
            String v = value.trim();
            if (!ISO_DATE.matcher(v).matches()) {
                return Optional.empty();
            }
            try {
                return Optional.of(LocalDate.parse(v).toString());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Whether mapping-service compares rows with this constant as exact text: it is not a number (its
     * first non-blank character is no digit, sign or dot), not a boolean word, and not a date (every date
     * format it reads starts with a digit or a sign).
     */
    static boolean plainText(String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            return true;
        }
        char first = v.charAt(0);
        if (Character.isDigit(first) || first == '-' || first == '+' || first == '.') {
            return false;
        }
        return !BOOLEAN_WORDS.contains(v.toLowerCase(Locale.ROOT));
    }

    /** mapping-service's number reading (ValueConverter.parseNumber). */
    private static BigDecimal number(String value) {
        String v = value.trim();
        if (v.isEmpty() || v.length() > 200) {
            return null;
        }
        char first = v.charAt(0);
        if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.')) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** mapping-service's boolean reading (ValueConverter.parseBoolean). */
    private static Boolean bool(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y", "t" -> Boolean.TRUE;
            case "false", "0", "no", "n", "f" -> Boolean.FALSE;
            default -> null;
        };
    }
}
