package io.erplink.protocol.tables;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The attributes of a response's {@code <tables>} element.
 *
 * @param exportIsDone {@code ExportIsDone}: false while more pages follow; null when absent
 * @param batchId      {@code batchId} (IF v2): identifies the export across its pages; null when absent
 * @param attributes   every attribute in document order, including the two above and paging
 *                     attributes such as {@code pageNumber} and {@code totalCount}
 */
public record TablesHeader(Boolean exportIsDone, String batchId, Map<String, String> attributes) {
    public static final String EXPORT_IS_DONE = "ExportIsDone";
    public static final String BATCH_ID = "batchId";
    public static final String PAGE_NUMBER = "pageNumber";
    public static final String TOTAL_COUNT = "totalCount";

    public TablesHeader {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes == null ? Map.of() : attributes));
    }

    /** True when this is the last (or only) page: ExportIsDone absent or true. */
    public boolean lastPage() {
        return exportIsDone == null || exportIsDone;
    }

    /** An attribute by name, case-insensitive, or null. */
    public String attribute(String name) {
        for (Map.Entry<String, String> entry : attributes.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** A single, complete response: no paging attributes. */
    public static TablesHeader single() {
        return new TablesHeader(null, null, Map.of());
    }

    /** One page of a paged export; {@code extra} adds e.g. pageNumber and totalCount. */
    public static TablesHeader page(boolean exportIsDone, String batchId, Map<String, String> extra) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(EXPORT_IS_DONE, Boolean.toString(exportIsDone));
        if (batchId != null) {
            attributes.put(BATCH_ID, batchId);
        }
        if (extra != null) {
            attributes.putAll(extra);
        }
        return new TablesHeader(exportIsDone, batchId, attributes);
    }
}
