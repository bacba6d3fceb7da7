package io.erplink.protocol.tables;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.erplink.protocol.xml.SecureXml;

/**
 * Streams the rows of a connector {@code <tables>} response with the StAX cursor API: one row in
 * memory at a time, whatever the document's size, and no tree ever built.
 *
 * <pre>{@code
 * try (TablesReader reader = TablesReader.open(in)) {
 *     for (TableRow row = reader.next(); row != null; row = reader.next()) { ... }
 *     boolean more = !reader.header().lastPage();
 * }
 * }</pre>
 *
 * <p>Text: whitespace around CDATA sections is layout and dropped; text inside CDATA is kept exactly;
 * plain (escaped) text is trimmed. {@code isNull="true"} gives null, an empty column "". Comments are
 * skipped. Elements other than {@code <table>} directly under {@code <tables>} (such as a
 * {@code <config>} block) are skipped whole; anything else out of place is an error.
 *
 * <p>Hardened: DOCTYPE (and with it every DTD, external entity and entity expansion) is refused,
 * nesting depth, attribute length, value length and columns per row are bounded
 * ({@link ReaderLimits}), malformed XML and bad UTF-8 fail with a {@link ProtocolException} naming
 * line and column.
 */
public final class TablesReader implements AutoCloseable {
    private final XMLStreamReader xml;
    private final ReaderLimits limits;
    private final TablesHeader header;
    private int depth;
    private String tableName;
    private long rowsRead;
    private boolean done;

    private TablesReader(InputStream in, ReaderLimits limits) {
        this.limits = limits;
        this.xml = SecureXml.reader(in);
        this.header = readRoot();
    }

    /** Opens a reader with {@link ReaderLimits#defaults()} and reads the {@code <tables>} start tag. */
    public static TablesReader open(InputStream in) {
        return open(in, ReaderLimits.defaults());
    }

    /** Opens a reader and reads the {@code <tables>} start tag. */
    public static TablesReader open(InputStream in, ReaderLimits limits) {
        return new TablesReader(in, limits);
    }

    /** The attributes of {@code <tables>} (ExportIsDone, batchId, paging). */
    public TablesHeader header() {
        return header;
    }

    /** Rows returned so far. */
    public long rowsRead() {
        return rowsRead;
    }

