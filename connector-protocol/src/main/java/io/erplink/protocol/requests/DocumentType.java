package io.erplink.protocol.requests;

import java.util.Optional;

/** The kinds of customer documents (the {@code documentType} attribute and the DocumentType column). */
public enum DocumentType {
    OpenOrder,
    Invoice,
    CreditNote,
    Shipment;

    /** The document type of a wire value, case-insensitive. */
    public static Optional<DocumentType> of(String value) {
        for (DocumentType type : values()) {
            if (type.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
