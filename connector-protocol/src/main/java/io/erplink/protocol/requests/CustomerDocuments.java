package io.erplink.protocol.requests;

/**
 * Names of erplink's customer-documents contract (designed in the seeds' style, see
 * connector-protocol/README.md): the list request is {@link GetEcomData#customerDocuments}, answered
 * by a {@link #TABLE} table with {@code totalCount} on {@code <tables>}; a single document as PDF is
 * {@link GetDocumentPdf}, answered by a {@link #PDF_TABLE} table.
 */
public final class CustomerDocuments {
    /** Response table of the list. */
    public static final String TABLE = "CustomerDocuments";

    public static final String DOCUMENT_TYPE = "DocumentType";
    public static final String DOCUMENT_NUMBER = "DocumentNumber";
    public static final String DOCUMENT_DATE = "DocumentDate";
    public static final String DUE_DATE = "DueDate";
    public static final String CURRENCY_CODE = "CurrencyCode";
    public static final String AMOUNT_WITHOUT_VAT = "AmountWithoutVat";
    public static final String AMOUNT_WITH_VAT = "AmountWithVat";
    public static final String STATUS = "Status";

    /** Response table of {@link GetDocumentPdf}. */
    public static final String PDF_TABLE = "DocumentPdf";

    public static final String CONTENT_TYPE = "ContentType";
    public static final String CONTENT_BASE64 = "ContentBase64";

    /** Request attributes on {@code <CustomerDocuments type="filter" ...>} and {@code <GetDocumentPdf>}. */
    public static final String DOCUMENT_TYPE_ATTRIBUTE = "documentType";

    public static final String DOCUMENT_NUMBER_ATTRIBUTE = "documentNumber";
    public static final String PAGE_INDEX_ATTRIBUTE = "pageIndex";
    public static final String PAGE_SIZE_ATTRIBUTE = "pageSize";
    public static final String SORT_BY_ATTRIBUTE = "sortBy";
    public static final String SORT_ORDER_ATTRIBUTE = "sortOrder";

    private CustomerDocuments() {}
}
