package io.erplink.protocol.requests;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.erplink.protocol.CaseInsensitive;
import io.erplink.protocol.ProtocolException;
import io.erplink.protocol.xml.XmlElement;
import io.erplink.protocol.xml.XmlOut;

/**
 * {@code <GetEcomData ExternalUserID=".." shopID=".."><tables><Products type="all"/>...</tables></GetEcomData>}:
 * the data request of seeds 002 and 003, for batch imports ({@code type="all"}) and live lookups
 * ({@code type="filter"} with items).
 *
 * @param attributes root attributes (see {@link RequestAttributes}), document order
 * @param tables     the table requests
 */
public record GetEcomData(Map<String, String> attributes, List<TableRequest> tables) implements ConnectorRequest {

    public GetEcomData {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes == null ? Map.of() : attributes));
        tables = List.copyOf(tables);
        if (tables.isEmpty()) {
            throw new ProtocolException("GetEcomData without any table request");
        }
    }

    /** {@code <GetEcomData><tables><table type="all"/></tables></GetEcomData>}. */
    public static GetEcomData all(String table) {
        return new GetEcomData(Map.of(), List.of(TableRequest.all(table)));
    }

    /** One request for several whole tables, e.g. the v1 default {@code Products, Currencies, Languages, ...}. */
    public static GetEcomData all(KnownTable... tables) {
        List<TableRequest> requests = new ArrayList<>();
        for (KnownTable table : tables) {
            requests.add(TableRequest.all(table.name()));
        }
        return new GetEcomData(Map.of(), requests);
    }

    /**
     * The live price/stock lookup of seed 002: {@code <GetEcomData ExternalUserID=".."><tables>
     * <Products type="filter"><Product><ProductID/>...</Product>...}.
     *
     * @param externalUserId the ERP customer, or "Anonymous"
     * @param products       one field map per product (ProductID, ProductVariantID, ProductNumber, CurrencyCode, ...)
     */
    public static GetEcomData productFilter(String externalUserId, List<Map<String, String>> products) {
        List<FilterItem> items = new ArrayList<>();
        for (Map<String, String> product : products) {
            items.add(new FilterItem("Product", product));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if (externalUserId != null) {
            attributes.put(RequestAttributes.EXTERNAL_USER_ID, externalUserId);
        }
        return new GetEcomData(
                attributes, List.of(new TableRequest(KnownTable.Products.name(), RequestType.FILTER, Map.of(), items)));
    }

    /**
     * A page of a customer's documents: {@code <GetEcomData ExternalUserID=".."><tables><CustomerDocuments
     * type="filter" documentType="Invoice" pageIndex="1" pageSize="20" sortBy="DocumentDate"
     * sortOrder="desc"/></tables></GetEcomData>}; answered by a {@link CustomerDocuments#TABLE} table
     * with {@code totalCount} on {@code <tables>}.
     */
    public static GetEcomData customerDocuments(
            String externalUserId, DocumentType type, int pageIndex, int pageSize, String sortBy, boolean descending) {
        if (externalUserId == null || externalUserId.isBlank()) {
            throw new IllegalArgumentException("customer documents need the ExternalUserID");
        }
        if (pageIndex < 1 || pageSize < 1) {
            throw new IllegalArgumentException("pageIndex and pageSize start at 1");
        }
        Map<String, String> tableAttributes = new LinkedHashMap<>();
        tableAttributes.put(CustomerDocuments.DOCUMENT_TYPE_ATTRIBUTE, type.name());
        tableAttributes.put(CustomerDocuments.PAGE_INDEX_ATTRIBUTE, Integer.toString(pageIndex));
        tableAttributes.put(CustomerDocuments.PAGE_SIZE_ATTRIBUTE, Integer.toString(pageSize));
        tableAttributes.put(
                CustomerDocuments.SORT_BY_ATTRIBUTE, sortBy == null ? CustomerDocuments.DOCUMENT_DATE : sortBy);
        tableAttributes.put(CustomerDocuments.SORT_ORDER_ATTRIBUTE, descending ? "desc" : "asc");
        return new GetEcomData(
                Map.of(RequestAttributes.EXTERNAL_USER_ID, externalUserId),
                List.of(new TableRequest(
                        KnownTable.CustomerDocuments.name(), RequestType.FILTER, tableAttributes, List.of())));
    }

    /** The existence check for a shop order: SalesHeaders filtered by the shop's OrderId. */
    public static GetEcomData salesHeaderByOrderId(String orderId) {
        return new GetEcomData(
                Map.of(),
                List.of(new TableRequest(
                        KnownTable.SalesHeaders.name(),
                        RequestType.FILTER,
                        Map.of(),
                        List.of(new FilterItem("SalesHeader", Map.of("OrderId", orderId))))));
    }

    /** This request with an attribute set (replacing any in another case), e.g. the next page's batchId. */
    public GetEcomData with(String attribute, String value) {
        Map<String, String> copy = new LinkedHashMap<>(attributes);
        copy.keySet().removeIf(key -> key.equalsIgnoreCase(attribute));
        copy.put(attribute, value);
        return new GetEcomData(copy, tables);
    }

    /**
     * The request for the page after a response whose {@code <tables>} said {@code ExportIsDone="false"}:
     * this identical request plus {@code batchId} and {@code pageNumber}. Re-sending it (after a crash)
     * asks for the same page again.
     */
    public GetEcomData page(String batchId, int pageNumber) {
        if (pageNumber < 1) {
            throw new IllegalArgumentException("pageNumber starts at 1");
        }
        GetEcomData next = this;
        if (batchId != null) {
            next = next.with(RequestAttributes.BATCH_ID, batchId);
        }
        return next.with(RequestAttributes.PAGE_NUMBER, Integer.toString(pageNumber));
    }

    /** A root attribute by name, case-insensitive. */
    public Optional<String> attribute(String name) {
        return Optional.ofNullable(CaseInsensitive.get(attributes, name));
    }

    public Optional<String> externalUserId() {
        return attribute(RequestAttributes.EXTERNAL_USER_ID);
    }

    public Optional<String> shopId() {
        return attribute(RequestAttributes.SHOP_ID);
    }

    public Optional<String> customModifier() {
        return attribute(RequestAttributes.CUSTOM_MODIFIER);
    }

    public Optional<String> batchId() {
        return attribute(RequestAttributes.BATCH_ID);
    }

    /** The requested page (from 1), when given. */
    public Optional<Integer> pageNumber() {
        return attribute(RequestAttributes.PAGE_NUMBER).map(value -> positive(RequestAttributes.PAGE_NUMBER, value));
    }

    public Optional<Integer> pageSize() {
        return attribute(RequestAttributes.PAGE_SIZE).map(value -> positive(RequestAttributes.PAGE_SIZE, value));
    }

    /** True unless {@code reimport="false"}. */
    public boolean reimport() {
        return attribute(RequestAttributes.REIMPORT)
                .map(value -> !"false".equalsIgnoreCase(value.strip()))
                .orElse(true);
    }

    /** {@code lastSuccessfulRun} (ISO-8601), for change-only imports. */
    public Optional<String> lastSuccessfulRun() {
        return attribute(RequestAttributes.LAST_SUCCESSFUL_RUN);
    }

    /** Parses a {@code <GetEcomData>} document. */
    public static GetEcomData parse(InputStream in) {
        ConnectorRequest request = ConnectorRequest.parse(in);
        if (request instanceof GetEcomData data) {
            return data;
        }
        throw new ProtocolException("expected <GetEcomData> but found <" + request.rootElement() + ">");
    }

    private static int positive(String name, String value) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number < 1) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new ProtocolException(name + "=\"" + value + "\" is not a positive number");
        }
    }

    /** The table request with that name, case-insensitive. */
    public Optional<TableRequest> table(String name) {
        return tables.stream()
                .filter(table -> table.name().equalsIgnoreCase(name))
                .findFirst();
    }

    @Override
    public String describe() {
        return "GetEcomData."
                + String.join("+", tables.stream().map(TableRequest::name).toList());
    }

    @Override
    public String toXml() {
        XmlOut out = new XmlOut().start("GetEcomData", attributes).start("tables");
        for (TableRequest table : tables) {
            Map<String, String> tableAttributes = new LinkedHashMap<>();
            tableAttributes.put("type", table.type().xml());
            tableAttributes.putAll(table.attributes());
            out.start(table.name(), tableAttributes);
            for (FilterItem item : table.items()) {
                out.start(item.element());
                item.fields().forEach(out::element);
                out.end();
            }
            out.end();
        }
        return out.end().end().toString();
    }

    static GetEcomData from(XmlElement root) {
        XmlElement tablesElement = root.child("tables");
        if (tablesElement == null) {
            throw new ProtocolException("GetEcomData without <tables>");
        }
        List<TableRequest> tables = new ArrayList<>();
        for (XmlElement table : tablesElement.children()) {
            Map<String, String> attributes = new LinkedHashMap<>(table.attributes());
            attributes.keySet().removeIf(key -> key.equalsIgnoreCase("type"));
            List<FilterItem> items = new ArrayList<>();
            for (XmlElement item : table.children()) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (XmlElement field : item.children()) {
                    if (!field.children().isEmpty()) {
                        throw new ProtocolException("filter field <" + field.name() + "> of <" + item.name()
                                + "> must hold text, not elements");
                    }
                    fields.put(field.name(), field.text());
                }
                items.add(new FilterItem(item.name(), fields));
            }
            tables.add(new TableRequest(table.name(), RequestType.fromXml(table.attribute("type")), attributes, items));
        }
        return new GetEcomData(root.attributes(), tables);
    }
}
