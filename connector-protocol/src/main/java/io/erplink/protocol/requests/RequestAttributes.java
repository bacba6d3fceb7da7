package io.erplink.protocol.requests;

/**
 * Attributes on the {@code <GetEcomData>} root. The first three come from the seeds; the paging
 * and reimport ones are erplink's contract with the connector (see connector-protocol/README.md).
 */
public final class RequestAttributes {
    /** The ERP customer the request is for; "Anonymous" for anonymous users. */
    public static final String EXTERNAL_USER_ID = "ExternalUserID";
    /** The shop whose data is requested. */
    public static final String SHOP_ID = "shopID";
    /** Lets two shops share one remote system and still sync independently. */
    public static final String CUSTOM_MODIFIER = "CustomModifier";
    /** The export a follow-up page belongs to (echoed from the previous response's batchId). */
    public static final String BATCH_ID = "batchId";
    /** The page wanted, from 1; lets a client re-request a page after a crash. */
    public static final String PAGE_NUMBER = "pageNumber";
    /** Rows per page the client would like; the connector may cap it. */
    public static final String PAGE_SIZE = "pageSize";
    /** "true": send everything; "false": only what changed since {@link #LAST_SUCCESSFUL_RUN}. */
    public static final String REIMPORT = "reimport";
    /** ISO-8601 instant of the last successful import, for change-only requests. */
    public static final String LAST_SUCCESSFUL_RUN = "lastSuccessfulRun";

    private RequestAttributes() {}
}
