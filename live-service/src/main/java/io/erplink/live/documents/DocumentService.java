package io.erplink.live.documents;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.erplink.live.LiveConfig;
import io.erplink.live.erp.ErpClient;
import io.erplink.live.security.Caller;
import io.erplink.protocol.requests.CustomerDocuments;
import io.erplink.protocol.requests.DocumentType;
import io.erplink.protocol.tables.TableRow;

/** A customer's documents, live from the ERP (no cache, no fallback: they are the ERP's records). */
@ApplicationScoped
public class DocumentService {
    private static final Map<String, String> SORT_FIELDS = Map.of(
            "documentdate", CustomerDocuments.DOCUMENT_DATE,
            "duedate", CustomerDocuments.DUE_DATE,
            "documentnumber", CustomerDocuments.DOCUMENT_NUMBER,
            "amountwithvat", CustomerDocuments.AMOUNT_WITH_VAT,
            "amountwithoutvat", CustomerDocuments.AMOUNT_WITHOUT_VAT);

    @Schema(description = "A page of documents")
    public record DocumentPage(String type, int page, int size, long totalCount, List<Document> items) {}

    @Schema(description = "A customer document")
    public record Document(
            String type,
            String number,
            String date,
            String dueDate,
            String currency,
            BigDecimal amountWithoutVat,
            BigDecimal amountWithVat,
            String status) {}

    private final ErpClient erp;
    private final LiveConfig.Documents config;

    DocumentService(ErpClient erp, LiveConfig config) {
        this.erp = erp;
        this.config = config.documents();
    }

    /** The document type of a path or query value: invoice, credit-note/creditnote, open-order/openorder, shipment. */
    public static DocumentType type(String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException("type is required: invoice, credit-note, open-order or shipment");
        }
        return DocumentType.of(value.replace("-", "").replace("_", ""))
                .orElseThrow(() -> new BadRequestException(
                        "type '" + value + "' must be invoice, credit-note, open-order or shipment"));
    }

    public DocumentPage list(Caller caller, String typeValue, Integer page, Integer size, String sort) {
        caller.requireCustomer();
        DocumentType type = type(typeValue);
        int pageIndex = page == null ? 1 : page;
        int pageSize = size == null ? config.defaultPageSize() : size;
        if (pageIndex < 1 || pageSize < 1 || pageSize > config.maxPageSize()) {
            throw new BadRequestException("page starts at 1; size is 1.." + config.maxPageSize());
        }
        String sortBy = CustomerDocuments.DOCUMENT_DATE;
        boolean descending = true;
        if (sort != null && !sort.isBlank()) {
            String[] parts = sort.split(",");
            String field = parts[0].strip();
            if (field.startsWith("-")) {
                field = field.substring(1);
            } else if (parts.length == 1) {
                descending = false;
            }
            sortBy = SORT_FIELDS.get(field.toLowerCase(Locale.ROOT));
            if (sortBy == null) {
                throw new BadRequestException("sort must be one of " + SORT_FIELDS.values()
                        + ", optionally ',asc' / ',desc' or a leading '-' for descending");
            }
            if (parts.length > 1) {
                String order = parts[1].strip().toLowerCase(Locale.ROOT);
                if (!order.equals("asc") && !order.equals("desc")) {
                    throw new BadRequestException("sort order must be asc or desc");
                }
                descending = order.equals("desc");
            }
        }
        ErpClient.DocumentPage answer = erp.documents(caller.erpKey(), type, pageIndex, pageSize, sortBy, descending);
        List<Document> items =
                answer.rows().stream().map(DocumentService::document).toList();
        return new DocumentPage(type.name(), pageIndex, pageSize, answer.totalCount(), items);
    }

    public ErpClient.Pdf pdf(Caller caller, String typeValue, String number) {
        caller.requireCustomer();
        DocumentType type = type(typeValue);
        if (number == null || number.isBlank() || number.length() > 100) {
            throw new BadRequestException("document number required");
        }
        ErpClient.Pdf pdf = erp.documentPdf(caller.erpKey(), type, number.strip());
        if (pdf == null) {
            throw new NotFoundException("no " + type + " " + number + " for this customer");
        }
        if (pdf.content().length > config.maxPdfBytes()) {
            throw new IllegalStateException("PDF larger than erplink.live.documents.max-pdf-bytes");
        }
        return pdf;
    }

    private static Document document(TableRow row) {
        return new Document(
                row.get(CustomerDocuments.DOCUMENT_TYPE),
                row.get(CustomerDocuments.DOCUMENT_NUMBER),
                row.get(CustomerDocuments.DOCUMENT_DATE),
                blankToNull(row.get(CustomerDocuments.DUE_DATE)),
                row.get(CustomerDocuments.CURRENCY_CODE),
                number(row.get(CustomerDocuments.AMOUNT_WITHOUT_VAT)),
                number(row.get(CustomerDocuments.AMOUNT_WITH_VAT)),
                row.get(CustomerDocuments.STATUS));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static BigDecimal number(String value) {
        try {
            return value == null || value.isBlank() ? null : new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
