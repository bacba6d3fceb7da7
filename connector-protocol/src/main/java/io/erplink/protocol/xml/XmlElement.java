package io.erplink.protocol.xml;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;

import io.erplink.protocol.CaseInsensitive;
import io.erplink.protocol.ReaderLimits;

/**
 * A small element tree for connector REQUESTS, which are short (a filter list, an order), read
 * through the same hardened {@link XmlCursor} as responses (no DOCTYPE, no entities, bounded depth,
 * attribute and value length, element count). Responses, which can be huge, are never read this
 * way but streamed by {@code TablesReader}.
 *
 * @param name       local name
 * @param attributes attributes in document order
 * @param children   child elements
 * @param text       text content (same rule as {@code <column>} values: CDATA kept exactly,
 *                   whitespace outside CDATA trimmed), "" when the element has children or is empty
 */
public record XmlElement(String name, Map<String, String> attributes, List<XmlElement> children, String text) {
    /** Limits for requests: depth 16, attributes of 4096 characters, values of 1 MiB, 10,000 columns. */
    public static final ReaderLimits REQUEST_LIMITS = new ReaderLimits(16, 4096, 1 << 20, 10_000);
    /** Most elements accepted in one request. */
    public static final int MAX_ELEMENTS = 1_000_000;

    public XmlElement {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        children = List.copyOf(children);
    }

    /** Parses a whole request document; the stream is not closed. */
    public static XmlElement parse(InputStream in) {
        try (XmlCursor cursor = new XmlCursor(in, REQUEST_LIMITS)) {
            cursor.root();
            int[] count = {0};
            XmlElement root = read(cursor, count);
            if (cursor.nextTag() != XMLStreamConstants.END_DOCUMENT) {
                throw cursor.error("content after the end of <" + root.name() + ">");
            }
            return root;
        }
    }

    private static XmlElement read(XmlCursor cursor, int[] count) {
        if (++count[0] > MAX_ELEMENTS) {
            throw cursor.error("request has more than " + MAX_ELEMENTS + " elements");
        }
        String name = cursor.name();
        Map<String, String> attributes = cursor.attributes();
        String text = cursor.readValueOrChild();
        if (text != null) {
            return new XmlElement(name, attributes, List.of(), text);
        }
        List<XmlElement> children = new ArrayList<>();
        children.add(read(cursor, count));
        while (cursor.nextTag() == XMLStreamConstants.START_ELEMENT) {
            children.add(read(cursor, count));
        }
        return new XmlElement(name, attributes, children, "");
    }

    /** An attribute by name, case-insensitive, or null. */
    public String attribute(String attribute) {
        return CaseInsensitive.get(attributes, attribute);
    }

    /** The first child with the name (case-insensitive), or null. */
    public XmlElement child(String childName) {
        for (XmlElement child : children) {
            if (child.name.equalsIgnoreCase(childName)) {
                return child;
            }
        }
        return null;
    }

    /** All children with the name (case-insensitive). */
    public List<XmlElement> children(String childName) {
        List<XmlElement> matching = new ArrayList<>();
        for (XmlElement child : children) {
            if (child.name.equalsIgnoreCase(childName)) {
                matching.add(child);
            }
        }
        return matching;
    }
}
