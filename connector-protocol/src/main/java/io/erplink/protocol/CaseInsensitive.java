package io.erplink.protocol;

import java.util.Map;

/** Case-insensitive lookups in insertion-ordered maps (the protocol's names vary in case: ProductID, ProductId). */
public final class CaseInsensitive {
    private CaseInsensitive() {}

    /** The value for a key compared case-insensitively; an exact match wins; null when absent. */
    public static <V> V get(Map<String, V> map, String key) {
        V exact = map.get(key);
        if (exact != null) {
            return exact;
        }
        String found = key(map, key);
        return found == null ? null : map.get(found);
    }

    /** The key as spelled in the map (exact match first, then ignoring case), or null when absent. */
    public static String key(Map<String, ?> map, String key) {
        if (map.containsKey(key)) {
            return key;
        }
        for (String candidate : map.keySet()) {
            if (candidate.equalsIgnoreCase(key)) {
                return candidate;
            }
        }
        return null;
    }
}
