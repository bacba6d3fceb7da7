package io.erplink.e2e;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * batch-service's default {@code export-orders} activity against the commerce schema of mapping-service's
 * Flyway migrations: completed shop orders without an ERP order number go to the erp-simulator as
 * CalculateOrder with CreateOrder=True, the ERP order number is written back to
 * {@code commerce.EcomOrders.OrderIntegrationOrderId}, and a second export run sends nothing again.
 */
@ExtendWith(SuiteExtension.class)
class OrderExportTest {

    @Test
    void completedOrdersAreCreatedInTheErpOnceAndGetTheErpOrderNumberWrittenBack() throws Exception {
        Suite suite = SuiteExtension.suite();
        String prefix = "EXP-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String first = prefix + "1";
        String second = prefix + "2";
        String open = prefix + "OPEN";
        String done = prefix + "DONE";
        try (Connection db = suite.db()) {
            clearPendingOrders(db);
            insertOrder(
                    db,
                    first,
                    true,
                    null,
                    LocalDateTime.of(2026, 11, 30, 9, 0),
                    line(first, "L1", "10001", 2),
                    line(first, "L2", "10002", 1));
            insertOrder(db, second, true, null, LocalDateTime.of(2026, 11, 30, 10, 0), line(second, "L1", "10003", 12));
            insertOrder(db, open, false, null, LocalDateTime.of(2026, 11, 30, 11, 0), line(open, "L1", "10004", 1));
            insertOrder(
                    db, done, true, "SO-EARLIER", LocalDateTime.of(2026, 11, 30, 8, 0), line(done, "L1", "10005", 1));
        }

        JsonPath run = exportRun(suite);
        assertEquals(
                2, run.getLong("progress.rowsRead"), "the two completed orders without ERP number: " + run.prettify());
        assertEquals(2, run.getLong("progress.rowsWritten"));
        assertEquals(0, run.getLong("progress.rowsFailed"));

        Map<String, Map<String, Object>> erp = erpOrders(suite, prefix);
        assertEquals(
                List.of(first, second),
                List.copyOf(erp.keySet()),
                "only the completed, not yet exported orders reach the ERP");
        Map<String, String> numbers = erpNumbers(suite);
        for (String orderId : List.of(first, second)) {
            Map<String, Object> order = erp.get(orderId);
            assertEquals(1, ((Number) order.get("createRequests")).intValue(), orderId + " created by one request");
            assertEquals("50000", order.get("customerId"));
            assertNotNull(order.get("erpOrderNumber"));
            assertEquals(order.get("erpOrderNumber"), numbers.get(orderId), "the ERP order number written back");
        }
        assertTrue(((String) erp.get(first).get("erpOrderNumber")).startsWith("SO"));
        for (String orderId : List.of(first, second)) {
            assertTrue(
                    new BigDecimal(String.valueOf(erp.get(orderId).get("orderPriceWithVat"))).signum() > 0,
                    orderId + " priced by the ERP: " + erp.get(orderId));
        }
        assertNull(numbers.get(open), "an order that is not complete stays unexported");
        assertEquals("SO-EARLIER", numbers.get(done), "an exported order keeps its number");

        JsonPath again = exportRun(suite);
        assertEquals(0, again.getLong("progress.rowsRead"), "nothing left to export: " + again.prettify());
        assertEquals(0, again.getLong("progress.rowsWritten"));
        Map<String, Map<String, Object>> after = erpOrders(suite, prefix);
        assertEquals(List.of(first, second), List.copyOf(after.keySet()));
        for (String orderId : List.of(first, second)) {
            assertEquals(
                    1, ((Number) after.get(orderId).get("createRequests")).intValue(), orderId + " not sent twice");
            assertEquals(
                    erp.get(orderId).get("erpOrderNumber"), after.get(orderId).get("erpOrderNumber"));
        }
        assertEquals(numbers, erpNumbers(suite), "the numbers written back are unchanged");
        assertEquals(0, Simulator.duplicates(suite), "no order twice in the (not idempotent) ERP");
    }

