package io.erplink.protocol.requests;

import java.util.Optional;

/**
 * The table requests of Integration Framework v1/v2 (seeds 002 and 003) plus erplink's
 * {@code CustomerDocuments}. Other names are allowed (custom requests); this list is what the
 * simulator and the default activities know.
 */
public enum KnownTable {
    Products,
    Users,
    Customers,
    Currencies,
    Languages,
    Units,
    Manufacturers,
    ProductGroups,
    RelatedProducts,
    ProductPrices,
    ProductStock,
    SalesHeaders,
    CustomerDocuments;

    /** The known table of a request name, case-insensitive. */
    public static Optional<KnownTable> of(String name) {
        for (KnownTable table : values()) {
            if (table.name().equalsIgnoreCase(name)) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }
}
