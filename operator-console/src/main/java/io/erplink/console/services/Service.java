package io.erplink.console.services;

/** The services whose operator APIs the console calls. */
public enum Service {
    BATCH("batch-service"),
    MAPPING("mapping-service"),
    ORDER_QUEUE("order-queue-service"),
    LIVE("live-service");

    private final String displayName;

    Service(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
