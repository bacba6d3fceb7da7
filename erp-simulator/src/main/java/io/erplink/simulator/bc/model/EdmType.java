package io.erplink.simulator.bc.model;

/** The EDM primitive types Business Central pages publish, and enums ({@code Microsoft.NAV} option fields). */
public enum EdmType {
    STRING("Edm.String"),
    DECIMAL("Edm.Decimal"),
    INT32("Edm.Int32"),
    BOOLEAN("Edm.Boolean"),
    DATE("Edm.Date"),
    DATE_TIME_OFFSET("Edm.DateTimeOffset"),
    GUID("Edm.Guid"),
    ENUM(null);

    private final String edmName;

    EdmType(String edmName) {
        this.edmName = edmName;
    }

    /** The CSDL type name; enums are named by their {@link EnumType}. */
    public String edmName() {
        return edmName;
    }
}
