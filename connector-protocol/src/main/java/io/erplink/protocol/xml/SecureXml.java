package io.erplink.protocol.xml;

import java.io.IOException;
import java.io.InputStream;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.erplink.protocol.tables.ProtocolException;

/**
 * The one place XML parsers are made: the JDK's StAX with DTDs, external entities and entity
 * replacement switched off, plus the JDK's own processing limits as a second line of defence.
 * A document with a DOCTYPE is refused outright by {@link XmlCursor}, which also stops billion
 * laughs and external DTDs before anything is expanded or fetched.
 */
public final class SecureXml {
    private static final XMLInputFactory INPUT = createInputFactory();

    private SecureXml() {
    }

    private static XMLInputFactory createInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        // Problems surface as exceptions with a position; nothing is printed to stderr.
        factory.setXMLReporter((message, type, info, location) -> {
        });
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not allowed: " + systemId);
        });
        // The JDK reports CDATA as plain CHARACTERS unless asked; the value rule needs to tell them apart.
        setIfSupported(factory, "http://java.sun.com/xml/stream/properties/report-cdata-event", Boolean.TRUE);
        setIfSupported(factory, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        setIfSupported(factory, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        // JDK limits (note: 0 would mean "no limit" for these properties).
        limit(factory, "entityExpansionLimit", "100");
        limit(factory, "maxParameterEntitySizeLimit", "1000");
        limit(factory, "maxElementDepth", "1000"); // backstop; ReaderLimits.maxDepth is the real bound
        limit(factory, "elementAttributeLimit", "64");
        limit(factory, "maxXMLNameLimit", "1000");
        return factory;
    }

    private static void limit(XMLInputFactory factory, String name, String value) {
        setIfSupported(factory, "http://www.oracle.com/xml/jaxp/properties/" + name, value);
        setIfSupported(factory, "jdk.xml." + name, value);
    }

    private static void setIfSupported(XMLInputFactory factory, String name, Object value) {
        try {
            factory.setProperty(name, value);
        } catch (IllegalArgumentException ignored) {
            // Property unknown to this StAX implementation; the DTD switch above still holds.
        }
    }

    /** A hardened cursor over a document that must be UTF-8. */
    public static XMLStreamReader reader(InputStream in) {
        try {
            return INPUT.createXMLStreamReader(in, "UTF-8");
        } catch (XMLStreamException e) {
            throw failure("cannot read XML", e);
        }
    }

    /** Turns a parser error into a ProtocolException naming the position. */
    public static ProtocolException failure(String what, XMLStreamException e) {
        Location location = e.getLocation();
        int line = location == null ? -1 : location.getLineNumber();
        int column = location == null ? -1 : location.getColumnNumber();
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        Throwable nested = e.getNestedException() != null ? e.getNestedException() : e.getCause();
        if (nested instanceof TokenTooLargeException tooLarge) {
            return new ProtocolException(tooLarge.getMessage(), line, column, e);
        }
        if (nested instanceof IOException io && io.getMessage() != null && !message.contains(io.getMessage())) {
            message = message + ": " + io.getMessage();
        }
        // StAX prefixes messages with "ParseError at [row,col]:[..] Message: "; keep the reason only.
        int reason = message.indexOf("Message: ");
        if (reason >= 0) {
            message = message.substring(reason + "Message: ".length());
        }
        if (message.contains("byte") && message.contains("UTF-8")) {
            message = "input is not valid UTF-8: " + message;
        }
        return new ProtocolException(what + ": " + message.trim(), line, column, e);
    }

    /** Thrown by {@link BoundedInput} when one XML token would need more memory than allowed. */
    static final class TokenTooLargeException extends IOException {
        TokenTooLargeException(String message) {
            super(message);
        }
    }
}
