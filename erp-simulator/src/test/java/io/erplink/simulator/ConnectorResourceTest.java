package io.erplink.simulator;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.erplink.protocol.signing.RequestSigner;
import io.erplink.protocol.tables.TableRow;
import io.erplink.simulator.catalog.Catalog;
import io.erplink.simulator.pricing.PriceFunction;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ConnectorResourceTest {
    /** %test: 2500 products, page size 1000, 50 customers. */
    private static final int PRODUCTS = 2500;

    @BeforeEach
    void reset() {
        given().delete("/admin/faults").then().statusCode(200);
        given().delete("/admin/orders").then().statusCode(204);
        createMode(false);
    }

    private static void createMode(boolean idempotent) {
        given().contentType("application/json")
                .body("{\"idempotent\":" + idempotent + "}")
                .put("/admin/create-mode")
                .then()
                .statusCode(200)
                .body("idempotent", org.hamcrest.Matchers.equalTo(idempotent));
    }

    @Test
    void createsASecondErpOrderForARepeatedOrderIdByDefaultAndReportsTheDuplicate() {
        String request = Connector.calculateOrder("SHOP-DUP-1", "50002", "EUR", true, "10003", "1");
        String first = Connector.tables(request).table("EcomOrders").get(0).get("OrderIntegrationOrderId");
        String second = Connector.tables(request).table("EcomOrders").get(0).get("OrderIntegrationOrderId");
        assertNotEquals(first, second, "a repeated OrderID creates a new ERP order with a new number");
        given().get("/admin/orders")
                .then()
                .body("size()", org.hamcrest.Matchers.equalTo(1))
                .body("[0].createRequests", org.hamcrest.Matchers.equalTo(2))
                .body("[0].erpOrderNumber", org.hamcrest.Matchers.equalTo(first))
                .body("[0].erpOrderNumbers", org.hamcrest.Matchers.contains(first, second))
                .body("[0].duplicates", org.hamcrest.Matchers.equalTo(1));
        given().get("/admin/orders/summary")
                .then()
                .body("idempotentCreate", org.hamcrest.Matchers.equalTo(false))
                .body("orderIds", org.hamcrest.Matchers.equalTo(1))
                .body("createdOrderIds", org.hamcrest.Matchers.equalTo(1))
                .body("erpOrders", org.hamcrest.Matchers.equalTo(2))
                .body("duplicates", org.hamcrest.Matchers.equalTo(1))
                .body("duplicatedOrderIds", org.hamcrest.Matchers.contains("SHOP-DUP-1"));
        Connector.Answer found = Connector.tables("<GetEcomData><tables><SalesHeaders type=\"filter\"><SalesHeader>"
                + "<OrderId>SHOP-DUP-1</OrderId></SalesHeader></SalesHeaders></tables></GetEcomData>");
        assertEquals(
                List.of(first, second),
                found.table("EcomOrders").stream()
                        .map(row -> row.get("OrderIntegrationOrderId"))
                        .toList(),
                "the existence check sees both ERP orders, as in a real ERP");
    }

    @Test
    void answersEveryBatchTableWithTheSeedsColumns() {
        String[][] expectations = {
            {"Currencies", "EcomCurrencies", "CurrencyCode"},
            {"Languages", "EcomLanguages", "LanguageId"},
            {"Manufacturers", "EcomManufacturers", "ManufacturerId"},
            {"ProductGroups", "EcomGroups", "ParentGroups"},
            {"Users", "AccessUser", "AccessUserCurrencyCharacter"},
            {"Customers", "AccessUser", "AccessUserType"},
            {"Customers", "AccessUserAddress", "AccessUserAddressCustomerNumber"},
            {"Units", "EcomVariantGroups", "VariantGroupUnit"},
            {"Units", "EcomVariantsOptions", "VariantOptionGroupId"},
            {"Units", "EcomStockUnit", "StockUnitQuantity"},
            {"RelatedProducts", "EcomProductsRelated", "ProductRelatedProductRelId"},
            {"ProductPrices", "EcomProducts", "ProductCost"},
            {"ProductStock", "EcomProducts", "ProductStock"},
            {"Products", "EcomProducts", "ProductDefaultUnitId"},
            {"Products", "EcomProductCategoryFieldValue", "FieldValueValue"}
        };
        for (String[] expectation : expectations) {
            Connector.Answer answer = Connector.tables("<GetEcomData shopID=\"SHOP1\"><tables><" + expectation[0]
                    + " type=\"all\"/></tables></GetEcomData>");
            List<TableRow> rows = answer.table(expectation[1]);
            assertFalse(rows.isEmpty(), expectation[0] + " answers " + expectation[1]);
            assertTrue(rows.get(0).has(expectation[2]), expectation[1] + " has " + expectation[2]);
        }
    }

    @Test
    void answersTheSeedsDefaultRequestWithAllItsTables() {
        Connector.Answer answer = Connector.tables(
                "<GetEcomData><tables><Products type=\"all\"/><Currencies type=\"all\"/>"
                        + "<Languages type=\"all\"/><Manufacturers type=\"all\"/><Units type=\"all\"/></tables></GetEcomData>");
        for (String table : List.of(
                "EcomProducts",
                "EcomCurrencies",
                "EcomLanguages",
                "EcomManufacturers",
                "EcomVariantGroups",
                "EcomStockUnit")) {
            assertFalse(answer.table(table).isEmpty(), table);
        }
        assertEquals(5, answer.table("EcomCurrencies").size());
        assertEquals("100.00", answer.table("EcomCurrencies").get(0).get("CurrencyRate"));
    }

    @Test
    void pagesProductsIntoExactlyTheConfiguredNumberOfDistinctRows() {
        String request = "<GetEcomData><tables><Products type=\"all\"/></tables></GetEcomData>";
        Connector.Answer page = Connector.tables(request);
        String batchId = page.header().batchId();
        assertNotNull(batchId);
        assertEquals(Boolean.FALSE, page.header().exportIsDone());
        assertEquals(
                String.valueOf(PRODUCTS), page.header().attribute("totalCount").orElse(null));
        Set<String> ids = new HashSet<>();
        int pages = 0;
        byte[] second = null;
        while (true) {
            pages++;
            assertEquals(
                    String.valueOf(pages), page.header().attribute("pageNumber").orElse(null));
            for (TableRow row : page.table("EcomProducts")) {
                assertTrue(ids.add(row.get("ProductId")), "duplicate " + row.get("ProductId"));
            }
            if (pages == 2) {
                second = page.bytes();
            }
            if (page.header().lastPage()) {
                break;
            }
            page = Connector.tables("<GetEcomData batchId=\"" + batchId + "\" pageNumber=\"" + (pages + 1)
                    + "\"><tables><Products type=\"all\"/></tables></GetEcomData>");
            assertEquals(batchId, page.header().batchId());
        }
        assertEquals(3, pages);
        assertEquals(PRODUCTS, ids.size());
        Connector.Answer again = Connector.tables("<GetEcomData batchId=\"" + batchId
                + "\" pageNumber=\"2\"><tables><Products type=\"all\"/></tables></GetEcomData>");
        assertArrayEquals(second, again.bytes(), "page 2 again gives the same bytes");
    }

    @Test
    void honoursASmallerPageSizeAndRefusesAForeignBatchOrAPageBeyondTheEnd() {
        Connector.Answer page = Connector.tables(
                "<GetEcomData pageSize=\"700\"><tables><ProductStock type=\"all\"/></tables></GetEcomData>");
        assertEquals(700, page.table("EcomProducts").size());
        Connector.post("<GetEcomData batchId=\"{nope}\" pageNumber=\"2\"><tables><Products type=\"all\"/></tables>"
                        + "</GetEcomData>")
                .then()
                .statusCode(400)
                .body(containsString("batchId"));
        Connector.post("<GetEcomData pageNumber=\"9\"><tables><Products type=\"all\"/></tables></GetEcomData>")
                .then()
                .statusCode(400)
                .body(containsString("beyond the last page"));
    }

    @Test
    void livePriceLookupReturnsOnlyTheRequestedItemsAtTheCustomersPrice() {
        String customer = Catalog.customerId(0);
        String other = Catalog.customerId(1);
        for (long i = 1; PriceFunction.discountGroup(other) == PriceFunction.discountGroup(customer); i++) {
            other = Catalog.customerId(i);
        }
        String items = "<Products type=\"filter\"><Product><ProductID>10001</ProductID><ProductVariantID/>"
                + "<ProductNumber>10001</ProductNumber><CurrencyCode>GBP</CurrencyCode></Product>"
                + "<Product><ProductID>10002</ProductID><ProductVariantID/><CurrencyCode>GBP</CurrencyCode>"
                + "<Quantity>100</Quantity></Product><Product><ProductID>nope</ProductID></Product></Products>";
        Connector.Answer mine = Connector.tables(
                "<GetEcomData ExternalUserID=\"" + customer + "\"><tables>" + items + "</tables></GetEcomData>");
        Connector.Answer theirs = Connector.tables(
                "<GetEcomData ExternalUserID=\"" + other + "\"><tables>" + items + "</tables></GetEcomData>");
        assertEquals(2, mine.rows().size());
        assertEquals("10001", mine.rows().get(0).get("ProductID"));
        assertEquals("GBP", mine.rows().get(0).get("ProductCurrencyCode"));
        assertNotNull(mine.rows().get(0).get("ProductStock"));
        assertNotEquals(
                mine.rows().get(0).get("ProductPrice"), theirs.rows().get(0).get("ProductPrice"));
        PriceFunction prices = new PriceFunction(new Catalog(42, PRODUCTS, 50, List.of("en-us"), List.of("EUR")));
        assertEquals(
                prices.unitPrice(customer, 1, "GBP", BigDecimal.valueOf(100)).toPlainString(),
                mine.rows().get(1).get("ProductPrice"));
        Connector.Answer anonymous = Connector.tables(
                "<GetEcomData ExternalUserID=\"Anonymous\"><tables>" + items + "</tables></GetEcomData>");
        assertEquals(
                prices.listPrice(0, "GBP").toPlainString(),
                anonymous.rows().get(0).get("ProductPrice"));
    }

    @Test
    void calculatesACartWithoutCreatingAnOrder() {
        Connector.Answer answer = Connector.tables(
                Connector.calculateOrder("CART2548", "50000", "GBP", false, "10001", "2", "10005", "12"));
        TableRow order = answer.table("EcomOrders").get(0);
        assertEquals("FALSE", order.get("OrderCreated"));
        assertEquals("", order.get("OrderIntegrationOrderId"));
        BigDecimal net = answer.table("EcomOrderLines").stream()
                .map(line -> new BigDecimal(line.get("OrderLinePriceWithoutVAT")))
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .add(new BigDecimal(order.get("OrderShippingFee")));
        assertEquals(net, new BigDecimal(order.get("OrderPriceWithoutVAT")));
        assertTrue(answer.table("EcomOrderLines").stream().anyMatch(line -> "3".equals(line.get("OrderLineType"))));
        Connector.tables("<GetEcomData><tables><SalesHeaders type=\"filter\"><SalesHeader><OrderId>CART2548</OrderId>"
                        + "</SalesHeader></SalesHeaders></tables></GetEcomData>")
                .rows()
                .forEach(row -> {
                    throw new AssertionError("a calculation creates no order: " + row);
                });
    }

    @Test
    void createsAnOrderOnceWhateverHowOftenItIsSentWhenIdempotent() {
        createMode(true);
        String request = Connector.calculateOrder("SHOP-1001", "50002", "EUR", true, "10003", "1");
        TableRow first = Connector.tables(request).table("EcomOrders").get(0);
        TableRow second = Connector.tables(request).table("EcomOrders").get(0);
        assertEquals("TRUE", first.get("OrderCreated"));
        assertTrue(first.get("OrderIntegrationOrderId").startsWith("SO"));
        assertEquals(first.get("OrderIntegrationOrderId"), second.get("OrderIntegrationOrderId"));

        List<?> orders = given().get("/admin/orders")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertEquals(1, orders.size());
        given().get("/admin/orders")
                .then()
                .body("[0].createRequests", org.hamcrest.Matchers.equalTo(2))
                .body("[0].erpOrderNumber", org.hamcrest.Matchers.equalTo(first.get("OrderIntegrationOrderId")));

        Connector.Answer exists = Connector.tables("<GetEcomData><tables><SalesHeaders type=\"filter\"><SalesHeader>"
                + "<OrderId>SHOP-1001</OrderId></SalesHeader></SalesHeaders></tables></GetEcomData>");
        assertEquals(1, exists.table("EcomOrders").size());
        assertEquals(
                first.get("OrderIntegrationOrderId"),
                exists.table("EcomOrders").get(0).get("OrderIntegrationOrderId"));
        assertFalse(exists.table("EcomOrderLines").isEmpty());
        Connector.Answer missing = Connector.tables("<GetEcomData><tables><SalesHeaders type=\"filter\"><SalesHeader>"
                + "<OrderId>SHOP-UNKNOWN</OrderId></SalesHeader></SalesHeaders></tables></GetEcomData>");
        assertTrue(missing.rows().isEmpty());
        assertEquals(
                1,
                Connector.tables("<GetEcomData><tables><SalesHeaders type=\"all\"/></tables></GetEcomData>")
                        .table("EcomOrders")
                        .size());
    }

    @Test
    void listsCustomerDocumentsWithPagingAndServesThemAsPdf() {
        Connector.Answer documents = Connector.tables("<GetEcomData ExternalUserID=\"50004\"><tables>"
                + "<CustomerDocuments type=\"filter\" documentType=\"Invoice\" pageIndex=\"1\" pageSize=\"2\""
                + " sortBy=\"DocumentDate\" sortOrder=\"desc\"/></tables></GetEcomData>");
        int total = Integer.parseInt(documents.header().attribute("totalCount").orElse(null));
        assertTrue(total >= 3);
        List<TableRow> rows = documents.table("CustomerDocuments");
        assertEquals(2, rows.size());
        assertTrue(rows.get(0).get("DocumentDate").compareTo(rows.get(1).get("DocumentDate")) >= 0);
        assertEquals("Invoice", rows.get(0).get("DocumentType"));
        String number = rows.get(0).get("DocumentNumber");

        TableRow pdf = Connector.tables("<GetDocumentPdf ExternalUserID=\"50004\" documentType=\"Invoice\""
                        + " documentNumber=\"" + number + "\"/>")
                .table("DocumentPdf")
                .get(0);
        assertEquals("application/pdf", pdf.get("ContentType"));
        byte[] bytes = Base64.getDecoder().decode(pdf.get("ContentBase64"));
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("%PDF-1.4") && text.endsWith("%%EOF\n"));
        assertTrue(text.contains(number));
        assertTrue(
                Connector.tables("<GetDocumentPdf ExternalUserID=\"50005\" documentType=\"Invoice\""
                                + " documentNumber=\"" + number + "\"/>")
                        .rows()
                        .isEmpty(),
                "another customer's document is not served");
    }

    @Test
    void rejectsMissingTamperedExpiredAndReplayedSignatures() {
        String body = "<GetEcomData><tables><Currencies type=\"all\"/></tables></GetEcomData>";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        given().contentType("application/xml")
                .body(body)
                .post("/connector")
                .then()
                .statusCode(401)
                .body(containsString("MISSING"));
        long now = System.currentTimeMillis() / 1000;
        String nonce = RequestSigner.newNonce();
        given().contentType("application/xml")
                .headers(new RequestSigner.Signature(now, nonce, Connector.SIGNER.sign(now, nonce, bytes)).headers())
                .body(body.replace("Currencies", "Languages"))
                .post("/connector")
                .then()
                .statusCode(401)
                .body(containsString("MISMATCH"));
        long old = now - 3600;
        given().contentType("application/xml")
                .headers(new RequestSigner.Signature(old, nonce, Connector.SIGNER.sign(old, nonce, bytes)).headers())
                .body(body)
                .post("/connector")
                .then()
                .statusCode(401)
                .body(containsString("EXPIRED"));
        String wrongSecret = new RequestSigner("another-secret-of-enough-length".getBytes(StandardCharsets.UTF_8))
                .sign(now, nonce, bytes);
        given().contentType("application/xml")
                .headers(new RequestSigner.Signature(now, nonce, wrongSecret).headers())
                .body(body)
                .post("/connector")
                .then()
                .statusCode(401)
                .body(containsString("MISMATCH"));
        // a genuine request is answered once; the same request again (captured and replayed) is refused
        Map<String, String> signed =
                Connector.SIGNER.signNow(bytes, Clock.systemUTC()).headers();
        given().contentType("application/xml")
                .headers(signed)
                .body(body)
                .post("/connector")
                .then()
                .statusCode(200);
        given().contentType("application/xml")
                .headers(signed)
                .body(body)
                .post("/connector")
                .then()
                .statusCode(401)
                .body(equalTo("signature rejected (REPLAYED): request was replayed: its X-Erplink-Nonce was accepted"
                        + " before\n"));
    }

    @Test
    void rejectsMalformedHostileUnknownAndOversizedRequests() {
        Connector.post("<GetEcomData><tables><Products type=\"all\"/></tables>")
                .then()
                .statusCode(400)
                .body(containsString("bad request"));
        Connector.post("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<GetEcomData ExternalUserID=\"&x;\"><tables><Products type=\"all\"/></tables></GetEcomData>")
                .then()
                .statusCode(400)
                .body(org.hamcrest.Matchers.not(containsString("root:")));
        Connector.post("<DeleteEverything/>").then().statusCode(400).body(containsString("unknown request"));
        Connector.post("<GetEcomData><tables><Secrets type=\"all\"/></tables></GetEcomData>")
                .then()
                .statusCode(400)
                .body(containsString("unknown table request"));
        String huge = "<GetEcomData><tables><Products type=\"filter\">"
                + "<Product><ProductID>1</ProductID></Product>".repeat(120_000) + "</Products></tables></GetEcomData>";
        Connector.post(huge).then().statusCode(413);
        given().contentType("application/json")
                .body("{}")
                .post("/connector")
                .then()
                .statusCode(415);
    }

    @Test
    void countsRequestsByTypeAndStatus() {
        given().delete("/admin/stats").then().statusCode(204);
        Connector.tables("<GetEcomData><tables><Languages type=\"all\"/></tables></GetEcomData>");
        given().contentType("application/xml")
                .body("<x/>")
                .post("/connector")
                .then()
                .statusCode(401);
        given().get("/admin/stats")
                .then()
                .statusCode(200)
                .body("byTypeAndStatus.'GetEcomData.Languages'.'200'", org.hamcrest.Matchers.equalTo(1))
                .body("byTypeAndStatus.unparsed.'401'", org.hamcrest.Matchers.equalTo(1));
        given().get("/q/metrics").then().statusCode(200).body(containsString("erplink_simulator_requests_total"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/admin/faults"));
    }
}
