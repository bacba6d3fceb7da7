package io.erplink.simulator.connector;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import io.erplink.protocol.requests.FilterItem;
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
import io.erplink.simulator.documents.CustomerDocuments;
import io.erplink.simulator.documents.PdfRenderer;
import io.erplink.simulator.orders.OrderBook;
import io.erplink.simulator.pricing.CurrencyTable;
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
 */
public final class EcomDataResponder {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final String UNIT_GROUP = "ErpUnits";

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
    private final PriceFunction prices;
    private final OrderBook orders;
    private final CustomerDocuments documents;
    private final int defaultPageSize;

    public EcomDataResponder(
            Catalog catalog, PriceFunction prices, OrderBook orders, CustomerDocuments documents, int defaultPageSize) {
        if (defaultPageSize < 1) {
            throw new IllegalArgumentException("page size must be at least 1");
        }
        this.catalog = catalog;
        this.prices = prices;
        this.orders = orders;
        this.documents = documents;
        this.defaultPageSize = defaultPageSize;
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
                        ? fixedLookups(table, lookups -> out -> livePrices(lookups, customer, out))
                        : new Section(
                                out -> {}, catalog.productCount(), List.of(this::productRow, this::categoryFieldRows));
            case ProductPrices ->
                filter
                        ? fixedLookups(table, lookups -> out -> priceRows(lookups, customer, out))
                        : new Section(out -> {}, catalog.productCount(), List.of(this::batchPriceRow));
            case ProductStock ->
                filter
                        ? fixedLookups(table, lookups -> out -> stockRows(lookups, out))
                        : new Section(out -> {}, catalog.productCount(), List.of(this::stockRow));
            case Users, Customers ->
                filter
                        ? Section.fixed(out -> customersById(table.items(), known, out))
                        : new Section(
                                out -> {},
                                catalog.customerCount(),
                                List.of(
                                        (index, out) -> out.accept(accessUser(index, known)),
                                        (index, out) -> out.accept(accessUserAddress(index))));
            case Currencies -> Section.fixed(out -> currencies(table, out));
            case Languages -> Section.fixed(out -> languages(table, out));
            case Units ->
                filter
                        ? fixedLookups(table, lookups -> out -> stockUnitsOf(lookups, out))
                        : new Section(
                                this::unitOptions,
                                catalog.productCount(),
                                List.of((index, out) -> out.accept(stockUnit(index))));
            case Manufacturers -> Section.fixed(out -> manufacturers(table, out));
            case ProductGroups -> Section.fixed(out -> groups(table, out));
            case RelatedProducts ->
                filter
                        ? fixedLookups(table, lookups -> out -> relatedOf(lookups, out))
                        : new Section(out -> {}, catalog.productCount(), List.of(this::relatedRows));
            case SalesHeaders -> Section.fixed(out -> salesHeaders(table, out));
            case CustomerDocuments -> customerDocuments(table, customer, extra);
        };
    }

    /** A filter section whose items are resolved now, so a bad item is refused before the answer starts. */
    private Section fixedLookups(TableRequest table, Function<List<Lookup>, Reply.RowSource> rows) {
        return Section.fixed(rows.apply(lookups(table.items())));
    }

    // ---- products ----

    private void productRow(long index, Consumer<TableRow> out) {
        Catalog.Product product = catalog.product(index);
        BigDecimal list = prices.listPrice(index, catalog.systemCurrency());
        out.accept(RowBuilder.of("EcomProducts")
                .put("ProductId", product.id())
                .put("ProductVariantId", "")
                .put("ProductLanguageId", catalog.defaultLanguage())
                .put("ProductNumber", product.id())
                .put("ProductName", product.name())
                .put(
                        "ProductShortDescription",
                        product.name() + " by "
                                + catalog.manufacturerName(Integer.parseInt(
                                                product.manufacturerId().substring(4))
                                        - 1))
                .put("ProductLongDescription", "")
                .put("ProductPrice", list)
                .put("ProductCost", Catalog.cost(list))
                .put("ProductStock", product.stock())
                .put("ProductWeight", product.weight())
                .put("ProductVolume", product.volume())
                .put("ProductManufacturerId", product.manufacturerId())
                .put("ProductDefaultUnitId", product.defaultUnit())
                .put("ProductVariantCounter", 0)
                .put("Discontinued", product.discontinued() ? "TRUE" : "FALSE")
                .put("ProductActive", product.discontinued() ? "FALSE" : "TRUE")
                .put(
                        "ReplacementProductNumber",
                        product.discontinued() && catalog.productCount() > 1
                                ? Catalog.productId((index + 1) % catalog.productCount())
                                : "")
                .put("PrimaryGroup", product.groupId())
                .put("Groups", product.groupId())
                .build());
    }

    private void categoryFieldRows(long index, Consumer<TableRow> out) {
        Catalog.Product product = catalog.product(index);
        String category = product.groupId().substring(0, product.groupId().indexOf('-'));
        out.accept(categoryField("Weight", category, product, product.weight().toPlainString()));
        out.accept(categoryField(
                "Colour",
                category,
                product,
                List.of("Black", "White", "Red", "Blue", "Green", "Grey")
                        .get((int) (Hash.of(product.id()) & 0x7) % 6)));
    }

    private TableRow categoryField(String field, String category, Catalog.Product product, String value) {
        return RowBuilder.of("EcomProductCategoryFieldValue")
                .put("FieldValueFieldId", field)
                .put("FieldValueFieldCategoryId", category)
                .put("FieldValueProductId", product.id())
                .put("FieldValueProductVariantId", "")
                .put("FieldValueProductLanguageId", catalog.defaultLanguage())
                .put("FieldValueValue", value)
                .build();
    }

    /** A product filter item resolved: the product, currency, quantity and unit asked for. */
    private record Lookup(FilterItem item, long index, String currency, BigDecimal quantity, Catalog.Unit unit) {}

    private List<Lookup> lookups(List<FilterItem> items) {
        List<Lookup> lookups = new ArrayList<>();
        for (FilterItem item : items) {
            OptionalLong index = catalog.productIndex(item.get("ProductID"));
            if (index.isEmpty()) {
                index = catalog.productIndex(item.get("ProductNumber"));
            }
            if (index.isEmpty()) {
                continue; // not an item of this ERP: a real connector leaves it out as well
            }
            String requested = item.get("CurrencyCode");
            String currency = requested != null
                            && CurrencyTable.find(requested).isPresent()
                            && catalog.currencies().contains(requested.strip().toUpperCase(Locale.ROOT))
                    ? requested.strip().toUpperCase(Locale.ROOT)
                    : catalog.systemCurrency();
            BigDecimal quantity = BigDecimal.ONE;
            String quantityText = item.get("Quantity");
            if (quantityText != null && !quantityText.isBlank()) {
                try {
                    quantity = new BigDecimal(quantityText.strip());
                } catch (NumberFormatException e) {
                    throw new RequestRejected(
                            400,
                            "Quantity \"" + quantityText + "\" of product " + Catalog.productId(index.getAsLong())
                                    + " is not a number");
                }
                if (quantity.signum() <= 0) {
                    throw new RequestRejected(400, "Quantity " + quantityText + " must be positive");
                }
            }
            String unitId = item.get("UnitId");
            Catalog.Unit unit = Catalog.UNITS.get(0);
            if (unitId != null && !unitId.isBlank()) {
                unit = Catalog.UNITS.stream()
                        .filter(u -> u.id().equalsIgnoreCase(unitId.strip()))
                        .findFirst()
                        .orElseThrow(() -> new RequestRejected(
                                400,
                                "unknown UnitId \"" + unitId + "\"; units are "
                                        + Catalog.UNITS.stream()
                                                .map(Catalog.Unit::id)
                                                .toList()));
            }
            lookups.add(new Lookup(item, index.getAsLong(), currency, quantity, unit));
        }
        return lookups;
    }

    /** The customer's price per unit of measure: the piece price at (quantity × pieces per unit) × pieces. */
    private BigDecimal unitPrice(String customer, Lookup lookup) {
        BigDecimal pieces = BigDecimal.valueOf(lookup.unit().quantity());
        return prices.unitPrice(
                        customer,
                        lookup.index(),
                        lookup.currency(),
                        lookup.quantity().multiply(pieces))
                .multiply(pieces);
    }

    private void livePrices(List<Lookup> lookups, String customer, Consumer<TableRow> out) {
        for (Lookup lookup : lookups) {
            Catalog.Product product = catalog.product(lookup.index());
            RowBuilder row = RowBuilder.of("EcomProducts")
                    .put("ProductID", product.id())
                    .put("ProductVariantID", nullToEmpty(lookup.item().get("ProductVariantID")))
                    .put("ProductNumber", product.id())
                    .put("ProductName", product.name())
                    .put("ProductPrice", unitPrice(customer, lookup))
                    .put("ProductStock", product.stock() / lookup.unit().quantity())
                    .put("ProductCurrencyCode", lookup.currency());
            if (lookup.item().get("Quantity") != null) {
                row.put("Quantity", lookup.quantity().stripTrailingZeros().toPlainString());
            }
            if (lookup.item().get("UnitId") != null) {
                row.put("UnitId", lookup.unit().id());
            }
            out.accept(row.build());
        }
    }

    private void batchPriceRow(long index, Consumer<TableRow> out) {
        BigDecimal list = prices.listPrice(index, catalog.systemCurrency());
        out.accept(RowBuilder.of("EcomProducts")
                .put("ProductId", Catalog.productId(index))
                .put("ProductVariantId", "")
                .put("ProductLanguageId", catalog.defaultLanguage())
                .put("ProductNumber", Catalog.productId(index))
                .put("ProductPrice", list)
                .put("ProductCost", Catalog.cost(list))
                .build());
    }

    private void priceRows(List<Lookup> lookups, String customer, Consumer<TableRow> out) {
        for (Lookup lookup : lookups) {
            BigDecimal price = unitPrice(customer, lookup);
            out.accept(RowBuilder.of("EcomProducts")
                    .put("ProductId", Catalog.productId(lookup.index()))
                    .put("ProductVariantId", nullToEmpty(lookup.item().get("ProductVariantID")))
                    .put("ProductLanguageId", catalog.defaultLanguage())
                    .put("ProductNumber", Catalog.productId(lookup.index()))
                    .put("ProductPrice", price)
                    .put("ProductCost", Catalog.cost(prices.listPrice(lookup.index(), lookup.currency())))
                    .put("ProductCurrencyCode", lookup.currency())
                    .put("Quantity", lookup.quantity().stripTrailingZeros().toPlainString())
                    .put("UnitId", lookup.unit().id())
                    .build());
        }
    }

    private void stockRow(long index, Consumer<TableRow> out) {
        out.accept(RowBuilder.of("EcomProducts")
                .put("ProductId", Catalog.productId(index))
                .put("ProductVariantId", "")
                .put("ProductLanguageId", catalog.defaultLanguage())
                .put("ProductNumber", Catalog.productId(index))
                .put("ProductStock", catalog.product(index).stock())
                .build());
    }

    private void stockRows(List<Lookup> lookups, Consumer<TableRow> out) {
        for (Lookup lookup : lookups) {
            stockRow(lookup.index(), out);
        }
    }

    // ---- customers ----

    private TableRow accessUser(long index, KnownTable flavour) {
        Catalog.Customer customer = catalog.customer(index);
        if (flavour == KnownTable.Users) { // IF v1 column set (seed 002)
            return RowBuilder.of("AccessUser")
                    .put("AccessUserExternalID", customer.externalId())
                    .put("AccessUserCustomerNumber", customer.externalId())
                    .put("AccessUserName", customer.company())
                    .put("AccessUserEmail", customer.email())
                    .put("AccessUserPhone", customer.phone())
                    .put("AccessUserFax", "")
                    .put("AccessUserAddress", customer.street())
                    .put("AccessUserAddress2", "")
                    .put("AccessUserZip", customer.zip())
                    .put("AccessUserCity", customer.city())
                    .put("AccessUserCountry", customer.countryCode())
                    .put("AccessUserCurrencyCharacter", customer.currency())
                    .put("AccessUserActive", "true")
                    .put("AccessUserWeb", "")
                    .build();
        }
        return RowBuilder.of("AccessUser") // IF v2 column set (seed 003)
                .put("AccessUserExternalId", customer.externalId())
                .put("AccessUserCustomerNumber", customer.externalId())
                .put("AccessUserUserName", customer.externalId())
                .put("AccessUserType", 5)
                .put("AccessUserName", customer.company())
                .put("AccessUserCompany", customer.company())
                .put("AccessUserFirstName", "")
                .put("AccessUserMiddleName", "")
                .put("AccessUserLastName", "")
                .put("AccessUserAddress", customer.street())
                .put("AccessUserAddress2", "")
                .put("AccessUserHouseNumber", "")
                .put("AccessUserCity", customer.city())
                .put("AccessUserState", "")
                .put("AccessUserCountryCode", customer.countryCode())
                .put("AccessUserCountry", customer.country())
                .put("AccessUserZip", customer.zip())
                .put("AccessUserEmail", customer.email())
                .put("AccessUserPhone", customer.phone())
                .put("AccessUserFax", "")
                .put(
                        "AccessUserVatRegNumber",
                        customer.countryCode()
                                + String.format(
                                        Locale.ROOT, "%08d", Hash.below(catalog.seed(), index, 40, 100_000_000)))
                .put("AccessUserActive", "true")
                .build();
    }

    private TableRow accessUserAddress(long index) {
        Catalog.Customer customer = catalog.customer(index);
        return RowBuilder.of("AccessUserAddress")
                .put("AccessUserAddressCallName", customer.company() + " - Delivery")
                .put("AccessUserAddressCompany", customer.company())
                .put("AccessUserAddressName", customer.company() + " - Delivery")
                .put("AccessUserAddressAddress", customer.street())
                .put("AccessUserAddressAddress2", "")
                .put("AccessUserAddressZip", customer.zip())
                .put("AccessUserAddressCity", customer.city())
                .put("AccessUserAddressCountry", customer.country())
                .put("AccessUserAddressPhone", customer.phone())
                .put("AccessUserAddressFax", "")
                .put("AccessUserAddressEmail", customer.email())
                .put("AccessUserAddressCustomerNumber", customer.externalId())
                .put("AccessUserAddressUId", Long.toString(Catalog.FIRST_CUSTOMER * 1000 + index))
                .put("AccessUserAddressState", "")
                .put("AccessUserAddressCountryCode", customer.countryCode())
                .put("AccessUserAddressUserId", customer.externalId())
                .build();
    }

    private void customersById(List<FilterItem> items, KnownTable flavour, Consumer<TableRow> out) {
        List<Long> found = new ArrayList<>();
        for (FilterItem item : items) {
            item.fields().values().stream()
                    .map(catalog::customerIndex)
                    .filter(OptionalLong::isPresent)
                    .map(OptionalLong::getAsLong)
                    .findFirst()
                    .ifPresent(found::add);
        }
        found.forEach(index -> out.accept(accessUser(index, flavour)));
        found.forEach(index -> out.accept(accessUserAddress(index)));
    }

    // ---- small tables ----

    private void currencies(TableRequest table, Consumer<TableRow> out) {
        String system = catalog.systemCurrency();
        for (String code : catalog.currencies()) {
            if (!matches(table, code)) {
                continue;
            }
            CurrencyTable.Currency currency = CurrencyTable.find(code).orElseThrow();
            out.accept(RowBuilder.of("EcomCurrencies")
                    .put("CurrencyCode", code)
                    .put("CurrencyName", currency.name())
                    .put("CurrencyLanguageId", catalog.defaultLanguage())
                    .put("CurrencySymbol", currency.symbol())
                    // Dynamicweb convention: the system currency is 100; others: value of 100 units in it.
                    .put("CurrencyRate", PriceFunction.convert(BigDecimal.valueOf(100), code, system))
                    .put("CurrencyIsDefault", code.equals(system) ? "TRUE" : "FALSE")
                    .build());
        }
    }

    private static final Map<String, String[]> LANGUAGE_NAMES = Map.of(
            "en",
            new String[] {"English", "English"},
            "da",
            new String[] {"Danish", "Dansk"},
            "de",
            new String[] {"German", "Deutsch"},
            "sv",
            new String[] {"Swedish", "Svenska"},
            "nb",
            new String[] {"Norwegian", "Norsk"},
            "fr",
            new String[] {"French", "Français"},
            "nl",
            new String[] {"Dutch", "Nederlands"},
            "bg",
            new String[] {"Bulgarian", "Български"});

    private void languages(TableRequest table, Consumer<TableRow> out) {
        for (String language : catalog.languages()) {
            if (!matches(table, language)) {
                continue;
            }
            String[] parts = language.split("[-_]");
            String[] names =
                    LANGUAGE_NAMES.getOrDefault(parts[0].toLowerCase(Locale.ROOT), new String[] {language, language});
            out.accept(RowBuilder.of("EcomLanguages")
                    .put("LanguageId", language)
                    .put("LanguageCode2", (parts.length > 1 ? parts[1] : parts[0]).toUpperCase(Locale.ROOT))
                    .put("LanguageNativeName", names[1])
                    .put("LanguageName", names[0])
                    .build());
        }
    }

    private void unitOptions(Consumer<TableRow> out) {
        for (String language : catalog.languages()) {
            out.accept(RowBuilder.of("EcomVariantGroups")
                    .put("VariantGroupId", UNIT_GROUP)
                    .put("VariantGroupLanguageId", language)
                    .put("VariantGroupName", "ERP Units")
                    .put("VariantGroupLabel", "")
                    .put("VariantGroupUnit", "True")
                    .build());
        }
        for (Catalog.Unit unit : Catalog.UNITS) {
            for (String language : catalog.languages()) {
                out.accept(RowBuilder.of("EcomVariantsOptions")
                        .put("VariantOptionId", unit.id())
                        .put("VariantOptionLanguageId", language)
                        .put("VariantOptionGroupId", UNIT_GROUP)
                        .put("VariantOptionName", unit.name())
                        .build());
            }
        }
    }

    private TableRow stockUnit(long index) {
        Catalog.Product product = catalog.product(index);
        int quantity = Catalog.UNITS.stream()
                .filter(unit -> unit.id().equals(product.defaultUnit()))
                .mapToInt(Catalog.Unit::quantity)
                .findFirst()
                .orElse(1);
        return RowBuilder.of("EcomStockUnit")
                .put("StockUnitProductId", product.id())
                .put("StockUnitVariantId", "")
                .put("StockUnitId", product.defaultUnit())
                .put("StockUnitQuantity", quantity)
                .build();
    }

    private void stockUnitsOf(List<Lookup> lookups, Consumer<TableRow> out) {
        unitOptions(out);
        for (Lookup lookup : lookups) {
            out.accept(stockUnit(lookup.index()));
        }
    }

    private void manufacturers(TableRequest table, Consumer<TableRow> out) {
        String[][] places = {
            {"Marietta", "USA", "30008"},
            {"Aarhus", "Denmark", "8000"},
            {"Leeds", "UK", "LS1 1UR"},
            {"Munich", "Germany", "80331"}
        };
        for (int i = 0; i < Catalog.MANUFACTURERS; i++) {
            String id = Catalog.manufacturerId(i);
            if (!matches(table, id)) {
                continue;
            }
            String[] place = places[(int) Hash.below(catalog.seed(), i, 41, places.length)];
            out.accept(RowBuilder.of("EcomManufacturers")
                    .put("ManufacturerId", id)
                    .put("ManufacturerName", catalog.manufacturerName(i))
                    .put("ManufacturerAddress", (10 + i) + " Industrial Park")
                    .put("ManufacturerZipCode", place[2])
                    .put("ManufacturerCity", place[0])
                    .put("ManufacturerCountry", place[1])
                    .put("ManufacturerPhone", String.format(Locale.ROOT, "341-555-%04d", i))
                    .put("ManufacturerFax", "")
                    .put("ManufacturerEmail", "sales@" + id.toLowerCase(Locale.ROOT) + ".example")
                    .put("ManufacturerWeb", "https://" + id.toLowerCase(Locale.ROOT) + ".example")
                    .build());
        }
    }

    private void groups(TableRequest table, Consumer<TableRow> out) {
        for (String language : catalog.languages()) {
            for (int top = 0; top < Catalog.TOP_GROUPS; top++) {
                if (matches(table, Catalog.topGroupId(top))) {
                    out.accept(group(Catalog.topGroupId(top), language, Catalog.topGroupName(top), ""));
                }
                for (int sub = 0; sub < Catalog.SUB_GROUPS; sub++) {
                    if (matches(table, Catalog.subGroupId(top, sub))) {
                        out.accept(group(
                                Catalog.subGroupId(top, sub),
                                language,
                                Catalog.subGroupName(top, sub),
                                Catalog.topGroupId(top)));
                    }
                }
            }
        }
    }

    private static TableRow group(String id, String language, String name, String parent) {
        return RowBuilder.of("EcomGroups")
                .put("GroupId", id)
                .put("GroupLanguageId", language)
                .put("GroupName", name)
                .put("ParentGroups", parent)
                .build();
    }

    private void relatedRows(long index, Consumer<TableRow> out) {
        int sort = 0;
        for (long related : catalog.related(index)) {
            out.accept(RowBuilder.of("EcomProductsRelated")
                    .put("ProductRelatedProductId", Catalog.productId(index))
                    .put("ProductRelatedProductRelId", Catalog.productId(related))
                    .put("ProductRelatedGroupId", sort == 0 ? "ACCESSORIES" : "FBT")
                    .put("ProductRelatedSortOrder", sort++)
                    .build());
        }
    }

    private void relatedOf(List<Lookup> lookups, Consumer<TableRow> out) {
        for (Lookup lookup : lookups) {
            relatedRows(lookup.index(), out);
        }
    }

    /** Filter on small tables: keep a row when any item's field value equals its key (case-insensitive). */
    private static boolean matches(TableRequest table, String key) {
        if (table.type() != RequestType.FILTER) {
            return true;
        }
        return table.items().stream()
                .flatMap(item -> item.fields().values().stream())
                .anyMatch(value -> value != null && value.strip().equalsIgnoreCase(key));
    }

    // ---- sales orders ----

    private void salesHeaders(TableRequest table, Consumer<TableRow> out) {
        List<OrderBook.CreatedOrder> selected = new ArrayList<>();
        if (table.type() == RequestType.FILTER) {
            for (FilterItem item : table.items()) {
                String orderId = item.get("OrderId");
                if (orderId != null && !orderId.isBlank()) {
                    orders.find(orderId.strip()).stream()
                            .filter(o -> !selected.contains(o))
                            .forEach(selected::add);
                }
                String erpNumber = item.get("OrderIntegrationOrderId");
                if (erpNumber != null && !erpNumber.isBlank()) {
                    orders.createdOrders().stream()
                            .filter(o -> o.erpOrderNumber().equals(erpNumber.strip()))
                            .filter(o -> !selected.contains(o))
                            .forEach(selected::add);
                }
            }
        } else {
            selected.addAll(orders.createdOrders());
        }
        for (OrderBook.CreatedOrder order : selected) {
            out.accept(salesHeader(order));
        }
        for (OrderBook.CreatedOrder order : selected) {
            for (Map<String, String> line : order.result().lines()) {
                out.accept(RowBuilder.of("EcomOrderLines")
                        .putAll(line)
                        .put("OrderLineOrderId", order.shopOrderId())
                        .put("NetPrice", line.get("OrderLineUnitPriceWithoutVAT"))
                        .build());
            }
        }
    }

    private static TableRow salesHeader(OrderBook.CreatedOrder order) {
        Map<String, String> calc = order.result().order();
        return RowBuilder.of("EcomOrders")
                .put("OrderCreated", "TRUE")
                .put("OrderComplete", "TRUE")
                .put("OrderIntegrationOrderId", order.erpOrderNumber())
                .put("OrderId", order.shopOrderId())
                .put("OrderShopId", "")
                .put("OrderCurrencyCode", calc.get("OrderCurrencyCode"))
                .put("OrderDate", ISO.format(order.createdAt()))
                .put("OrderIsLedgerEntry", "False")
                .put("OrderPaymentMethod", calc.get("OrderPaymentMethodName"))
                .put("OrderShippingMethodName", calc.get("OrderShippingMethodName"))
                .put("OrderCustomerNumber", nullToEmpty(order.customerId()))
                .put("OrderCustomerName", calc.get("OrderCustomerName"))
                .put("OrderCustomerEmail", calc.get("OrderCustomerEmail"))
                .put("OrderCustomerPhone", calc.get("OrderCustomerPhone"))
                .put("OrderDeliveryName", calc.get("OrderDeliveryName"))
                .put("OrderDeliveryAddress", calc.get("OrderDeliveryAddress"))
                .put("OrderDeliveryAddress2", calc.get("OrderDeliveryAddress2"))
                .put("OrderDeliveryCity", calc.get("OrderDeliveryCity"))
                .put("OrderDeliveryCountryCode", calc.get("OrderDeliveryCountryCode"))
                .put("OrderDeliveryZip", calc.get("OrderDeliveryZip"))
                .put("OrderShippingFee", calc.get("OrderShippingFee"))
                .put("OrderShippingFeeWithVat", calc.get("OrderShippingFeeWithVat"))
                .put("OrderShippingFeeWithoutVat", calc.get("OrderShippingFeeWithoutVat"))
                .put("OrderSalesDiscount", calc.get("OrderSalesDiscount"))
                .put("OrderPriceWithVat", calc.get("OrderPriceWithVAT"))
                .put("OrderPriceWithoutVat", calc.get("OrderPriceWithoutVAT"))
                .put("OrderPriceVat", calc.get("OrderPriceVAT"))
                .put("OrderPriceBeforeFeesWithVat", calc.get("OrderPriceBeforeFeesWithVat"))
                .put("OrderPriceBeforeFeesWithoutVat", calc.get("OrderPriceBeforeFeesWithoutVat"))
                .build();
    }

    // ---- customer documents ----

    private Section customerDocuments(TableRequest table, String customer, Map<String, String> extra) {
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
        return Section.fixed(out -> {
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
    public Reply documentPdf(GetDocumentPdf request) {
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

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
