package io.erplink.protocol.tables;

import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.XMLStreamConstants;

import io.erplink.protocol.ProtocolException;
import io.erplink.protocol.ReaderLimits;
import io.erplink.protocol.xml.XmlCursor;

/**
 * Streams the rows of a {@code <tables>} document with the StAX cursor API: constant memory on any
 * input size, never a tree.
 *
 * <pre>{@code
 * try (TablesReader reader = TablesReader.open(in)) {
 *     TablesHeader header = reader.header();
 *     for (TableRow row = reader.next(); row != null; row = reader.next()) { ... }
 * }
 * }</pre>
 *
 * <p>Accepted structure: {@code <tables>} with {@code <table tableName>} children, each with
 * {@code <item [table]>} children, each with {@code <column columnName [isNull]>} children whose
 * value is text and/or CDATA. Comments and formatting whitespace may appear anywhere. Everything
 * else (other elements, text outside columns, a DOCTYPE, entity references, a non-UTF-8
 * encoding, a limit of {@link ReaderLimits} exceeded) is a {@link ProtocolException} with the line
 * and column. Values: whitespace outside CDATA sections is trimmed at both ends, whitespace inside
 * CDATA is kept exactly; {@code <column/>} and {@code <![CDATA[]]>} are "", {@code isNull="true"}
 * is null.
 *
 * <p>Closing the reader does not close the input stream.
 */
public final class TablesReader implements AutoCloseable {
    private final XmlCursor cursor;
    private final TablesHeader header;
    private String tableName;
    private boolean done;
    private long rowsRead;

    private TablesReader(XmlCursor cursor) {
        this.cursor = cursor;
        String root = cursor.root();
        if (!"tables".equals(root)) {
            throw cursor.error("expected <tables> as the root element but found <" + root + ">");
        }
        try {
            this.header = new TablesHeader(null, null, cursor.attributes());
        } catch (IllegalArgumentException e) {
            throw cursor.error(e.getMessage());
        }
    }

    /** Opens a reader with {@link ReaderLimits#defaults()} and reads up to the {@code <tables>} start tag. */
    public static TablesReader open(InputStream in) {
        return open(in, ReaderLimits.defaults());
    }

    /** Opens a reader with the given limits and reads up to the {@code <tables>} start tag. */
    public static TablesReader open(InputStream in, ReaderLimits limits) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(limits, "limits");
        XmlCursor cursor = new XmlCursor(in, limits);
        try {
            return new TablesReader(cursor);
        } catch (RuntimeException e) {
            cursor.close();
            throw e;
        }
    }

    /** The attributes of {@code <tables>}. */
    public TablesHeader header() {
        return header;
    }

    /** The next row, or null after the last one. */
    public TableRow next() {
        if (done) {
            return null;
        }
        while (true) {
            int event = cursor.nextTag();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = cursor.name();
                if (tableName == null) {
                    if (!"table".equals(name)) {
                        throw cursor.error("unexpected <" + name + "> inside <tables>, expected <table>");
                    }
                    String value = cursor.attribute("tableName");
                    if (value == null || value.isBlank()) {
                        throw cursor.error("<table> has no tableName attribute");
                    }
                    tableName = value;
                } else if ("item".equals(name)) {
                    return readItem();
                } else {
                    throw cursor.error("unexpected <" + name + "> inside <table tableName=\"" + tableName
                            + "\">, expected <item>");
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (tableName != null) {
                    tableName = null; // </table>
                } else {
                    // </tables>: only comments and whitespace may follow
                    if (cursor.nextTag() != XMLStreamConstants.END_DOCUMENT) {
                        throw cursor.error("content after </tables>");
                    }
                    done = true;
                    return null;
                }
            } else {
                throw cursor.error("document ended before </tables>");
            }
        }
    }

    private TableRow readItem() {
        String table = cursor.attribute("table");
        if (table != null && table.isBlank()) {
            table = null;
        }
        Map<String, String> columns = new TableRow.ReadColumns();
        int maxColumns = cursor.limits().maxColumnsPerRow();
        while (true) {
            int event = cursor.nextTag();
            if (event == XMLStreamConstants.END_ELEMENT) {
                rowsRead++;
                return new TableRow(table, tableName, columns);
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                throw cursor.error("document ended inside <item>");
            }
            if (!"column".equals(cursor.name())) {
                throw cursor.error("unexpected <" + cursor.name() + "> inside <item>, expected <column>");
            }
            String columnName = cursor.attribute("columnName");
            if (columnName == null || columnName.isEmpty()) {
                throw cursor.error("<column> has no columnName attribute (row " + (rowsRead + 1) + ")");
            }
            String isNull = cursor.attribute("isNull");
            boolean nullValue = isNull != null && isNull.trim().equalsIgnoreCase("true");
            String value = cursor.readValue();
            // One hash lookup per column (it was two, a few % of a page's parse): a put that does not grow
            // the map met the name already.
            int before = columns.size();
            columns.put(columnName, nullValue ? null : value);
            if (columns.size() == before) {
                throw cursor.error(
                        "duplicate column " + columnName + " in row " + (rowsRead + 1) + " of table " + tableName);
            }
            if (columns.size() > maxColumns) {
                throw cursor.error("row " + (rowsRead + 1) + " has more than the limit of " + maxColumns + " columns");
            }
        }
    }

    /** Rows returned so far. */
    public long rowsRead() {
        return rowsRead;
    }

    /** Closes the parser; the input stream is left open. */
    @Override
    public void close() {
        cursor.close();
    }
}
