package io.erplink.simulator.connector;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.erplink.protocol.requests.GetDocumentPdf;
import io.erplink.protocol.requests.TableRequest;
import io.erplink.protocol.tables.TablesHeader;
import io.erplink.simulator.RequestRejected;
import io.erplink.simulator.documents.CustomerDocuments;
import io.erplink.simulator.documents.PdfRenderer;
import io.erplink.simulator.pricing.PriceFunction;

/** A customer's documents (CustomerDocuments: one page, filtered and sorted as asked) and one document as a PDF (GetDocumentPdf). */
final class CustomerDocumentRows {
    private final CustomerDocuments documents;

    CustomerDocumentRows(CustomerDocuments documents) {
        this.documents = documents;
    }

    EcomDataResponder.Section page(TableRequest table, String customer, Map<String, String> extra) {
        if (customer == null || customer.isBlank() || PriceFunction.isAnonymous(customer)) {
            throw new RequestRejected(400, "CustomerDocuments needs the ExternalUserID of a customer");
        }
        String typeAttribute = table.attribute("documentType");
        String type = null;
        if (typeAttribute != null && !typeAttribute.isBlank()) {
            type = CustomerDocuments.type(typeAttribute)
                    .orElseThrow(() -> new RequestRejected(
                            400, "documentType=\"" + typeAttribute + "\" must be one of " + CustomerDocuments.TYPES));
        }
        int pageIndex = positive(table, "pageIndex", 1);
        int pageSize = Math.min(positive(table, "pageSize", 20), 1000);
        String sortOrder = table.attribute("sortOrder");
        boolean descending = sortOrder == null || !"asc".equalsIgnoreCase(sortOrder.strip());
        Comparator<CustomerDocuments.Document> order;
        try {
            order = CustomerDocuments.order(table.attribute("sortBy"), descending);
        } catch (IllegalArgumentException e) {
            throw new RequestRejected(400, e.getMessage());
        }
        List<CustomerDocuments.Document> all = new ArrayList<>(documents.of(customer, type));
        all.sort(order);
        extra.put(TablesHeader.TOTAL_COUNT, Integer.toString(all.size()));
        extra.put("pageIndex", Integer.toString(pageIndex));
        extra.put("pageSize", Integer.toString(pageSize));
        long skip = (long) (pageIndex - 1) * pageSize;
        List<CustomerDocuments.Document> page =
                all.stream().skip(skip).limit(pageSize).toList();
        return EcomDataResponder.Section.fixed(out -> {
            for (CustomerDocuments.Document document : page) {
                out.accept(RowBuilder.of("CustomerDocuments")
                        .put("DocumentType", document.type())
                        .put("DocumentNumber", document.number())
                        .put("DocumentDate", document.date())
                        .put(
                                "DueDate",
                                document.dueDate() == null
                                        ? null
                                        : document.dueDate().toString())
                        .put("CurrencyCode", document.currency())
                        .put("AmountWithoutVat", document.amountWithoutVat())
                        .put("AmountWithVat", document.amountWithVat())
                        .put("Status", document.status())
                        .build());
            }
        });
    }

    private static int positive(TableRequest table, String attribute, int fallback) {
        String value = table.attribute(attribute);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RequestRejected(400, attribute + "=\"" + value + "\" is not a positive number");
    }

    /** Answers GetDocumentPdf: the document as a PDF, or an empty {@code <tables/>} when the customer has no such document. */
    Reply documentPdf(GetDocumentPdf request) {
        return documents
                .find(request.externalUserId(), request.documentType(), request.documentNumber())
                .map(document -> new Reply(
                        TablesHeader.single(),
                        out -> out.accept(RowBuilder.of("DocumentPdf")
                                .put("DocumentNumber", document.number())
                                .put("ContentType", "application/pdf")
                                .put("ContentBase64", Base64.getEncoder().encodeToString(PdfRenderer.render(document)))
                                .build())))
                .orElseGet(() -> Reply.empty(TablesHeader.single()));
    }
}
