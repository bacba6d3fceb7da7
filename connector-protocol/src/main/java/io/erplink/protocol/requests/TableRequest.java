package io.erplink.protocol.requests;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.erplink.protocol.CaseInsensitive;

/**
 * One entry of {@code <GetEcomData><tables>}: {@code <Products type="all"/>} or a filter with items.
 *
 * @param name       request name, e.g. {@code Products} (see {@link KnownTable})
 * @param type       all or filter
 * @param attributes further attributes besides {@code type} (e.g. documentType, pageSize for documents)
 * @param items      the filter items; empty for {@code type="all"}
 */
public record TableRequest(String name, RequestType type, Map<String, String> attributes, List<FilterItem> items) {

    public TableRequest {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes == null ? Map.of() : attributes));
        items = List.copyOf(items == null ? List.of() : items);
    }

    /** {@code <name type="all"/>}. */
    public static TableRequest all(String name) {
        return new TableRequest(name, RequestType.ALL, Map.of(), List.of());
    }

    /** An attribute by name, case-insensitive, or null. */
    public String attribute(String attribute) {
        return CaseInsensitive.get(attributes, attribute);
    }
}
