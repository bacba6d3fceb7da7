package io.erplink.protocol.requests;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.erplink.protocol.ProtocolException;
import io.erplink.protocol.tables.Seeds;
import io.erplink.protocol.tables.TablesReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every request sample of seeds 002 and 003 parses into a typed request and round-trips. */
class SeedRequestsTest {

    static List<String> requests() {
        List<String> names = Seeds.named(".request.xml");
        assertEquals(20, names.size(), names.toString());
        return names;
    }

    @ParameterizedTest
    @MethodSource("requests")
    void seedRequestParsesAndRoundTrips(String name) {
        ConnectorRequest request = ConnectorRequest.parse(new ByteArrayInputStream(Seeds.bytes(name)));
        ConnectorRequest again = ConnectorRequest.parse(request.toXml());
        assertEquals(request, again, request.toXml());
        if (request instanceof GetEcomData data) {
            for (TableRequest table : data.tables()) {
                assertTrue(KnownTable.of(table.name()).isPresent(), table.name() + " is a known table");
            }
        }
    }

    @Test
    void everyV2BatchTableHasItsRequest() {
        List<String> expected = List.of(
                "Currencies",
                "Customers",
                "Languages",
                "Manufacturers",
                "SalesHeaders",
                "ProductGroups",
                "ProductPrices",
                "ProductStock",
                "Products",
                "RelatedProducts",
                "Units");
        List<String> found = Seeds.named(".request.xml").stream()
                .filter(n -> n.startsWith("v2-"))
                .map(n -> GetEcomData.parse(new ByteArrayInputStream(Seeds.bytes(n))))
                .map(r -> r.tables().get(0).name())
                .sorted()
                .toList();
        assertEquals(expected.stream().sorted().toList(), found);
        GetEcomData stock = GetEcomData.parse(new ByteArrayInputStream(Seeds.bytes("v2-product-stock.request.xml")));
        assertEquals(GetEcomData.all("ProductStock"), stock);
        assertEquals(RequestType.ALL, stock.tables().get(0).type());
    }

    @Test
    void livePriceRequestCarriesTheFilterItems() {
        GetEcomData request = GetEcomData.parse(new ByteArrayInputStream(Seeds.bytes("v1-live-prices.request.xml")));
        assertEquals(Optional.of("50000"), request.externalUserId());
        TableRequest products = request.table("products").orElseThrow();
        assertEquals(RequestType.FILTER, products.type());
        FilterItem product = products.items().get(0);
        assertEquals("Product", product.element());
        assertEquals(
                Map.of("ProductID", "10001", "ProductVariantID", "", "ProductNumber", "10001", "CurrencyCode", "GBP"),
                product.fields());
        assertEquals(
                List.of("ProductID", "ProductVariantID", "ProductNumber", "CurrencyCode"),
                List.copyOf(product.fields().keySet()));
        assertEquals(request, GetEcomData.productFilter("50000", List.of(product.fields())));
    }

    @Test
    void v1RequestsKeepShopIdAndTheDefaultRequestListsFiveTables() {
        GetEcomData products = GetEcomData.parse(new ByteArrayInputStream(Seeds.bytes("v1-products.request.xml")));
        assertEquals(Optional.of("SHOP1"), products.shopId());
        GetEcomData all = GetEcomData.parse(new ByteArrayInputStream(Seeds.bytes("v1-default-all.request.xml")));
        assertEquals(
                GetEcomData.all(
                        KnownTable.Products,
                        KnownTable.Currencies,
                        KnownTable.Languages,
                        KnownTable.Manufacturers,
                        KnownTable.Units),
                all);
    }

