package io.erplink.protocol.tables;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;

import io.erplink.protocol.ProtocolException;
import io.erplink.protocol.ReaderLimits;
import io.erplink.protocol.events.RecordChunkCodec;
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
 * <p>{@link #next(Row)} reads the same rows into one reused {@link Row} instead: names and slices of
 * one {@code char[]}, no map and no string per value (batch-service's page path).
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
    /** The row {@link #next()} reads into before it makes its map. */
    private final Row mapRow = new Row();

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
        Row row = mapRow;
        if (!next(row)) {
            return null;
        }
        Map<String, String> columns = new TableRow.ReadColumns();
        char[] text = row.text();
        for (int c = 0; c < row.columnCount(); c++) {
            int length = row.length(c);
            columns.put(row.names()[c], length < 0 ? null : new String(text, row.start(c), length));
        }
        return new TableRow(row.table, row.tableName, columns);
    }

    /**
     * Reads the next row into {@code row} (its previous content is replaced), or returns false after the
     * last one. The same document, rules and errors as {@link #next()}, without a map or a string per
     * value: what a writer that encodes the values straight from their characters needs.
     */
    public boolean next(Row row) {
        if (done) {
            return false;
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
                    readItem(row);
                    return true;
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
                    return false;
                }
            } else {
                throw cursor.error("document ended before </tables>");
            }
        }
    }

    private void readItem(Row row) {
        String table = cursor.attribute("table");
        if (table != null && table.isBlank()) {
            table = null;
        }
        row.begin(table != null ? table : tableName, tableName);
        int maxColumns = cursor.limits().maxColumnsPerRow();
        while (true) {
            int event = cursor.nextTag();
            if (event == XMLStreamConstants.END_ELEMENT) {
                rowsRead++;
                row.end();
                return;
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
            if (!row.add(columnName, nullValue, cursor)) {
                throw cursor.error(
                        "duplicate column " + columnName + " in row " + (rowsRead + 1) + " of table " + tableName);
            }
            if (row.count > maxColumns) {
                throw cursor.error("row " + (rowsRead + 1) + " has more than the limit of " + maxColumns + " columns");
            }
        }
    }

    /**
     * One row as column names and slices of one character array, refilled by {@link TablesReader#next(Row)}:
     * what {@link RecordChunkCodec} encodes without a map or a string per value. Rows with the same
     * columns in the same order (the usual case: every row of a table alike) share one {@link #names()}
     * array, checked for duplicate names once.
     */
    public static final class Row implements RecordChunkCodec.TextRow {
        /** Column layouts remembered (a page interleaves a few tables); more are read, just not remembered. */
        private static final int LAYOUTS = 16;

        private static final String[] NO_NAMES = new String[0];

        private final List<String[]> layouts = new ArrayList<>();
        /** Per table, the layout of its last row: a page interleaves tables (a product, its field values, ...). */
        private final Map<String, String[]> lastOfTable = new HashMap<>();
        /** The table whose last layout {@link #layout} is. */
        private String layoutTable;

        private final XmlCursor.Chars text = new XmlCursor.Chars(4096);
        /** The layout the row follows so far (its first {@link #count} names), or the one it was given at its end. */
        private String[] layout = NO_NAMES;
        /** The row's names once it left {@link #layout}, else null. */
        private String[] own;

        private final Set<String> ownNames = new HashSet<>();
        private int[] starts = new int[32];
        private int[] lengths = new int[32];
        private int count;
        private String table;
        private String tableName;

        /** The row's table: the item's {@code table} attribute, else the enclosing {@code tableName} (as {@link TableRow}). */
        public String table() {
            return table;
        }

        /** The enclosing {@code <table tableName>}. */
        public String tableName() {
            return tableName;
        }

        public int columnCount() {
            return count;
        }

        @Override
        public String[] names() {
            return layout;
        }

        @Override
        public char[] text() {
            return text.array();
        }

        @Override
        public int start(int column) {
            return starts[column];
        }

        @Override
        public int length(int column) {
            return lengths[column];
        }

        void begin(String table, String tableName) {
            if (!table.equals(layoutTable)) {
                layout = lastOfTable.getOrDefault(table, NO_NAMES);
                layoutTable = table;
            }
            this.table = table;
            this.tableName = tableName;
            text.clear(1 << 20);
            count = 0;
            own = null;
        }

        /** Reads a column's value; false when the row has the name already. */
        boolean add(String name, boolean nullValue, XmlCursor cursor) {
            int c = count;
            if (own == null && !(c < layout.length && layout[c].equals(name))) {
                // the row leaves its layout here: its names so far are the layout's, all different
                own = Arrays.copyOf(layout, Math.max(c + 8, 16));
                ownNames.clear();
                for (int i = 0; i < c; i++) {
                    ownNames.add(own[i]);
                }
            }
            if (c == starts.length) {
                starts = Arrays.copyOf(starts, c * 2);
                lengths = Arrays.copyOf(lengths, c * 2);
            }
            int from = text.length();
            cursor.readValue(text);
            starts[c] = from;
            lengths[c] = nullValue ? -1 : text.length() - from;
            count = c + 1;
            if (own != null) {
                if (c == own.length) {
                    own = Arrays.copyOf(own, c * 2);
                }
                own[c] = name;
                return ownNames.add(name);
            }
            return true;
        }

        /** The row is complete: its names become a layout (one met before, or a new one). */
        void end() {
            if (own == null && count == layout.length) {
                return; // the usual case: the layout's names, all of them
            }
            String[] names = own != null ? Arrays.copyOf(own, count) : Arrays.copyOf(layout, count);
            layout = known(names);
            if (lastOfTable.size() < LAYOUTS || lastOfTable.containsKey(table)) {
                lastOfTable.put(table, layout);
            }
        }

        /** The array of a layout met before with these names, else these names (remembered while there is room). */
        private String[] known(String[] names) {
            for (String[] known : layouts) {
                if (Arrays.equals(known, names)) {
                    return known;
                }
            }
            if (layouts.size() < LAYOUTS) {
                layouts.add(names);
            }
            return names;
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
