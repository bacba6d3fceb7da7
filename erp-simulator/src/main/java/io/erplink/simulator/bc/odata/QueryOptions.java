package io.erplink.simulator.bc.odata;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.erplink.simulator.bc.model.Table;

/**
 * The query options of a collection request: {@code $filter}, {@code $select}, {@code $top},
 * {@code $skip}, {@code $skiptoken}, {@code $count}. Values are percent-decoded with {@code +} as a
 * space (as IIS/ASP.NET do: a literal plus must be sent as {@code %2B}). Other system options
 * ($orderby, $expand, $search, $apply, ...) are refused; parameters without {@code $} are ignored.
 *
 * @param rawPairs the query's {@code name=value} pairs as sent, for the nextLink (without $skiptoken and $skip)
 */
public record QueryOptions(
        Filter filter, int[] select, long top, long skip, SkipToken token, boolean count, List<String> rawPairs) {

    public static QueryOptions parse(Table table, String rawQuery) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> rawPairs = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!name.equals("$skiptoken") && !name.equals("$skip")) {
                    rawPairs.add(pair);
                }
                if (!name.startsWith("$")) {
                    continue;
                }
                if (options.put(name, value) != null) {
                    throw BcError.badRequest("The query parameter '" + name + "' is specified more than once.");
                }
            }
        }
        Filter filter = new Filter.All();
        int[] select = null;
        long top = -1;
        long skip = 0;
        SkipToken token = null;
        boolean count = false;
        for (Map.Entry<String, String> option : options.entrySet()) {
            String value = option.getValue();
            switch (option.getKey()) {
                case "$filter" -> filter = value.isBlank() ? new Filter.All() : FilterParser.parse(table, value);
                case "$select" -> select = select(table, value);
                case "$top" -> top = nonNegative("$top", value);
                case "$skip" -> skip = nonNegative("$skip", value);
                case "$skiptoken" -> token = SkipToken.decode(table, value);
                case "$count" -> count = bool("$count", value);
                case "$format" -> {
                    if (!value.equals("json") && !value.startsWith("application/json")) {
                        throw BcError.badRequest("The format '" + value + "' is not supported.");
                    }
                }
                case "$schemaversion" -> {
                    // accepted, as BC does
                }
                default -> throw BcError.badRequest("The query parameter '" + option.getKey() + "' is not supported.");
            }
        }
        return new QueryOptions(filter, select, top, skip, token, count, rawPairs);
    }

    private static int[] select(Table table, String value) {
        if (value.isBlank() || value.strip().equals("*")) {
            return null;
        }
        List<Integer> positions = new ArrayList<>();
        for (String name : value.split(",")) {
            String field = name.strip();
            int position = table.indexOf(field)
                    .orElseThrow(() -> BcError.badRequest(
                            "Could not find a property named '" + field + "' on type 'NAV." + table.name() + "'."));
            if (!positions.contains(position)) {
                positions.add(position);
            }
        }
        return positions.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long nonNegative(String option, String value) {
        try {
            long n = Long.parseLong(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw BcError.badRequest("Invalid value '" + value + "' for " + option + " query option found.");
    }

    private static boolean bool(String option, String value) {
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw BcError.badRequest("Invalid value '" + value + "' for " + option + " query option found.");
        };
    }

    static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw BcError.badRequest("The query string is not correctly percent-encoded: " + e.getMessage());
        }
    }
}
