package io.erplink.protocol.tables;

import java.io.OutputStream;
import java.util.Map;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.erplink.protocol.xml.SecureXml;

/**
 * Writes a {@code <tables>} document row by row, streaming: consecutive rows with the same
 * {@code tableName} share one {@code <table>} element. Values go out as CDATA (a value containing
 * {@code ]]>} is split over two sections), null values as {@code isNull="true"}. Characters that XML
 * 1.0 cannot carry are refused with a clear error instead of producing a broken document.
 *
 * <p>{@link #close()} ends the document and flushes; the output stream stays open (its owner closes it).
 */
public final class TablesWriter implements AutoCloseable {
    private final XMLStreamWriter xml;
    private String openTable;
    private boolean closed;

    private TablesWriter(OutputStream out, TablesHeader header) {
        try {
            this.xml = SecureXml.outputFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("utf-8", "1.0");
            xml.writeStartElement("tables");
            for (Map.Entry<String, String> attribute : header.attributes().entrySet()) {
                xml.writeAttribute(attribute.getKey(), checked(attribute.getKey(), attribute.getValue()));
            }
            if (header.exportIsDone() != null && header.attribute(TablesHeader.EXPORT_IS_DONE) == null) {
                xml.writeAttribute(TablesHeader.EXPORT_IS_DONE, header.exportIsDone().toString());
            }
            if (header.batchId() != null && header.attribute(TablesHeader.BATCH_ID) == null) {
                xml.writeAttribute(TablesHeader.BATCH_ID, checked(TablesHeader.BATCH_ID, header.batchId()));
            }
        } catch (XMLStreamException e) {
            throw new ProtocolException("cannot write <tables>: " + e.getMessage(), -1, -1, e);
        }
    }

    /** Starts a document with the given header. */
    public static TablesWriter open(OutputStream out, TablesHeader header) {
        return new TablesWriter(out, header);
    }

    /** Appends one row. */
    public void write(TableRow row) {
        if (closed) {
            throw new IllegalStateException("writer is closed");
        }
        try {
            String tableName = row.tableName() == null ? row.table() : row.tableName();
            if (!tableName.equals(openTable)) {
                if (openTable != null) {
                    xml.writeEndElement();
                }
                xml.writeStartElement("table");
                xml.writeAttribute("tableName", checked("tableName", tableName));
                openTable = tableName;
            }
            xml.writeStartElement("item");
            xml.writeAttribute("table", checked("table", row.table()));
            for (Map.Entry<String, String> column : row.columns().entrySet()) {
                String value = column.getValue();
                if (value == null) {
                    xml.writeEmptyElement("column");
                    xml.writeAttribute("columnName", checked("columnName", column.getKey()));
                    xml.writeAttribute("isNull", "true");
                } else {
                    xml.writeStartElement("column");
                    xml.writeAttribute("columnName", checked("columnName", column.getKey()));
                    writeCData(checked(column.getKey(), value));
                    xml.writeEndElement();
                }
            }
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new ProtocolException("cannot write row of " + row.table() + ": " + e.getMessage(), -1, -1, e);
        }
    }

    private void writeCData(String value) throws XMLStreamException {
        int from = 0;
        int end;
        while ((end = value.indexOf("]]>", from)) >= 0) {
            // "]]" ends one section, ">" starts the next: the reader joins them back.
            xml.writeCData(value.substring(from, end + 2));
            from = end + 2;
        }
        xml.writeCData(value.substring(from));
    }

    /** Refuses characters XML 1.0 cannot represent (control characters, lone surrogates, U+FFFE/FFFF). */
    static String checked(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean legal;
            if (Character.isHighSurrogate(c)) {
                legal = i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
                i++;
            } else {
                legal = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            }
            if (!legal) {
                throw new ProtocolException(what + ": character U+" + String.format("%04X", (int) c)
                        + " at position " + i + " cannot be written in XML 1.0");
            }
        }
        return value;
    }

    /** Flushes what was written so far to the stream. */
    public void flush() {
        try {
            xml.flush();
        } catch (XMLStreamException e) {
            throw new ProtocolException("cannot flush <tables>: " + e.getMessage(), -1, -1, e);
        }
    }

    /** Ends the document ({@code </tables>}) and flushes. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new ProtocolException("cannot finish <tables>: " + e.getMessage(), -1, -1, e);
        }
    }
}