    private static JsonPath exportRun(Suite suite) throws InterruptedException {
        UUID run = Batch.runNow(suite.batch().url(), "export-orders");
        return Batch.awaitCompleted(() -> suite.batch().url(), run, Duration.ofSeconds(60));
    }

    /** The simulator's received orders of this test, by shop OrderID in the order they were created. */
    private static Map<String, Map<String, Object>> erpOrders(Suite suite, String prefix) {
        List<Map<String, Object>> all = given().baseUri(suite.simulator().url())
                .get("/admin/orders")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findAll { it.shopOrderId.startsWith('" + prefix + "') }.sort { it.erpOrderNumber }");
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        all.forEach(order -> byId.put((String) order.get("shopOrderId"), order));
        return byId;
    }

    /** OrderId to OrderIntegrationOrderId of commerce.EcomOrders. */
    private static Map<String, String> erpNumbers(Suite suite) throws Exception {
        Map<String, String> numbers = new LinkedHashMap<>();
        try (Connection db = suite.db();
                Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(
                        "select orderid, orderintegrationorderid from commerce.ecomorders order by orderid")) {
            while (rs.next()) {
                numbers.put(rs.getString(1), rs.getString(2));
            }
        }
        return numbers;
    }

    /** Completed orders of earlier tests in this JVM would be exported too; this test owns the table while it runs. */
    private static void clearPendingOrders(Connection db) throws Exception {
        try (Statement s = db.createStatement()) {
            s.executeUpdate("delete from commerce.ecomorderlines where orderlineorderid in (select orderid from"
                    + " commerce.ecomorders where ordercomplete and coalesce(orderintegrationorderid, '') = '')");
            s.executeUpdate(
                    "delete from commerce.ecomorders where ordercomplete and coalesce(orderintegrationorderid, '') = ''");
        }
    }

    private record Line(String orderId, String lineId, String productId, int quantity) {}

    private static Line line(String orderId, String lineId, String productId, int quantity) {
        return new Line(orderId, lineId, productId, quantity);
    }

    /** An order as the shop writes it: customer 50000, EUR, delivery address, product lines. */
    private static void insertOrder(
            Connection db, String orderId, boolean complete, String erpNumber, LocalDateTime date, Line... lines)
            throws Exception {
        try (PreparedStatement order = db.prepareStatement("insert into commerce.ecomorders (orderid, ordercomplete,"
                        + " orderintegrationorderid, orderdate, ordercustomeraccessuserexternalid, ordercurrencycode,"
                        + " ordercustomername, ordercustomeraddress, ordercustomercity, ordercustomerzip, ordercustomercountrycode,"
                        + " ordercustomeremail, orderdeliveryname, orderdeliveryaddress, orderdeliverycity, orderdeliveryzip,"
                        + " orderdeliverycountrycode, ordershippingmethodname, orderpaymentmethodname)"
                        + " values (?, ?, ?, ?, '50000', 'EUR', 'Ada Buyer', '1 Main St', 'Aarhus', '8000', 'DK', 'ada@example.com',"
                        + " 'Ada Buyer', '1 Main St', 'Aarhus', '8000', 'DK', 'UPS', 'Invoice')");
                PreparedStatement line = db.prepareStatement(
                        "insert into commerce.ecomorderlines (orderlineid, orderlineorderid,"
                                + " orderlineproductid, orderlineproductnumber, orderlinequantity, orderlinetype) values (?, ?, ?, ?, ?, 0)")) {
            order.setString(1, orderId);
            order.setBoolean(2, complete);
            order.setString(3, erpNumber);
            order.setTimestamp(4, Timestamp.valueOf(date));
            order.executeUpdate();
            for (Line l : lines) {
                line.setString(1, orderId + "-" + l.lineId());
                line.setString(2, orderId);
                line.setString(3, l.productId());
                line.setString(4, l.productId());
                line.setBigDecimal(5, BigDecimal.valueOf(l.quantity()));
                line.executeUpdate();
            }
        }
    }
}
