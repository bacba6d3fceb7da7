package io.erplink.protocol.requests;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import io.erplink.protocol.ProtocolException;
import io.erplink.protocol.xml.XmlElement;
import io.erplink.protocol.xml.XmlOut;

/**
 * A customer document as PDF: {@code <GetDocumentPdf ExternalUserID=".." documentType="Invoice"
 * documentNumber=".."/>}, answered with a {@code DocumentPdf} table (DocumentNumber, ContentType,
 * ContentBase64). The ERP must only return documents of that customer.
 */
public record GetDocumentPdf(String externalUserId, String documentType, String documentNumber)
        implements ConnectorRequest {

    public GetDocumentPdf {
        if (isBlank(externalUserId) || isBlank(documentType) || isBlank(documentNumber)) {
            throw new ProtocolException("GetDocumentPdf needs ExternalUserID, documentType and documentNumber");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Parses a {@code <GetDocumentPdf>} document. */
    public static GetDocumentPdf parse(InputStream in) {
        ConnectorRequest request = ConnectorRequest.parse(in);
        if (request instanceof GetDocumentPdf typed) {
            return typed;
        }
        throw new ProtocolException("expected <GetDocumentPdf> but found <" + request.rootElement() + ">");
    }

    @Override
    public String describe() {
        return "GetDocumentPdf";
    }

    @Override
    public String toXml() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(RequestAttributes.EXTERNAL_USER_ID, externalUserId);
        attributes.put(CustomerDocuments.DOCUMENT_TYPE_ATTRIBUTE, documentType);
        attributes.put(CustomerDocuments.DOCUMENT_NUMBER_ATTRIBUTE, documentNumber);
        return new XmlOut().start("GetDocumentPdf", attributes).end().toString();
    }

    static GetDocumentPdf from(XmlElement root) {
        return new GetDocumentPdf(
                root.attribute(RequestAttributes.EXTERNAL_USER_ID),
                root.attribute(CustomerDocuments.DOCUMENT_TYPE_ATTRIBUTE),
                root.attribute(CustomerDocuments.DOCUMENT_NUMBER_ATTRIBUTE));
    }
}
