package io.erplink.protocol.events;

/** Topic names without the installation prefix ({@code erplink.topic-prefix}). */
public final class Topics {
    public static final String BATCH_RECORDS = "batch.records";
    public static final String BATCH_RESULTS = "batch.results";
    public static final String ORDERS_QUEUED = "orders.queued";
    public static final String ORDERS_SYNCED = "orders.synced";
    public static final String ERP_STATUS = "erp.status";
    public static final String CATALOG_CHANGED = "catalog.changed";

    private Topics() {
    }

    /** The full topic name for an installation prefix (empty or e.g. {@code "shop1."}). */
    public static String withPrefix(String prefix, String topic) {
        return prefix == null || prefix.isBlank() ? topic : prefix + topic;
    }
}
