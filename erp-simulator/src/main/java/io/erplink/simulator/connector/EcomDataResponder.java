package io.erplink.simulator.connector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import io.erplink.protocol.requests.GetDocumentPdf;
import io.erplink.protocol.requests.GetEcomData;
import io.erplink.protocol.requests.KnownTable;
import io.erplink.protocol.requests.RequestType;
import io.erplink.protocol.requests.TableRequest;
import io.erplink.protocol.tables.TableRow;
import io.erplink.protocol.tables.TablesHeader;
import io.erplink.simulator.RequestRejected;
import io.erplink.simulator.catalog.Catalog;
import io.erplink.simulator.catalog.Hash;
import io.erplink.simulator.connector.ProductLookups.Lookup;
import io.erplink.simulator.documents.CustomerDocuments;
import io.erplink.simulator.orders.OrderBook;
import io.erplink.simulator.pricing.PriceFunction;

/**
 * Answers {@code GetEcomData} with generated data: every table request of seeds 002/003 plus
 * CustomerDocuments, {@code type="all"} (batch, paged) and {@code type="filter"} (live lookups).
 *
 * <p>Paging: each table request contributes rows written once on page 1 (small tables) and rows per
 * entity (a product, a customer) for the entity range of the page. Page n covers entities
 * [(n−1)·size, n·size) of every paged table; the export has max(⌈entities/size⌉) pages. The
 * batchId is a hash of the seed and the request (without batchId/pageNumber), so a page is a pure
 * function of (request, pageNumber) and can be fetched again after a crash, byte for byte.
 *
 * <p>This class plans the pages; the rows come from {@link ProductRows}, {@link PriceRows},
 * {@link CustomerRows}, {@link ReferenceRows}, {@link SalesHeaderRows} and {@link CustomerDocumentRows}.
 */
public final class EcomDataResponder {
    /** Rows of one entity of a paged table. */
    @FunctionalInterface
    interface EntityRows {
        void rows(long index, Consumer<TableRow> out);
    }

    /** What one table request contributes: rows on page 1, and rows per entity over {@code entities}. */
    record Section(Reply.RowSource head, long entities, List<EntityRows> perEntity) {
        static Section fixed(Reply.RowSource head) {
            return new Section(head, 0, List.of());
        }
    }

    private final Catalog catalog;
    private final int defaultPageSize;
    private final ProductLookups lookups;
    private final ProductRows products;
    private final PriceRows priceRows;
    private final CustomerRows customers;
    private final ReferenceRows reference;
    private final SalesHeaderRows salesHeaders;
    private final CustomerDocumentRows customerDocuments;

    public EcomDataResponder(
            Catalog catalog, PriceFunction prices, OrderBook orders, CustomerDocuments documents, int defaultPageSize) {
        if (defaultPageSize < 1) {
            throw new IllegalArgumentException("page size must be at least 1");
        }
        this.catalog = catalog;
        this.defaultPageSize = defaultPageSize;
        this.lookups = new ProductLookups(catalog);
        this.products = new ProductRows(catalog, prices);
        this.priceRows = new PriceRows(catalog, prices);
        this.customers = new CustomerRows(catalog);
        this.reference = new ReferenceRows(catalog);
        this.salesHeaders = new SalesHeaderRows(orders);
        this.customerDocuments = new CustomerDocumentRows(documents);
    }

    /** Plans the response to a GetEcomData request; rows are produced while it is written. */
    public Reply respond(GetEcomData request) {
        String customer = request.externalUserId().orElse(null);
        List<Section> sections = new ArrayList<>();
        Map<String, String> extra = new LinkedHashMap<>();
        for (TableRequest table : request.tables()) {
            KnownTable known = KnownTable.of(table.name())
                    .orElseThrow(() -> new RequestRejected(
                            400,
                            "unknown table request <" + table.name() + ">; the simulator knows "
                                    + Arrays.toString(KnownTable.values())));
            sections.add(section(known, table, customer, extra));
        }
        long pagedEntities = sections.stream().mapToLong(Section::entities).sum();
        boolean paged =
                sections.stream().anyMatch(section -> !section.perEntity().isEmpty());
        if (!paged) {
            TablesHeader header = extra.isEmpty() ? TablesHeader.single() : new TablesHeader(null, null, extra);
            return new Reply(
                    header, out -> sections.forEach(section -> section.head().produce(out)));
        }

        int pageSize = Math.min(defaultPageSize, request.pageSize().orElse(defaultPageSize));
        long pages = Math.max(
                1,
                sections.stream()
                        .mapToLong(s -> ceilDiv(s.entities(), pageSize))
                        .max()
                        .orElse(1));
        String batchId = batchId(request, pageSize, sections);
        if (request.batchId().isPresent() && !request.batchId().get().strip().equals(batchId)) {
            throw new RequestRejected(
                    400,
                    "batchId \"" + request.batchId().get() + "\" does not belong to this export" + " (expected "
                            + batchId + "); repeat the request without batchId to start it again");
        }
        int page = request.pageNumber().orElse(1);
        if (page > pages) {
            throw new RequestRejected(
                    400, "pageNumber " + page + " is beyond the last page " + pages + " of batch " + batchId);
        }
        boolean done = page == pages;
        extra.put(TablesHeader.PAGE_NUMBER, Integer.toString(page));
        extra.put(TablesHeader.TOTAL_COUNT, Long.toString(pagedEntities));
        TablesHeader header = TablesHeader.page(done, batchId, extra);
        long from = (long) (page - 1) * pageSize;
        return new Reply(header, out -> {
            for (Section section : sections) {
                if (page == 1) {
                    section.head().produce(out);
                }
                long to = Math.min(section.entities(), from + pageSize);
                for (EntityRows rows : section.perEntity()) {
                    for (long index = from; index < to; index++) {
                        rows.rows(index, out);
                    }
                }
            }
        });
    }