    private TablesHeader readRoot() {
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.DTD) {
                    throw SecureXml.doctypeRefused(xml);
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (!"tables".equals(xml.getLocalName())) {
                        throw error("expected a <tables> document but found <" + xml.getLocalName() + ">");
                    }
                    depth = 1;
                    Map<String, String> attributes = attributes();
                    Boolean exportIsDone = null;
                    String batchId = null;
                    for (Map.Entry<String, String> attribute : attributes.entrySet()) {
                        if (attribute.getKey().equalsIgnoreCase(TablesHeader.EXPORT_IS_DONE)) {
                            exportIsDone = parseBoolean(attribute.getKey(), attribute.getValue());
                        } else if (attribute.getKey().equalsIgnoreCase(TablesHeader.BATCH_ID)) {
                            batchId = attribute.getValue();
                        }
                    }
                    return new TablesHeader(exportIsDone, batchId, attributes);
                }
            }
            throw error("empty document: no <tables> element");
        } catch (XMLStreamException e) {
            throw SecureXml.failure("malformed <tables> document", e);
        }
    }

    /**
     * The next row, or null after the last one.
     *
     * @throws ProtocolException when the document is malformed, hostile or breaks a limit
     */
    public TableRow next() {
        if (done) {
            return null;
        }
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        enter();
                        String name = xml.getLocalName();
                        if (depth == 2) {
                            if ("table".equals(name)) {
                                tableName = requiredAttribute("tableName");
                            } else {
                                skipSubtree();
                            }
                        } else if (depth == 3 && "item".equals(name)) {
                            return readItem();
                        } else {
                            throw error("unexpected <" + name + "> inside <" + (depth == 3 ? "table" : "item") + ">");
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        depth--;
                        if (depth == 0) {
                            done = true;
                            return null;
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!xml.isWhiteSpace()) {
                            throw error("unexpected text outside <column>");
                        }
                    }
                    case XMLStreamConstants.DTD -> throw SecureXml.doctypeRefused(xml);
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw error("entity reference &" + xml.getLocalName()
                            + "; is not allowed");
                    default -> {
                        // comments, processing instructions, whitespace
                    }
                }
            }
            throw error("document ended before </tables>");
        } catch (XMLStreamException e) {
            throw SecureXml.failure("malformed <tables> document", e);
        }
    }

    private TableRow readItem() throws XMLStreamException {
        String itemTable = optionalAttribute("table");
        String table = itemTable == null || itemTable.isEmpty() ? tableName : itemTable;
        Map<String, String> columns = new LinkedHashMap<>();
        int itemDepth = depth;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                enter();
                if (!"column".equals(xml.getLocalName())) {
                    throw error("unexpected <" + xml.getLocalName() + "> inside <item>; only <column> is allowed");
                }
                String name = requiredAttribute("columnName");
                boolean isNull = "true".equalsIgnoreCase(optionalAttribute("isNull"));
                String value = readColumnText(name);
                if (columns.size() >= limits.maxColumnsPerRow() && !columns.containsKey(name)) {
                    throw error("item has more than " + limits.maxColumnsPerRow() + " columns");
                }
                columns.put(name, isNull ? null : value);
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (depth < itemDepth) {
                    rowsRead++;
                    return new TableRow(table, tableName, columns);
                }
            } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)
                    && !xml.isWhiteSpace()) {
                throw error("unexpected text inside <item> outside <column>");
            } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw error("entity reference &" + xml.getLocalName() + "; is not allowed");
            }
        }
        throw error("document ended inside <item>");
    }

    /** Reads a column's content up to its end tag (depth is restored). */
    private String readColumnText(String column) throws XMLStreamException {
        StringBuilder cdata = null;
        StringBuilder text = new StringBuilder();
        while (xml.hasNext()) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.CDATA -> {
                    if (cdata == null) {
                        cdata = new StringBuilder();
                    }
                    appendBounded(cdata, column);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> appendBounded(text, column);
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    if (cdata == null) {
                        return text.toString().strip();
                    }
                    // Layout whitespace around CDATA is dropped; escaped text next to CDATA is kept.
                    String outside = text.toString();
                    return outside.isBlank() ? cdata.toString() : cdata.append(outside.strip()).toString();
                }
                case XMLStreamConstants.START_ELEMENT -> throw error("unexpected <" + xml.getLocalName()
                        + "> inside <column columnName=\"" + column + "\">");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw error("entity reference &" + xml.getLocalName()
                        + "; is not allowed");
                default -> {
                    // comments
                }
            }
        }
        throw error("document ended inside column " + column);
    }

    private void appendBounded(StringBuilder target, String column) {
        if ((long) target.length() + xml.getTextLength() > limits.maxValueLength()) {
            throw error("value of column " + column + " exceeds " + limits.maxValueLength() + " characters");
        }
        target.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
    }

    private void skipSubtree() throws XMLStreamException {
        int start = depth;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                enter();
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (depth < start) {
                    return;
                }
            } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw error("entity reference &" + xml.getLocalName() + "; is not allowed");
            }
        }
    }

    private void enter() {
        depth++;
        if (depth > limits.maxDepth()) {
            throw error("elements nested deeper than " + limits.maxDepth() + " levels");
        }
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (xml.getAttributeValue(i).length() > limits.maxAttributeLength()) {
                throw error("attribute " + xml.getAttributeLocalName(i) + " is longer than "
                        + limits.maxAttributeLength() + " characters");
            }
        }
    }

    private Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            String value = xml.getAttributeValue(i);
            if (value.length() > limits.maxAttributeLength()) {
                throw error("attribute " + xml.getAttributeLocalName(i) + " is longer than "
                        + limits.maxAttributeLength() + " characters");
            }
            attributes.put(xml.getAttributeLocalName(i), value);
        }
        return attributes;
    }

    private String optionalAttribute(String name) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (xml.getAttributeLocalName(i).equalsIgnoreCase(name)) {
                return xml.getAttributeValue(i);
            }
        }
        return null;
    }

    private String requiredAttribute(String name) {
        String value = optionalAttribute(name);
        if (value == null || value.isBlank()) {
            throw error("<" + xml.getLocalName() + "> without the " + name + " attribute");
        }
        return value;
    }

    private Boolean parseBoolean(String attribute, String value) {
        if ("true".equalsIgnoreCase(value.strip())) {
            return Boolean.TRUE;
        }
        if ("false".equalsIgnoreCase(value.strip())) {
            return Boolean.FALSE;
        }
        throw error(attribute + "=\"" + value + "\" is neither true nor false");
    }

    private ProtocolException error(String message) {
        return new ProtocolException(message, xml.getLocation().getLineNumber(), xml.getLocation().getColumnNumber(),
                null);
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // nothing left to release
        }
    }
}
