package io.erplink.simulator.documents;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.erplink.simulator.catalog.Catalog;
import io.erplink.simulator.catalog.Hash;
import io.erplink.simulator.orders.OrderBook;

/**
 * A customer's documents (open orders, invoices, credit notes, shipments): generated from the
 * seed and the customer id, plus the orders created through CalculateOrder as open orders.
 * Document k of a type (k = 1 newest) is dated {@code 2025-06-30 − (7k + h mod 7)} days.
 */
public final class CustomerDocuments {
    /** The document types of the protocol. */
    public static final List<String> TYPES = List.of("OpenOrder", "Invoice", "CreditNote", "Shipment");

    private static final LocalDate NEWEST = LocalDate.of(2025, 6, 30);

    /** One document row. */
    public record Document(
            String type,
            String number,
            LocalDate date,
            LocalDate dueDate,
            String currency,
            BigDecimal amountWithoutVat,
            BigDecimal amountWithVat,
            String status,
            String customerId) {}

    private final Catalog catalog;
    private final OrderBook orders;
    private final BigDecimal vatPercent;

    public CustomerDocuments(Catalog catalog, OrderBook orders, BigDecimal vatPercent) {
        this.catalog = catalog;
        this.orders = orders;
        this.vatPercent = vatPercent;
    }

    /** The canonical spelling of a document type, case-insensitive. */
    public static Optional<String> type(String name) {
        return TYPES.stream()
                .filter(type -> type.equalsIgnoreCase(name == null ? "" : name.strip()))
                .findFirst();
    }

    /** Every document of a customer, of one type or (type null) all types; unknown customers have none. */
    public List<Document> of(String customerId, String type) {
        List<Document> documents = new ArrayList<>();
        if (customerId == null || catalog.customerIndex(customerId).isEmpty()) {
            return documents;
        }
        String id = customerId.strip();
        long customer = catalog.customerIndex(id).getAsLong();
        String currency = catalog.customer(customer).currency();
        for (int t = 0; t < TYPES.size(); t++) {
            String documentType = TYPES.get(t);
            if (type != null && !documentType.equals(type)) {
                continue;
            }
            long key = customer * 8 + t;
            int count = (int)
                    (documentType.equals("OpenOrder")
                            ? 1 + Hash.below(catalog.seed(), key, 31, 4)
                            : 3 + Hash.below(catalog.seed(), key, 31, 23));
            for (int k = 1; k <= count; k++) {
                long docKey = key * 1000 + k;
                LocalDate date = NEWEST.minusDays(7L * k + Hash.below(catalog.seed(), docKey, 32, 7));
                BigDecimal net = BigDecimal.valueOf(1_000 + Hash.below(catalog.seed(), docKey, 33, 500_000), 2);
                if (documentType.equals("CreditNote")) {
                    net = net.divide(BigDecimal.TEN, 2, RoundingMode.HALF_UP);
                }
                BigDecimal gross =
                        net.add(net.multiply(vatPercent).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP));
                String number = prefix(documentType) + "-" + id + "-" + String.format(Locale.ROOT, "%04d", k);
                documents.add(new Document(
                        documentType,
                        number,
                        date,
                        documentType.equals("Invoice") ? date.plusDays(30) : null,
                        currency,
                        net,
                        gross,
                        status(documentType, docKey, date.plusDays(30)),
                        id));
            }
        }
        if (type == null || type.equals("OpenOrder")) {
            for (OrderBook.CreatedOrder order : orders.ordersOf(id)) {
                documents.add(new Document(
                        "OpenOrder",
                        order.erpOrderNumber(),
                        LocalDate.ofInstant(order.createdAt(), ZoneOffset.UTC),
                        null,
                        String.valueOf(order.result().get("OrderCurrencyCode")),
                        new BigDecimal(order.result().get("OrderPriceWithoutVAT")),
                        new BigDecimal(order.result().get("OrderPriceWithVAT")),
                        "Open",
                        id));
            }
        }
        return documents;
    }

    /** One document of a customer. */
    public Optional<Document> find(String customerId, String type, String number) {
        Optional<String> canonical = type(type);
        if (canonical.isEmpty() || number == null) {
            return Optional.empty();
        }
        return of(customerId, canonical.get()).stream()
                .filter(doc -> doc.number().equals(number.strip()))
                .findFirst();
    }

    /** Sorts documents by DocumentDate, DueDate, DocumentNumber, AmountWithVat or AmountWithoutVat. */
    public static Comparator<Document> order(String sortBy, boolean descending) {
        String key = sortBy == null || sortBy.isBlank() ? "DocumentDate" : sortBy.strip();
        Comparator<Document> comparator = switch (key.toLowerCase(Locale.ROOT)) {
            case "documentdate" -> Comparator.comparing(Document::date);
            case "duedate" -> Comparator.comparing(Document::dueDate, Comparator.nullsFirst(Comparator.naturalOrder()));
            case "documentnumber" -> Comparator.comparing(Document::number);
            case "amountwithvat" -> Comparator.comparing(Document::amountWithVat);
            case "amountwithoutvat" -> Comparator.comparing(Document::amountWithoutVat);
            default ->
                throw new IllegalArgumentException("sortBy=\"" + sortBy
                        + "\" must be DocumentDate, DueDate, DocumentNumber, AmountWithVat or AmountWithoutVat");
        };
        comparator = comparator.thenComparing(Document::number);
        return descending ? comparator.reversed() : comparator;
    }

    private static String prefix(String type) {
        return switch (type) {
            case "OpenOrder" -> "SO";
            case "Invoice" -> "INV";
            case "CreditNote" -> "CN";
            default -> "SH";
        };
    }

    private String status(String type, long docKey, LocalDate due) {
        return switch (type) {
            case "OpenOrder" -> Hash.below(catalog.seed(), docKey, 34, 2) == 0 ? "Open" : "Released";
            case "Invoice" ->
                Hash.below(catalog.seed(), docKey, 34, 4) == 0 ? (due.isBefore(NEWEST) ? "Overdue" : "Open") : "Paid";
            case "CreditNote" -> "Posted";
            default -> "Shipped";
        };
    }
}
