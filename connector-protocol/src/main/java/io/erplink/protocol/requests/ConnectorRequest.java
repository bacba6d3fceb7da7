package io.erplink.protocol.requests;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.erplink.protocol.ProtocolException;
import io.erplink.protocol.xml.XmlElement;

/** A request to the ERP connector; the root element tells which. */
public sealed interface ConnectorRequest permits GetEcomData, CalculateOrder, GetDocumentPdf {

    /** The request document. */
    String toXml();

    /** A short name for logs and metrics, e.g. {@code GetEcomData.Products} or {@code CalculateOrder.create}. */
    String describe();

    /** The root element name: GetEcomData, CalculateOrder or GetDocumentPdf. */
    default String rootElement() {
        return getClass().getSimpleName();
    }

    /** The request document as UTF-8 bytes (what is sent and signed). */
    default byte[] toBytes() {
        return toXml().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses any connector request (hardened: no DTDs or entities, bounded size and depth). */
    static ConnectorRequest parse(InputStream in) {
        XmlElement root = XmlElement.parse(in);
        return switch (root.name()) { // root names are case-sensitive, as in XML
            case "GetEcomData" -> GetEcomData.from(root);
            case "CalculateOrder" -> CalculateOrder.from(root);
            case "GetDocumentPdf" -> GetDocumentPdf.from(root);
            default ->
                throw new ProtocolException("unknown request <" + root.name()
                        + ">; expected GetEcomData, CalculateOrder or GetDocumentPdf");
        };
    }

    /** Parses a request given as a string. */
    static ConnectorRequest parse(String xml) {
        return parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