    /**
     * Whether the answer depends on the request and the configuration alone, not on the orders received
     * (SalesHeaders, CustomerDocuments): such an answer may be served again from a cache.
     */
    public boolean pure(GetEcomData request) {
        return request.tables().stream()
                .map(table -> KnownTable.of(table.name()).orElse(null))
                .allMatch(known ->
                        known != null && known != KnownTable.SalesHeaders && known != KnownTable.CustomerDocuments);
    }

    private String batchId(GetEcomData request, int pageSize, List<Section> sections) {
        StringBuilder key =
                new StringBuilder().append(catalog.seed()).append('|').append(pageSize);
        request.attributes().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("batchId") && !name.equalsIgnoreCase("pageNumber")) {
                key.append('|')
                        .append(name.toLowerCase(Locale.ROOT))
                        .append('=')
                        .append(value);
            }
        });
        for (TableRequest table : request.tables()) {
            key.append('|')
                    .append(table.name())
                    .append(':')
                    .append(table.type())
                    .append(table.attributes());
        }
        sections.forEach(section -> key.append('|').append(section.entities()));
        long high = Hash.of(key.toString());
        long low = Hash.mix(high ^ catalog.seed());
        return "{" + new UUID(high, low).toString().toUpperCase(Locale.ROOT) + "}";
    }

    private Section section(KnownTable known, TableRequest table, String customer, Map<String, String> extra) {
        boolean filter = table.type() == RequestType.FILTER;
        return switch (known) {
            case Products ->
                filter
                        ? fixedLookups(table, found -> out -> priceRows.livePrices(found, customer, out))
                        : new Section(
                                out -> {},
                                catalog.productCount(),
                                List.of(products::productRow, products::categoryFieldRows));
            case ProductPrices ->
                filter
                        ? fixedLookups(table, found -> out -> priceRows.customerPrices(found, customer, out))
                        : new Section(out -> {}, catalog.productCount(), List.of(priceRows::batchPriceRow));
            case ProductStock ->
                filter
                        ? fixedLookups(table, found -> out -> priceRows.stockRows(found, out))
                        : new Section(out -> {}, catalog.productCount(), List.of(priceRows::stockRow));
            case Users, Customers ->
                filter
                        ? Section.fixed(out -> customers.customersById(table.items(), known, out))
                        : new Section(
                                out -> {},
                                catalog.customerCount(),
                                List.of(
                                        (index, out) -> out.accept(customers.accessUser(index, known)),
                                        (index, out) -> out.accept(customers.accessUserAddress(index))));
            case Currencies -> Section.fixed(out -> reference.currencies(table, out));
            case Languages -> Section.fixed(out -> reference.languages(table, out));
            case Units ->
                filter
                        ? fixedLookups(table, found -> out -> products.stockUnitsOf(found, out))
                        : new Section(
                                products::unitOptions,
                                catalog.productCount(),
                                List.of((index, out) -> out.accept(products.stockUnit(index))));
            case Manufacturers -> Section.fixed(out -> reference.manufacturers(table, out));
            case ProductGroups -> Section.fixed(out -> reference.groups(table, out));
            case RelatedProducts ->
                filter
                        ? fixedLookups(table, found -> out -> products.relatedOf(found, out))
                        : new Section(out -> {}, catalog.productCount(), List.of(products::relatedRows));
            case SalesHeaders -> Section.fixed(out -> salesHeaders.rows(table, out));
            case CustomerDocuments -> customerDocuments.page(table, customer, extra);
        };
    }

    /** A filter section whose items are resolved now, so a bad item is refused before the answer starts. */
    private Section fixedLookups(TableRequest table, Function<List<Lookup>, Reply.RowSource> rows) {
        return Section.fixed(rows.apply(lookups.resolve(table.items())));
    }

    /** Answers GetDocumentPdf: the document as a PDF, or an empty {@code <tables/>} when the customer has no such document. */
    public Reply documentPdf(GetDocumentPdf request) {
        return customerDocuments.documentPdf(request);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
