package io.erplink.protocol.events;

import java.util.List;

/** Topic names without the installation prefix ({@code erplink.topic-prefix}). */
public final class Topics {
    public static final String BATCH_RECORDS = "batch.records";
    public static final String BATCH_RESULTS = "batch.results";
    public static final String ORDERS_QUEUED = "orders.queued";
    public static final String ORDERS_SYNCED = "orders.synced";
    public static final String ERP_STATUS = "erp.status";
    public static final String CATALOG_CHANGED = "catalog.changed";
    /** Saved mapping jobs' source columns and conditionals, from mapping-service to batch-service's activities. */
    public static final String JOBS_CHANGED = "jobs.changed";
    /** Chunks mapping-service could not read (malformed), kept for inspection instead of blocking the partition. */
    public static final String BATCH_RECORDS_DLQ = "batch.records.dlq";

    /** Every topic of the suite (services create the missing ones at startup, see service-kit TopicProvisioner). */
    public static final List<String> ALL = List.of(
            BATCH_RECORDS,
            BATCH_RESULTS,
            ORDERS_QUEUED,
            ORDERS_SYNCED,
            ERP_STATUS,
            CATALOG_CHANGED,
            JOBS_CHANGED,
            BATCH_RECORDS_DLQ);

    private Topics() {}

    /** The full topic name for an installation prefix (empty or e.g. {@code "shop1."}). */
    public static String withPrefix(String prefix, String topic) {
        return prefix == null || prefix.isBlank() ? topic : prefix + topic;
    }
}
