package io.erplink.protocol.tables;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

import io.erplink.protocol.xml.XmlText;

/**
 * Writes a {@code <tables>} document as UTF-8, one row at a time.
 *
 * <p>Consecutive rows with the same {@code tableName} share one {@code <table>} element. Each row
 * is an {@code <item table="...">}; values are CDATA ("]]>" split across sections, CR written as a
 * character reference so it survives parsing), null values are {@code isNull="true"}. A character
 * that XML 1.0 cannot carry is an {@link IllegalArgumentException} naming the table, column and
 * position.
 *
 * <p>{@link #close()} ends the document and flushes; it does not close the output stream.
 */
public final class TablesWriter implements AutoCloseable {
    private final Writer out;
    private String openTable;
    private boolean closed;
    private long rowsWritten;

    private TablesWriter(OutputStream out, TablesHeader header) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        this.out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<tables");
        for (Map.Entry<String, String> attribute : header.attributes().entrySet()) {
            checkName(attribute.getKey(), "tables attribute name");
            this.out.write(' ');
            this.out.write(attribute.getKey());
            this.out.write("=\"");
            XmlText.appendAttribute(this.out, attribute.getValue(), "tables attribute " + attribute.getKey());
            this.out.write('"');
        }
        this.out.write(">\n");
    }

    /** Starts a document: writes the XML declaration and the {@code <tables>} start tag. */
    public static TablesWriter open(OutputStream out, TablesHeader header) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(header, "header");
        try {
            return new TablesWriter(out, header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one row, opening a new {@code <table>} when its tableName differs from the previous row's. */
    public void write(TableRow row) {
        if (closed) {
            throw new IllegalStateException("writer is closed");
        }
        try {
            if (!row.tableName().equals(openTable)) {
                if (openTable != null) {
                    out.write("</table>\n");
                }
                out.write("<table tableName=\"");
                XmlText.appendAttribute(out, row.tableName(), "tableName");
                out.write("\">\n");
                openTable = row.tableName();
            }
            out.write("<item table=\"");
            XmlText.appendAttribute(out, row.table(), "item table");
            out.write("\">");
            for (Map.Entry<String, String> column : row.columns().entrySet()) {
                out.write("<column columnName=\"");
                XmlText.appendAttribute(out, column.getKey(), "column name in table " + row.table());
                String value = column.getValue();
                if (value == null) {
                    out.write("\" isNull=\"true\"/>");
                } else {
                    out.write("\">");
                    XmlText.appendCdata(out, value, "column " + column.getKey() + " of table " + row.table());
                    out.write("</column>");
                }
            }
            out.write("</item>\n");
            rowsWritten++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows written so far. */
    public long rowsWritten() {
        return rowsWritten;
    }

    /** Flushes what has been written so far to the output stream. */
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the open {@code <table>} and {@code </tables>} and flushes; the stream stays open. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (openTable != null) {
                out.write("</table>\n");
            }
            out.write("</tables>\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkName(String name, String what) {
        if (name.isEmpty() || !name.matches("[A-Za-z_][A-Za-z0-9_.\\-]*")) {
            throw new IllegalArgumentException(what + " is not a valid XML name: \"" + name + "\"");
        }
    }
}
