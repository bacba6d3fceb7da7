package io.erplink.protocol.xml;

import java.io.InputStream;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.erplink.protocol.tables.ProtocolException;

/**
 * The one place XML parsers are made: the JDK's StAX with DTDs, external entities and entity
 * expansion switched off. A document with a DOCTYPE is refused outright, which also stops billion
 * laughs and external DTDs before anything is expanded or fetched.
 */
public final class SecureXml {
    private static final XMLInputFactory INPUT = createInputFactory();
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    private SecureXml() {
    }

    private static XMLInputFactory createInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        setIfSupported(factory, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        setIfSupported(factory, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        // JDK limits as a second line of defence.
        setIfSupported(factory, "jdk.xml.entityExpansionLimit", "0");
        setIfSupported(factory, "jdk.xml.maxElementDepth", "64");
        setIfSupported(factory, "jdk.xml.elementAttributeLimit", "64");
        return factory;
    }

    private static void setIfSupported(XMLInputFactory factory, String name, Object value) {
        try {
            factory.setProperty(name, value);
        } catch (IllegalArgumentException ignored) {
            // Property unknown to this StAX implementation; the DTD switch above still holds.
        }
    }

    /** A hardened cursor over a UTF-8 (or declared-encoding) document. */
    public static XMLStreamReader reader(InputStream in) {
        try {
            return INPUT.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw failure("cannot read XML", e);
        }
    }

    public static XMLOutputFactory outputFactory() {
        return OUTPUT;
    }

    /** Refuses DOCTYPE declarations; call for every DTD event. */
    public static ProtocolException doctypeRefused(XMLStreamReader reader) {
        return new ProtocolException("DOCTYPE is not allowed in connector documents (DTDs and entities are refused)",
                reader.getLocation().getLineNumber(), reader.getLocation().getColumnNumber(), null);
    }

    /** Turns a parser error into a ProtocolException naming the position. */
    public static ProtocolException failure(String what, XMLStreamException e) {
        int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
        int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNumber();
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        // StAX prefixes messages with "ParseError at [row,col]:..."; keep the reason only.
        int reason = message.indexOf("Message: ");
        if (reason >= 0) {
            message = message.substring(reason + "Message: ".length());
        }
        return new ProtocolException(what + ": " + message.trim(), line, column, e);
    }
}
