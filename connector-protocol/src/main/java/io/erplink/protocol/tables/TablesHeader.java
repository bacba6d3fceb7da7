package io.erplink.protocol.tables;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The attributes of a {@code <tables>} element.
 *
 * <p>{@code attributes} holds every attribute in document order (e.g. {@code ExportIsDone},
 * {@code batchId}, {@code pageNumber}, {@code totalCount}); {@code exportIsDone} and {@code batchId}
 * are typed views of two of them and are kept consistent with the map by the constructor.
 *
 * @param exportIsDone {@code ExportIsDone}, or null when absent (absent means "last page")
 * @param batchId      {@code batchId}, or null when absent
 * @param attributes   all attributes of {@code <tables>}, in document order
 */
public record TablesHeader(Boolean exportIsDone, String batchId, Map<String, String> attributes) {
    public static final String EXPORT_IS_DONE = "ExportIsDone";
    public static final String BATCH_ID = "batchId";
    public static final String PAGE_NUMBER = "pageNumber";
    public static final String TOTAL_COUNT = "totalCount";

    public TablesHeader {
        Map<String, String> all = new LinkedHashMap<>();
        if (attributes != null) {
            attributes.forEach((name, value) -> {
                if (name == null || value == null) {
                    throw new IllegalArgumentException(
                            "tables attributes must not contain null: " + name + "=" + value);
                }
                all.put(name, value);
            });
        }
        String exportKey = keyIgnoreCase(all, EXPORT_IS_DONE);
        if (exportIsDone == null && exportKey != null) {
            exportIsDone = parseBoolean(all.get(exportKey));
        } else if (exportIsDone != null) {
            if (exportKey == null) {
                all.put(EXPORT_IS_DONE, exportIsDone.toString());
            } else if (!exportIsDone.equals(parseBoolean(all.get(exportKey)))) {
                all.put(exportKey, exportIsDone.toString());
            }
        }
        String batchKey = keyIgnoreCase(all, BATCH_ID);
        if (batchId == null && batchKey != null) {
            batchId = all.get(batchKey);
        } else if (batchId != null) {
            all.put(batchKey == null ? BATCH_ID : batchKey, batchId);
        }
        attributes = Collections.unmodifiableMap(all);
    }

    /** A document that is the whole answer: no paging attributes. */
    public static TablesHeader single() {
        return new TablesHeader(null, null, Map.of());
    }

    /**
     * One page of a paged export.
     *
     * @param exportIsDone true on the last page
     * @param batchId      the export's id, echoed by the client when it asks for the next page
     * @param extra        further attributes, e.g. {@code pageNumber}, {@code totalCount}
     */
    public static TablesHeader page(boolean exportIsDone, String batchId, Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(EXPORT_IS_DONE, Boolean.toString(exportIsDone));
        if (batchId != null) {
            all.put(BATCH_ID, batchId);
        }
        if (extra != null) {
            all.putAll(extra);
        }
        return new TablesHeader(exportIsDone, batchId, all);
    }

    /** True when this is the last (or only) page: {@code ExportIsDone} absent or true. */
    public boolean lastPage() {
        return exportIsDone == null || exportIsDone;
    }

    /** An attribute by name, ignoring case. */
    public Optional<String> attribute(String name) {
        String key = keyIgnoreCase(attributes, name);
        return key == null ? Optional.empty() : Optional.of(attributes.get(key));
    }

    /** {@code pageNumber}, when present and numeric. */
    public OptionalInt pageNumber() {
        return attribute(PAGE_NUMBER)
                .map(String::trim)
                .filter(v -> v.matches("\\d{1,9}"))
                .map(v -> OptionalInt.of(Integer.parseInt(v)))
                .orElse(OptionalInt.empty());
    }

    /** {@code totalCount}, when present and numeric. */
    public OptionalLong totalCount() {
        return attribute(TOTAL_COUNT)
                .map(String::trim)
                .filter(v -> v.matches("\\d{1,18}"))
                .map(v -> OptionalLong.of(Long.parseLong(v)))
                .orElse(OptionalLong.empty());
    }

    private static String keyIgnoreCase(Map<String, String> map, String name) {
        if (map.containsKey(name)) {
            return name;
        }
        for (String key : map.keySet()) {
            if (key.equalsIgnoreCase(name)) {
                return key;
            }
        }
        return null;
    }

    private static Boolean parseBoolean(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (v.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("ExportIsDone must be true or false, not \"" + value + "\"");
    }
}
