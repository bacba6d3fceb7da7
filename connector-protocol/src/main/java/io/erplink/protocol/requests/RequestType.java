package io.erplink.protocol.requests;

import io.erplink.protocol.ProtocolException;

/** {@code type="all"} (everything, for batch imports) or {@code type="filter"} (the listed items, for live calls). */
public enum RequestType {
    ALL("all"),
    FILTER("filter");

    private final String xml;

    RequestType(String xml) {
        this.xml = xml;
    }

    /** The attribute value. */
    public String xml() {
        return xml;
    }

    /** Parses the attribute value; absent means {@link #ALL}. */
    public static RequestType fromXml(String value) {
        if (value == null || value.isBlank() || "all".equalsIgnoreCase(value.strip())) {
            return ALL;
        }
        if ("filter".equalsIgnoreCase(value.strip())) {
            return FILTER;
        }
        throw new ProtocolException("type=\"" + value + "\" must be all or filter");
    }
}