    @Test
    void calculateOrderOfSeed002() {
        CalculateOrder order =
                CalculateOrder.parse(new ByteArrayInputStream(Seeds.bytes("v1-calculate-order.request.xml")));
        assertFalse(order.createOrder());
        assertEquals("CART2548", order.orderId());
        assertEquals("50000", order.customerId());
        assertEquals("GBP", order.currencyCode());
        assertEquals("", order.get("OrderIntegrationOrderID"), "<column .../> is empty, not null");
        assertEquals("03/03/2017 09:49:36", order.get("orderdate"));
        assertEquals(26, order.order().size());
        assertEquals(1, order.lines().size());
        assertEquals("300", order.lines().get(0).get("OrderLineUnitPriceWithoutVAT"));
        CalculateOrder create = order.withCreateOrder(true);
        assertTrue(create.createOrder());
        assertEquals(create, CalculateOrder.parse(new ByteArrayInputStream(create.toBytes())));
        assertEquals("CalculateOrder.create", create.describe());
    }

    @Test
    void calculateOrderResultsOfSeeds() {
        try (TablesReader reader =
                TablesReader.open(new ByteArrayInputStream(Seeds.bytes("v1-calculate-order.response.xml")))) {
            CalculateOrderResult result = CalculateOrderResult.read(reader);
            assertFalse(result.orderCreated());
            assertNull(result.integrationOrderId());
            assertEquals("750", result.get("OrderPriceWithVAT"));
            assertEquals(1, result.lines().size());
            assertEquals(
                    CalculateOrderResult.LINE_PRODUCT,
                    CalculateOrderResult.lineType(result.lines().get(0)));
        }
        try (TablesReader reader = TablesReader.open(new ByteArrayInputStream(Seeds.bytes("v2-orders.response.xml")))) {
            CalculateOrderResult result = CalculateOrderResult.read(reader);
            assertTrue(result.orderCreated(), "OrderCreated TRUE");
            assertEquals("000773", result.integrationOrderId(), "v2 spells OrderIntegrationOrderId");
            assertEquals("2600.00", result.lines().get(0).get("OrderLinePriceWithVat"));
        }
    }

    @Test
    void orderExistenceCheckAsksSalesHeadersByOrderId() {
        GetEcomData check = GetEcomData.salesHeaderByOrderId("SHOP-ORDER-1");
        String xml = check.toXml();
        assertTrue(
                xml.contains(
                        "<SalesHeaders type=\"filter\"><SalesHeader><OrderId>SHOP-ORDER-1</OrderId></SalesHeader></SalesHeaders>"),
                xml);
        assertEquals(check, GetEcomData.parse(new ByteArrayInputStream(check.toBytes())));
    }

    @Test
    void customerDocumentsAndPdfRequestsRoundTrip() {
        GetEcomData list = GetEcomData.customerDocuments("C-42", DocumentType.Invoice, 2, 20, null, true);
        String xml = list.toXml();
        assertTrue(
                xml.contains(
                        "<GetEcomData ExternalUserID=\"C-42\"><tables><CustomerDocuments type=\"filter\" "
                                + "documentType=\"Invoice\" pageIndex=\"2\" pageSize=\"20\" sortBy=\"DocumentDate\" sortOrder=\"desc\"/>"),
                xml);
        GetEcomData back = GetEcomData.parse(new ByteArrayInputStream(list.toBytes()));
        assertEquals(list, back);
        assertEquals(
                "Invoice", back.table(CustomerDocuments.TABLE).orElseThrow().attribute("documenttype"));

        GetDocumentPdf pdf = new GetDocumentPdf("C-42", "Invoice", "INV-0001");
        assertEquals(
                "<GetDocumentPdf ExternalUserID=\"C-42\" documentType=\"Invoice\" documentNumber=\"INV-0001\"/>",
                pdf.toXml());
        assertEquals(pdf, ConnectorRequest.parse(pdf.toXml()));
        assertThrows(
                ProtocolException.class, () -> ConnectorRequest.parse("<GetDocumentPdf ExternalUserID=\"C-42\"/>"));
    }

