package io.erplink.mapping.engine;

import java.util.List;

/** The conditionals a source row must meet to be mapped: all of {@code all}, and one OR group when there are any. */
final class RowConditions {
    private final List<CompiledCondition> all;
    private final List<List<CompiledCondition>> anyOf;

    RowConditions(List<CompiledCondition> all, List<List<CompiledCondition>> anyOf) {
        this.all = List.copyOf(all);
        this.anyOf = List.copyOf(anyOf);
    }

    /** Why the row is skipped, or null when it meets the conditionals. */
    String failure(SourceRow row) {
        for (CompiledCondition condition : all) {
            String value = row.get(condition.column());
            if (!condition.test(value)) {
                return "conditional " + condition + " not met (value " + quoteOrNull(value) + ")";
            }
        }
        if (anyOf.isEmpty()) {
            return null;
        }
        for (List<CompiledCondition> group : anyOf) {
            boolean met = true;
            for (CompiledCondition condition : group) {
                if (!condition.test(row.get(condition.column()))) {
                    met = false;
                    break;
                }
            }
            if (met) {
                return null;
            }
        }
        return "none of the " + anyOf.size() + " OR groups of conditionals met";
    }

    private static String quoteOrNull(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
