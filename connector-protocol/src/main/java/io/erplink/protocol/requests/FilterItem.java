package io.erplink.protocol.requests;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.erplink.protocol.CaseInsensitive;

/**
 * One item of a filter request, e.g. {@code <Product><ProductID>10001</ProductID><ProductVariantID/>
 * <CurrencyCode>GBP</CurrencyCode></Product>}. Live price lookups may add {@code Quantity} and
 * {@code UnitId}.
 *
 * @param element element name ({@code Product}, {@code SalesHeader}, ...)
 * @param fields  child element name to text in document order; an empty element is ""
 */
public record FilterItem(String element, Map<String, String> fields) {

    public FilterItem {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A field by name, case-insensitive, or null. */
    public String get(String field) {
        return CaseInsensitive.get(fields, field);
    }
}
