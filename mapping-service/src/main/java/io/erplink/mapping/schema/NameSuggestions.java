package io.erplink.mapping.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Close matches for a mistyped name: Levenshtein distance, plus names containing the input. */
public final class NameSuggestions {
    private static final int MAX = 5;

    private NameSuggestions() {}

    public static List<String> closest(String input, Collection<String> candidates) {
        if (input == null || input.isBlank()) {
            return List.of();
        }
        String wanted = input.trim().toLowerCase(Locale.ROOT);
        int limit = Math.max(2, wanted.length() / 3);
        record Scored(String name, int distance) {}
        List<Scored> scored = new ArrayList<>();
        for (String candidate : candidates) {
            String lower = candidate.toLowerCase(Locale.ROOT);
            int distance = levenshtein(wanted, lower);
            if (distance <= limit) {
                scored.add(new Scored(candidate, distance));
            } else if (wanted.length() >= 4 && (lower.contains(wanted) || wanted.contains(lower))) {
                scored.add(new Scored(candidate, limit + 1));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
        return scored.stream().limit(MAX).map(Scored::name).toList();
    }

    /** Edit distance (insert, delete, substitute), two rows of memory. */
    public static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