    @Test
    void pagingRepeatsTheRequestWithBatchIdAndPageNumber() {
        GetEcomData first = GetEcomData.all("Products").with(RequestAttributes.SHOP_ID, "SHOP1");
        GetEcomData second = first.page("{B-1}", 2);
        assertEquals(Optional.of("{B-1}"), second.batchId());
        assertEquals(Optional.of(2), second.pageNumber());
        assertEquals(first.tables(), second.tables());
        assertEquals(Optional.of("SHOP1"), second.shopId());
        GetEcomData third = second.page("{B-1}", 3);
        assertEquals(Optional.of(3), third.pageNumber());
        assertEquals(
                List.of("shopID", "batchId", "pageNumber"),
                List.copyOf(third.attributes().keySet()),
                "attributes replaced, not repeated");
        assertEquals(third, GetEcomData.parse(new ByteArrayInputStream(third.toBytes())), "a page can be re-requested");
    }

    @Test
    void attributesAreReadIgnoringCase() {
        GetEcomData request =
                GetEcomData.parse(new ByteArrayInputStream(("<GetEcomData ExternalUserId=\"7\" shopid=\"S\" "
                                + "customModifier=\"M\" reimport=\"false\" lastSuccessfulRun=\"2024-01-01T00:00:00Z\" pageSize=\"500\">"
                                + "<tables><MyCustomTable type=\"all\" extra=\"x\"/></tables></GetEcomData>")
                        .getBytes()));
        assertEquals(Optional.of("7"), request.externalUserId());
        assertEquals(Optional.of("S"), request.shopId());
        assertEquals(Optional.of("M"), request.customModifier());
        assertFalse(request.reimport());
        assertEquals(Optional.of("2024-01-01T00:00:00Z"), request.lastSuccessfulRun());
        assertEquals(Optional.of(500), request.pageSize());
        TableRequest custom = request.tables().get(0);
        assertEquals("MyCustomTable", custom.name(), "unknown tables still parse (custom requests)");
        assertTrue(KnownTable.of(custom.name()).isEmpty());
        assertEquals(Map.of("extra", "x"), custom.attributes());
    }

    @Test
    void unknownOrMistypedRequestsAreRejected() {
        ProtocolException unknown = assertThrows(ProtocolException.class, () -> ConnectorRequest.parse("<Foo/>"));
        assertTrue(unknown.getMessage().contains("unknown request <Foo>"), unknown.getMessage());
        ProtocolException wrongType = assertThrows(
                ProtocolException.class,
                () -> GetEcomData.parse(new ByteArrayInputStream(Seeds.bytes("v1-calculate-order.request.xml"))));
        assertTrue(
                wrongType.getMessage().contains("expected <GetEcomData> but found <CalculateOrder>"),
                wrongType.getMessage());
        ProtocolException badType = assertThrows(
                ProtocolException.class,
                () -> ConnectorRequest.parse("<GetEcomData><tables><Products type=\"some\"/></tables></GetEcomData>"));
        assertTrue(badType.getMessage().contains("must be all or filter"), badType.getMessage());
        assertThrows(ProtocolException.class, () -> ConnectorRequest.parse("<GetEcomData><tables/></GetEcomData>"));
        assertThrows(ProtocolException.class, () -> ConnectorRequest.parse("<GetEcomData>text<tables/></GetEcomData>"));
    }

    @Test
    void valuesNeedingEscapesOrWhitespaceSurviveARequestRoundTrip() {
        Map<String, String> order = new java.util.LinkedHashMap<>();
        order.put("OrderID", "A&B <1>");
        order.put("OrderCustomerName", "  padded  ");
        order.put("OrderComment", "line1\r\nline2");
        order.put("OrderCustomerFax", null);
        order.put("OrderCustomerPhone", "");
        CalculateOrder request = new CalculateOrder(order, List.of(Map.of("OrderLineID", "1")));
        CalculateOrder back = assertInstanceOf(CalculateOrder.class, ConnectorRequest.parse(request.toXml()));
        assertEquals(request, back, request.toXml());
        assertNull(back.get("OrderCustomerFax"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new CalculateOrder(Map.of("OrderID", "bad\u0000"), List.of()).toXml());
    }
}
