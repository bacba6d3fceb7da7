package io.erplink.protocol;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.codehaus.stax2.XMLInputFactory2;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;

/**
 * The one place XML parsers are made: Woodstox (StAX) with DTDs, external entities and entity
 * replacement switched off, plus its own processing limits as a second line of defence. A document
 * with a DOCTYPE is refused outright by {@code XmlCursor}, which also stops billion laughs and
 * external DTDs before anything is expanded or fetched.
 *
 * <p>Why Woodstox and not the JDK's StAX: reading a 100 MB products document with {@code TablesReader}
 * took 15-23 % less CPU (connector-protocol README); batch-service parses 2.26 GB for 1M products. The factory is instantiated by class, not looked up through
 * {@code XMLInputFactory.newFactory()}, so the hardening below always applies to the parser it was
 * written for. Lazy parsing is off so that every malformed-input error surfaces from {@code next()}
 * with its position, never later from a getter.
 */
public final class SecureXml {
    private static final XMLInputFactory INPUT = createInputFactory();

    private SecureXml() {}

    private static XMLInputFactory createInputFactory() {
        XMLInputFactory factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        // Problems surface as exceptions with a position; nothing is printed to stderr.
        factory.setXMLReporter((message, type, info, location) -> {});
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not allowed: " + systemId);
        });
        // CDATA must stay a CDATA event: the value rule tells it apart from text.
        factory.setProperty(XMLInputFactory2.P_REPORT_CDATA, Boolean.TRUE);
        factory.setProperty(XMLInputFactory2.P_LAZY_PARSING, Boolean.FALSE);
        factory.setProperty(XMLInputFactory2.P_AUTO_CLOSE_INPUT, Boolean.FALSE);
        setIfSupported(factory, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        setIfSupported(factory, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        // Woodstox's limits, a backstop: ReaderLimits (depth, attribute length, value length) are the real bounds.
        factory.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 100L);
        factory.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 2);
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, 1000);
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, 64);
        // above the input budget of XmlCursor, so ReaderLimits.maxAttributeLength gives the message
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, Integer.MAX_VALUE);
        return factory;
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
        // The JDK's StAX prefixes messages with "ParseError at [row,col]:[..] Message: ", Woodstox appends
        // "\n at [row,col {unknown-source}]: [l,c]"; keep the reason only (the position is in the exception).
        int reason = message.indexOf("Message: ");
        if (reason >= 0) {
            message = message.substring(reason + "Message: ".length());
        }
        int at = message.indexOf("\n at [row,col");
        if (at >= 0) {
            message = message.substring(0, at);
        }
        if (message.startsWith("Unexpected EOF in prolog")) {
            message = "premature end of file: the document has no root element";
        }
        if (message.contains("byte") && message.contains("UTF-8")) {
            message = "input is not valid UTF-8: " + message;
        }
        return new ProtocolException(what + ": " + message.trim(), line, column, e);
    }

    /** Thrown by {@code BoundedInput} when one XML token would need more memory than allowed. */
    public static final class TokenTooLargeException extends IOException {
        public TokenTooLargeException(String message) {
            super(message);
        }
    }
}
