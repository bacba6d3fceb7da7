package io.erplink.protocol.xml;

import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.erplink.protocol.ProtocolException;
import io.erplink.protocol.ReaderLimits;
import io.erplink.protocol.SecureXml;

/**
 * A thin, hardened layer over the StAX cursor shared by the {@code <tables>} reader and the
 * request parsers: it skips formatting whitespace, comments and processing instructions, refuses
 * DOCTYPEs and entity references, enforces {@link ReaderLimits}, and reads element values with one
 * rule for text and CDATA (whitespace outside CDATA sections is trimmed at both ends, whitespace
 * inside CDATA is kept exactly). It never builds a tree.
 */
public final class XmlCursor implements AutoCloseable {
    private static final int SMALL_BUFFER = 256;
    /** A value buffer grown past this (a huge value) is not kept for the next value. */
    private static final int MAX_KEPT = 1 << 20;

    private final BoundedInput input;
    private final XMLStreamReader reader;
    private final ReaderLimits limits;
    private final Chars value = new Chars(SMALL_BUFFER);
    private StringBuilder pendingWhitespace = new StringBuilder(SMALL_BUFFER);
    private int depth;

    public XmlCursor(InputStream in, ReaderLimits limits) {
        this.limits = limits;
        // Budget for one parser step: the longest value in UTF-8 (up to 4 bytes a character)
        // plus slack for the parser's read-ahead and the markup around it.
        long budget = Math.max(limits.maxValueLength(), limits.maxAttributeLength()) * 4 + (1 << 20);
        this.input = new BoundedInput(in, budget);
        XMLStreamReader created;
        try {
            created = SecureXml.reader(input);
        } catch (ProtocolException e) {
            throw located(e, null);
        }
        this.reader = created;
    }

    private static final Pattern CHAR_OFFSET = Pattern.compile("\\s*\\(at char #(\\d+), byte #-?\\d+\\)");

    /**
     * Woodstox decodes UTF-8 a buffer ahead of the parser, so a decoding error has no location, only
     * the character offset in its message: turn that into a line and column (from the first bytes of
     * the input), else use where the parser was.
     */
    private ProtocolException located(ProtocolException e, XMLStreamReader at) {
        if (e.line() > 0) {
            return e;
        }
        Matcher offset = CHAR_OFFSET.matcher(e.getMessage());
        if (offset.find()) {
            int[] position = input.position(Long.parseLong(offset.group(1)));
            if (position != null) {
                return new ProtocolException(offset.replaceFirst(""), position[0], position[1], e.getCause());
            }
        }
        Location location = at == null ? null : at.getLocation();
        if (location != null && location.getLineNumber() > 0) {
            return new ProtocolException(
                    e.getMessage(), location.getLineNumber(), location.getColumnNumber(), e.getCause());
        }
        return e;
    }

    /** Advances to the root element, checks the declared encoding and returns the root's name. */
    public String root() {
        String declared = reader.getCharacterEncodingScheme();
        if (declared != null && !declared.equalsIgnoreCase("UTF-8") && !declared.equalsIgnoreCase("UTF8")) {
            throw error("only UTF-8 documents are accepted, this one declares encoding \"" + declared + "\"");
        }
        int event = nextTag();
        if (event != XMLStreamConstants.START_ELEMENT) {
            throw error("document has no root element");
        }
        return reader.getLocalName();
    }

