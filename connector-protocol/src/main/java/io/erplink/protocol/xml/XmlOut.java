package io.erplink.protocol.xml;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a small request document to a string, in the style of the seeds (plain escaped text,
 * {@code <x/>} for empty values), with the escaping and XML 1.0 character checks of {@link XmlText}.
 * Values with leading or trailing whitespace are written as CDATA so they survive the readers' trim.
 */
public final class XmlOut {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    private final StringBuilder out = new StringBuilder(256);
    private final Deque<String> open = new ArrayDeque<>();
    private boolean startPending;

    public XmlOut start(String name, Map<String, String> attributes) {
        closePendingStart();
        checkName(name);
        out.append('<').append(name);
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            if (attribute.getValue() != null) {
                checkName(attribute.getKey());
                out.append(' ').append(attribute.getKey()).append("=\"");
                XmlText.appendAttribute(out, attribute.getValue(), "attribute " + attribute.getKey());
                out.append('"');
            }
        }
        open.push(name);
        startPending = true;
        return this;
    }

    public XmlOut start(String name) {
        return start(name, Map.of());
    }

    /** Ends the innermost open element ({@code <x/>} when it got no content). */
    public XmlOut end() {
        String name = open.pop();
        if (startPending) {
            out.append("/>");
            startPending = false;
        } else {
            out.append("</").append(name).append('>');
        }
        return this;
    }

    /** {@code <name>text</name>}, or {@code <name/>} for null or empty text. */
    public XmlOut element(String name, String text) {
        closePendingStart();
        checkName(name);
        if (text == null || text.isEmpty()) {
            out.append('<').append(name).append("/>");
        } else {
            out.append('<').append(name).append('>');
            XmlText.appendValue(out, text, "<" + name + ">");
            out.append("</").append(name).append('>');
        }
        return this;
    }

    /**
     * {@code <column columnName="name">value</column>}; "" gives {@code <column columnName="name"/>},
     * null gives {@code isNull="true"}.
     */
    public XmlOut column(String name, String value) {
        closePendingStart();
        out.append("<column columnName=\"");
        XmlText.appendAttribute(out, name, "columnName");
        if (value == null) {
            out.append("\" isNull=\"true\"/>");
        } else if (value.isEmpty()) {
            out.append("\"/>");
        } else {
            out.append("\">");
            XmlText.appendValue(out, value, "column " + name);
            out.append("</column>");
        }
        return this;
    }

    private void closePendingStart() {
        if (startPending) {
            out.append('>');
            startPending = false;
        }
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid XML name: \"" + name + "\"");
        }
    }

    /** The document; every element must have been ended. */
    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements: " + open);
        }
        return out.toString();
    }
}
