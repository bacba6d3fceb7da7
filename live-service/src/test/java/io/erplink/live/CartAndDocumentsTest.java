package io.erplink.live;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import io.erplink.live.erp.ErpClient;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
@QuarkusTestResource(ErpSimulatorTestResource.class)
@QuarkusTestResource(StorefrontAuthTestResource.class)
class CartAndDocumentsTest {
    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void erpHealthy() {
        Simulator.clearFaults();
        breakers.reset(ErpClient.BREAKER);
    }

    @Test
    void calculatesTheCartWithProductDiscountsVatShippingAndTotalsAsTheErpDid() {
        JsonPath cart = given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "currency",
                        "EUR",
                        "lines",
                        List.of(
                                Map.of("lineId", "A", "productId", "10001", "quantity", 10),
                                Map.of("lineId", "B", "productId", "10002", "quantity", 1))))
                .when()
                .post("/api/v1/cart/calculate")
                .then()
                .statusCode(200)
                .body("lines", hasSize(2))
                .body("lines[0].lineId", equalTo("A"))
                .body("lines[0].discounts", hasSize(1))
                .body("lines[1].discounts", hasSize(0))
                .body("totals.priceWithVat", notNullValue())
                .extract()
                .jsonPath();
        BigDecimal discount = new BigDecimal(cart.getString("lines[0].discounts[0].priceWithoutVat"));
        assertTrue(discount.signum() < 0, "quantity 10 earns a product discount line (type 3): " + discount);
        BigDecimal net = new BigDecimal(cart.getString("totals.priceWithoutVat"));
        BigDecimal vat = new BigDecimal(cart.getString("totals.vat"));
        assertEquals(
                0, net.add(vat).compareTo(new BigDecimal(cart.getString("totals.priceWithVat"))), "net + VAT = total");
        BigDecimal lines = BigDecimal.ZERO;
        for (int i = 0; i < 2; i++) {
            lines = lines.add(new BigDecimal(cart.getString("lines[" + i + "].amounts.priceWithoutVat")));
            for (Object d : cart.getList("lines[" + i + "].discounts.priceWithoutVat")) {
                lines = lines.add(new BigDecimal(d.toString()));
            }
        }
        for (Object d : cart.getList("orderDiscounts.priceWithoutVat")) {
            lines = lines.add(new BigDecimal(d.toString()));
        }
        BigDecimal shipping = new BigDecimal(cart.getString("totals.shippingFee"));
        assertEquals(0, lines.add(shipping).compareTo(net), "lines + discounts + shipping = order net");
    }

    @Test
    void aSmallCartPaysShippingAndALargeOneGetsTheOrderDiscount() {
        given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                .contentType(ContentType.JSON)
                .body(Map.of("currency", "EUR", "lines", List.of(Map.of("productId", "10001", "quantity", 1))))
                .when()
                .post("/api/v1/cart/calculate")
                .then()
                .statusCode(200)
                .body("orderDiscounts", hasSize(0));
        given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                .contentType(ContentType.JSON)
                .body(Map.of("currency", "EUR", "lines", List.of(Map.of("productId", "10001", "quantity", 500))))
                .when()
                .post("/api/v1/cart/calculate")
                .then()
                .statusCode(200)
                .body("orderDiscounts", hasSize(1))
                .body("totals.shippingFee", equalTo(0.0f));
    }

    @Test
    void cartCalculationAnswers503WhileTheErpIsDown() {
        Simulator.faults("{\"outage\":true}");
        Response answer = given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                .contentType(ContentType.JSON)
                .body(Map.of("lines", List.of(Map.of("productId", "10001", "quantity", 1))))
                .when()
                .post("/api/v1/cart/calculate");
        assertProblem(
                answer,
                503,
                "erp-unavailable",
                "ERP unavailable",
                "the ERP is unavailable: ERP unavailable (HTTP 503)",
                "/api/v1/cart/calculate");
        assertEquals("5", answer.header("Retry-After"));
    }

    /**
     * Customer 50000's invoices as the simulator generates them (CustomerDocuments, seed 42, VAT 25 %):
     * 3 + hash mod 23 = 6 invoices, INV-50000-0001..0006, with these amounts with VAT.
     */
    static final Map<String, String> INVOICES_OF_50000 = Map.of(
            "INV-50000-0001", "5645.48",
            "INV-50000-0002", "333.05",
            "INV-50000-0003", "1364.90",
            "INV-50000-0004", "5520.95",
            "INV-50000-0005", "1246.35",
            "INV-50000-0006", "5461.44");

    @Test
    void listsTheCustomersInvoicesPagedAndSorted() {
        List<String> byAmountDescending = INVOICES_OF_50000.entrySet().stream()
                .sorted((x, y) -> new BigDecimal(y.getValue()).compareTo(new BigDecimal(x.getValue())))
                .map(Map.Entry::getKey)
                .toList();
        assertEquals(
                List.of(
                        "INV-50000-0001",
                        "INV-50000-0004",
                        "INV-50000-0006",
                        "INV-50000-0003",
                        "INV-50000-0005",
                        "INV-50000-0002"),
                byAmountDescending);

        for (int pageNumber = 1; pageNumber <= 2; pageNumber++) {
            JsonPath page = invoicesByAmountDescending(pageNumber);
            List<String> expected = byAmountDescending.subList(3 * (pageNumber - 1), 3 * pageNumber);
            assertEquals(INVOICES_OF_50000.size(), page.getInt("totalCount"), "page " + pageNumber);
            assertEquals(expected, page.getList("items.number"), "page " + pageNumber);
            assertEquals(expected.stream().map(INVOICES_OF_50000::get).toList(), amounts(page));
            assertEquals(List.of("Invoice", "Invoice", "Invoice"), page.getList("items.type"));
        }
        assertEquals(List.of(), invoicesByAmountDescending(3).getList("items"), "past the last page");
    }

    @Test
    void servesAnInvoicePdfToItsCustomerOnly() {
        String number = "INV-50000-0004";
        byte[] pdf = given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                .when()
                .get("/api/v1/documents/invoice/" + number + "/pdf")
                .then()
                .statusCode(200)
                .contentType("application/pdf")
                .extract()
                .asByteArray();
        assertEquals("%PDF", new String(pdf, 0, 4));

        // the same document number is not customer B's
        given().header("X-Api-Key", StorefrontAuthTestResource.customerBKey())
                .when()
                .get("/api/v1/documents/invoice/" + number + "/pdf")
                .then()
                .statusCode(404);
    }

    private static JsonPath invoicesByAmountDescending(int page) {
        return given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                .queryParam("type", "invoice")
                .queryParam("page", page)
                .queryParam("size", 3)
                .queryParam("sort", "amountWithVat,desc")
                .when()
                .get("/api/v1/documents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The page's amounts with VAT, two decimals (JSON numbers lose trailing zeros). */
    private static List<String> amounts(JsonPath page) {
        return page.getList("items.amountWithVat").stream()
                .map(a -> new BigDecimal(a.toString()).setScale(2).toPlainString())
                .toList();
    }

    @Test
    void documentsAreOnlyTheCallersOwn() {
        given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                .queryParam("type", "invoice")
                .queryParam("customerId", StorefrontAuthTestResource.CUSTOMER_B)
                .when()
                .get("/api/v1/documents")
                .then()
                .statusCode(403);
        given().queryParam("type", "invoice")
                .when()
                .get("/api/v1/documents")
                .then()
                .statusCode(403);
        given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                .queryParam("type", "receipt")
                .when()
                .get("/api/v1/documents")
                .then()
                .statusCode(400);
    }
}