    /**
     * The next START_ELEMENT, END_ELEMENT or END_DOCUMENT; whitespace, comments and processing
     * instructions are skipped, text with content is an error.
     */
    public int nextTag() {
        while (true) {
            int event = step();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT:
                    enter();
                    return event;
                case XMLStreamConstants.END_ELEMENT:
                    depth--;
                    return event;
                case XMLStreamConstants.END_DOCUMENT:
                    return event;
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.SPACE:
                case XMLStreamConstants.CDATA:
                    if (!reader.isWhiteSpace()) {
                        throw error("unexpected text \"" + abbreviate(reader.getText()) + "\""
                                + (depth > 0 ? " inside <" + elementNameForText() + ">" : ""));
                    }
                    break;
                default:
                    break; // comments, processing instructions, START_DOCUMENT
            }
        }
    }

    private String elementNameForText() {
        return currentElement == null ? "?" : currentElement;
    }

    private String currentElement;

    private int step() {
        input.mark();
        int event;
        try {
            event = reader.next();
        } catch (XMLStreamException e) {
            throw located(SecureXml.failure("malformed XML", e), reader);
        } catch (RuntimeException e) {
            // Some JDK StAX errors surface unchecked (e.g. limits); keep the position.
            throw error("malformed XML: " + e.getMessage());
        }
        switch (event) {
            case XMLStreamConstants.DTD:
                throw error("DOCTYPE is not allowed: connector documents must not declare a DTD or entities");
            case XMLStreamConstants.ENTITY_REFERENCE:
            case XMLStreamConstants.ENTITY_DECLARATION:
            case XMLStreamConstants.NOTATION_DECLARATION:
                throw error("entity references are not allowed (\"&" + reader.getLocalName() + ";\")");
            case XMLStreamConstants.END_ELEMENT:
                currentElement = null;
                break;
            default:
                break;
        }
        return event;
    }

    private void enter() {
        depth++;
        currentElement = reader.getLocalName();
        if (depth > limits.maxDepth()) {
            throw error("element nesting is deeper than the limit of " + limits.maxDepth());
        }
        int count = reader.getAttributeCount();
        for (int i = 0; i < count; i++) {
            if (reader.getAttributeValue(i).length() > limits.maxAttributeLength()) {
                throw error("attribute " + reader.getAttributeLocalName(i) + " of <" + currentElement
                        + "> is longer than the limit of " + limits.maxAttributeLength() + " characters");
            }
        }
    }

    /** Name of the current element (after a START_ELEMENT or END_ELEMENT). */
    public String name() {
        return reader.getLocalName();
    }

    /** An attribute of the current start element, exact name, or null. */
    public String attribute(String name) {
        return reader.getAttributeValue(null, name);
    }

    /** An attribute of the current start element, name compared ignoring case, or null. */
    public String attributeIgnoreCase(String name) {
        int count = reader.getAttributeCount();
        for (int i = 0; i < count; i++) {
            if (reader.getAttributeLocalName(i).equalsIgnoreCase(name)) {
                return reader.getAttributeValue(i);
            }
        }
        return null;
    }

    /** All attributes of the current start element in document order. */
    public Map<String, String> attributes() {
        int count = reader.getAttributeCount();
        Map<String, String> attributes = new LinkedHashMap<>(Math.max(4, count * 2));
        for (int i = 0; i < count; i++) {
            attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
        }
        return attributes;
    }

    /**
     * A growable run of characters that element values are appended to ({@link #readValue(Chars)}), so
     * a reader can keep a whole row's values in one array instead of a string per value.
     */
    public static final class Chars {
        private char[] chars;
        private int length;

        public Chars(int capacity) {
            chars = new char[Math.max(16, capacity)];
        }

        /** The characters; valid up to {@link #length()}, and only until the next append. */
        public char[] array() {
            return chars;
        }

        public int length() {
            return length;
        }

        /** Forgets the characters; an array grown past {@code keepUpTo} (a huge value) is given up for a small one. */
        public void clear(int keepUpTo) {
            length = 0;
            if (chars.length > keepUpTo) {
                chars = new char[SMALL_BUFFER];
            }
        }

        void append(char[] source, int from, int count) {
            if (length + count > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + count));
            }
            System.arraycopy(source, from, chars, length, count);
            length += count;
        }

        @Override
        public String toString() {
            return new String(chars, 0, length);
        }
    }

    /**
     * Reads the text content of the current start element up to its end tag. Text and CDATA are
     * concatenated; whitespace outside CDATA sections is trimmed at both ends, whitespace inside
     * CDATA is kept. An empty element gives "". A child element is an error.
     */
    public String readValue() {
        value.clear(MAX_KEPT);
        readContent(false, value);
        return value.toString();
    }

    /**
     * {@link #readValue()} appended to {@code out} instead of returned as a string (same rule, same
     * limits, same errors): the value is {@code out}'s characters from its length before the call.
     */
    public void readValue(Chars out) {
        readContent(false, out);
    }

    /**
     * For elements that hold either text or child elements (requests): reads from the current start
     * element up to its end tag or its first child. Returns the value (same rule as
     * {@link #readValue()}) when the element ends without children, or null when a child element
     * started (the cursor is then on the child's start tag). Text next to child elements is an error.
     */
    public String readValueOrChild() {
        value.clear(MAX_KEPT);
        return readContent(true, value) ? value.toString() : null;
    }

    /** Appends the element's value to {@code out}; false when a child element started instead. */
    private boolean readContent(boolean childAllowed, Chars out) {
        String element = currentElement;
        int base = out.length;
        StringBuilder pending = pendingWhitespace;
        pending.setLength(0);
        boolean started = false;
        while (true) {
            int event = step();
            switch (event) {
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.SPACE: {
                    char[] chars = reader.getTextCharacters();
                    int from = reader.getTextStart();
                    int to = from + reader.getTextLength();
                    if (!started) {
                        while (from < to && isWhitespace(chars[from])) {
                            from++;
                        }
                        if (from == to) {
                            break;
                        }
                        started = true;
                    }
                    int end = to;
                    while (end > from && isWhitespace(chars[end - 1])) {
                        end--;
                    }
                    if (end > from) {
                        flushPending(out, base, pending, element);
                        append(out, base, chars, from, end - from, element);
                    }
                    // whitespace at the end of a text part is kept only if more content follows
                    if (pending.length() + (long) (to - end) > limits.maxValueLength()) {
                        throw tooLong(element);
                    }
                    pending.append(chars, end, to - end);
                    break;
                }
                case XMLStreamConstants.CDATA:
                    started = true;
                    flushPending(out, base, pending, element);
                    append(
                            out,
                            base,
                            reader.getTextCharacters(),
                            reader.getTextStart(),
                            reader.getTextLength(),
                            element);
                    break;
                case XMLStreamConstants.START_ELEMENT:
                    if (!childAllowed) {
                        throw error("unexpected element <" + reader.getLocalName() + "> inside <" + element + ">");
                    }
                    if (started) {
                        throw error("<" + element + "> mixes text and elements");
                    }
                    enter();
                    return false;
                case XMLStreamConstants.END_ELEMENT:
                    depth--;
                    if (pending.capacity() > MAX_KEPT) {
                        pendingWhitespace = new StringBuilder(SMALL_BUFFER);
                    }
                    return true;
                case XMLStreamConstants.END_DOCUMENT:
                    throw error("document ended inside <" + element + ">");
                default:
                    break; // comments and processing instructions between value parts
            }
        }
    }

    private void flushPending(Chars out, int base, StringBuilder pending, String element) {
        int n = pending.length();
        if (n > 0) {
            if (out.length - base + (long) n > limits.maxValueLength()) {
                throw tooLong(element);
            }
            if (out.length + n > out.chars.length) {
                out.chars = Arrays.copyOf(out.chars, Math.max(out.chars.length * 2, out.length + n));
            }
            pending.getChars(0, n, out.chars, out.length);
            out.length += n;
            pending.setLength(0);
        }
    }

    private void append(Chars out, int base, char[] chars, int start, int length, String element) {
        if (out.length - base + (long) length > limits.maxValueLength()) {
            throw tooLong(element);
        }
        out.append(chars, start, length);
    }

    private ProtocolException tooLong(String element) {
        return error(
                "value of <" + element + "> is longer than the limit of " + limits.maxValueLength() + " characters");
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /** A ProtocolException at the current position. */
    public ProtocolException error(String message) {
        Location location = reader.getLocation();
        return new ProtocolException(
                message,
                location == null ? -1 : location.getLineNumber(),
                location == null ? -1 : location.getColumnNumber(),
                null);
    }

    public ReaderLimits limits() {
        return limits;
    }

    private static String abbreviate(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= 40 ? trimmed : trimmed.substring(0, 40) + "...";
    }

    /** Closes the parser; the underlying stream is left open. */
    @Override
    public void close() {
        try {
            reader.close();
        } catch (XMLStreamException e) {
            throw SecureXml.failure("cannot close XML reader", e);
        }
    }
}
