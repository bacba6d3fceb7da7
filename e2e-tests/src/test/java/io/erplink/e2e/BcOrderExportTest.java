package io.erplink.e2e;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.path.json.JsonPath;

import io.erplink.testsupport.RunCounts;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14's order export: the shipped {@code bc-export-orders} (its odataExport from migrations V9 and V13: the
 * header, the payment and shipping fee lines from the order row, the item lines under it by
 * {@code parentLink}, each line's {@code Document_No} the BC number the header's response mapping wrote back
 * ({@code fromParent})), run now on an order placed in the shop: BC's {@code DynamicwebSalesOrder} and
 * {@code DynamicwebSalesOrderSalesLines} hold exactly the header and its five lines (two of them the same item in
 * two variants, told apart by V13's item line keys), the header once although
 * the answer to its POST (and to the first line's) was lost, the BC number is in the shop's
 * {@code OrderIntegrationOrderId}, and a second run changes the same rows (PATCH by key) instead of creating
 * any again. An edit of the {@code bc-export-orders} job in mapping-service reaches the activity's table
 * mappings (its keys, response mapping and lines kept) and the next run writes the new field.
 */
@ExtendWith(SuiteExtension.class)
class BcOrderExportTest {
    static final String ACTIVITY = "bc-export-orders";
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
    static final String ORDER = "BCORDER1";
    static final String NOT_COMPLETE = "BCORDER2";
    /** The shipped job (mapping-service's resources). */
    static final Path JOB_FILE =
            Path.of("..", "mapping-service", "src", "main", "resources", "jobs", "bc-odata-v4", ACTIVITY + ".yaml");
    /** The header fields V9's order mapping writes. */
    static final List<String> HEADER_FIELDS = List.of(
            "Document_Type",
            "Currency_Code",
            "ShippingOptions",
            "BillToOptions",
            "Sell_to_Customer_Name",
            "Sell_to_Address",
            "Sell_to_Address_2",
            "Sell_to_City",
            "Sell_to_Country_Region_Code",
            "Sell_to_E_Mail",
            "Sell_to_Phone_No",
            "Sell_to_Post_Code",
            "External_Document_No");

    @BeforeEach
    @AfterEach
    void clean() throws Exception {
        Suite suite = SuiteExtension.suite();
        BcSimulator.reset(suite);
        try (Connection db = suite.db();
                Statement s = db.createStatement()) {
            // the activity exports every completed order of the shop: only this test's orders are there
            s.execute("delete from commerce.ecomorderlines");
            s.execute("delete from commerce.ecomorders");
        }
    }

    @Test
    void aCompletedOrderBecomesOneSalesOrderWithItsLinesAndASecondRunCreatesNothingAgain() throws Exception {
        Suite suite = SuiteExtension.suite();
        try (Connection db = suite.db();
                Statement s = db.createStatement()) {
            s.execute("insert into commerce.ecomorders (orderid, ordercomplete, orderintegrationorderid,"
                    + " ordercurrencycode, ordercustomername, orderdeliveryaddress, orderdeliveryaddress2,"
                    + " orderdeliverycity, orderdeliverycountrycode, ordercustomeremail, ordercustomerphone,"
                    + " orderdeliveryzip, ordershippingfeewithoutvat, orderpaymentfeewithoutvat) values"
                    + " ('" + ORDER + "', true, '', 'DKK', 'Jane Shopper', '12 Harbour Street', 'Floor 2', 'Vejle',"
                    + " 'DK', 'jane@example.com', '+45 1234 5678', '7100', 4.95, 2.50),"
                    + " ('" + NOT_COMPLETE + "', false, '', 'DKK', 'Still Shopping', '1 Cart Road', '', 'Odense',"
                    + " 'DK', 'cart@example.com', '', '5000', 4.95, 0)");
            s.execute("insert into commerce.ecomorderlines (orderlineid, orderlineorderid, orderlinetype,"
                    + " orderlineproductnumber, orderlineproductvariantid, orderlinequantity, orderlineunitid,"
                    + " orderlineunitpricewithoutvat, orderlinecalculateddiscountpercentage,"
                    + " orderlinepricewithoutvat) values"
                    + " ('BCL1', '" + ORDER + "', 0, 'I0000001', 'BLUE', 2, 'PCS', 10.50, 0, 21.00),"
                    + " ('BCL2', '" + ORDER + "', 0, 'I0000002', '', 1, 'PCS', 99.00, 10, 89.10),"
                    // a discount line (type 1): no table mapping of the activity takes it
                    + " ('BCL3', '" + ORDER + "', 1, '', '', 1, '', -5.00, 0, -5.00),"
                    + " ('BCL4', '" + NOT_COMPLETE + "', 0, 'I0000003', '', 1, 'PCS', 5.00, 0, 5.00),"
                    // the same item in another variant: a line of its own (V13 keys item lines on Variant_Code)
                    + " ('BCL5', '" + ORDER + "', 0, 'I0000001', 'RED', 1, 'PCS', 10.50, 0, 10.50)");
        }
        Set<String> ordersBefore = numbers(BcSimulator.rows(suite, "DynamicwebSalesOrder"));
        int linesBefore =
                BcSimulator.rows(suite, "DynamicwebSalesOrderSalesLines").size();
        // BC creates the header and the first line but their answers never arrive (a timeout on the way back)
        BcSimulator.faults(
                suite,
                "{\"entitySets\":[\"DynamicwebSalesOrder\",\"DynamicwebSalesOrderSalesLines\"],\"lostPostAnswers\":2}");

        JsonPath first = run(suite);
        // read: 2 orders by the header mapping; for the completed one its payment and shipping fee (the
        // order row) and its 4 lines by each of the 3 line mappings; the other order's lines are never read
        // inserted: header, two fees, three item lines; skipped: the incomplete order, the discount line by all
        // 3 line mappings, each item line by Fixed price and Tax
        RunCounts.assertRowCounts(first, 16, 6, 0, 10, 0);

        List<Map<String, String>> headers = headers(suite);
        assertEquals(1, headers.size(), "one BC sales order for the shop's order, not two: " + headers);
        String number = headers.get(0).get("No");
        assertTrue(number.matches("SO\\d{6}"), number);
        assertFalse(ordersBefore.contains(number), "a new number from BC's series: " + number);
        Map<String, String> expectedHeader = new TreeMap<>();
        expectedHeader.put("Document_Type", "Order");
        expectedHeader.put("No", number);
        expectedHeader.put("Currency_Code", "DKK");
        expectedHeader.put("ShippingOptions", "Default (Sell-to Address)");
        expectedHeader.put("BillToOptions", "Default (Customer)");
        expectedHeader.put("Sell_to_Customer_Name", "Jane Shopper");
        expectedHeader.put("Sell_to_Address", "12 Harbour Street");
        expectedHeader.put("Sell_to_Address_2", "Floor 2");
        expectedHeader.put("Sell_to_City", "Vejle");
        expectedHeader.put("Sell_to_Country_Region_Code", "DK");
        expectedHeader.put("Sell_to_E_Mail", "jane@example.com");
        expectedHeader.put("Sell_to_Phone_No", "+45 1234 5678");
        expectedHeader.put("Sell_to_Post_Code", "7100");
        expectedHeader.put("External_Document_No", ORDER);
        assertEquals(expectedHeader, headers.get(0));
        assertEquals(List.of(), headers(suite, NOT_COMPLETE), "the order not completed in the shop is not in BC");

        // the lines in the order they were written: the fees (the order row), then the item lines by OrderLineId;
        // BC numbers them (Line_No 10000, 20000, ...); the discount line and the other order's line are not there.
        // Line_Amount is written for the fees only (an item line's amount is BC's to calculate)
        List<String> expectedLines = List.of(
                line(10000, "Charge (Item)", "DW-PAY", "", "1", "", "2.5", "0", "2.5"),
                line(20000, "Charge (Item)", "DW-SHIP", "", "1", "", "4.95", "0", "4.95"),
                line(30000, "Item", "I0000001", "BLUE", "2", "PCS", "10.5", "0", null),
                line(40000, "Item", "I0000002", "", "1", "PCS", "99", "10", null),
                line(50000, "Item", "I0000001", "RED", "1", "PCS", "10.5", "0", null));
        assertEquals(expectedLines, lines(suite, number));
        assertEquals(
                linesBefore + expectedLines.size(),
                BcSimulator.rows(suite, "DynamicwebSalesOrderSalesLines").size(),
                "no line anywhere else");

        // the response mapping: BC's number in the shop's order; the incomplete order untouched
        assertEquals(
                Map.of(ORDER, List.of(number), NOT_COMPLETE, List.of("")),
                BcImportTest.query(suite, "select orderid, orderintegrationorderid from commerce.ecomorders"));

        JsonNode requests = BcSimulator.stats(suite).path("requests");
        assertEquals(1, requests.path("DynamicwebSalesOrder").path("500").asLong(), "the lost answer: " + requests);
        assertEquals(
                1,
                requests.path("DynamicwebSalesOrderSalesLines").path("500").asLong(),
                "the lost answer: " + requests);
        for (String set : List.of("DynamicwebSalesOrder", "DynamicwebSalesOrderSalesLines")) {
            assertEquals(0, requests.path(set).path("400").asLong(), "nothing refused in " + set + ": " + requests);
        }

        // the second run finds every row by its key fields and changes it (PATCH with its ETag): nothing new
        BcSimulator.clearFaults(suite);
        BcSimulator.clearStats(suite);
        JsonPath second = run(suite);
        RunCounts.assertRowCounts(second, 16, 0, 6, 10, 0);
        assertEquals(List.of(expectedHeader), headers(suite));
        assertEquals(expectedLines, lines(suite, number));
        assertEquals(
                ordersBefore.size() + 1,
                BcSimulator.rows(suite, "DynamicwebSalesOrder").size(),
                "no second sales order");
        assertEquals(
                Map.of(ORDER, List.of(number), NOT_COMPLETE, List.of("")),
                BcImportTest.query(suite, "select orderid, orderintegrationorderid from commerce.ecomorders"));
    }

    @Test
    void anEditOfTheOrdersJobReachesTheExportActivityAndTheNextRunWritesTheNewField() throws Exception {
        Suite suite = SuiteExtension.suite();
        String shipped = Files.readString(JOB_FILE);
        String header = "  - {source: OrderId, destination: External_Document_No}\n";
        assertTrue(shipped.contains(header), "the header's last column in " + JOB_FILE);
        // the header also takes the shop's language (mapping-service: a new version of the export job)
        String edited = shipped.replace(header, header + "  - {source: OrderLanguageId, destination: Language_Code}\n");
        // the shipped version as mapping-service republished it at its start: batch-service's jobs.changed
        // consumer is running (right after the suite starts its group may still be joining, minutes under load)
        JsonPath shippedVersion = BcImportTest.activity(suite, ACTIVITY);
        int current = shippedVersion.get("jobVersion") == null ? 0 : shippedVersion.getInt("jobVersion");
        awaitJobVersion(suite, current, Duration.ofSeconds(300));
        try {
            int version = saveJob(suite, edited);
            JsonPath activity = awaitJobVersion(suite, version, Duration.ofSeconds(60));
            List<Map<String, Object>> columns = activity.getList("odataExport.mappings[0].columns");
            assertEquals(
                    Map.of("source", "OrderLanguageId", "destination", "Language_Code"),
                    columns.get(columns.size() - 1));
            // what the job does not state stays the activity's
            assertEquals(
                    List.of("Document_Type", "External_Document_No"), activity.getList("odataExport.mappings[0].keys"));
            assertEquals(
                    List.of(Map.of("destination", "No", "source", "OrderIntegrationOrderId")),
                    activity.getList("odataExport.mappings[0].response"));
            assertEquals(
                    Map.of("OrderLineOrderId", "OrderId"),
                    activity.getMap("odataExport.mappings[0].children[2].parentLink"));

            try (Connection db = suite.db();
                    Statement s = db.createStatement()) {
                s.execute("insert into commerce.ecomorders (orderid, ordercomplete, orderintegrationorderid,"
                        + " ordercurrencycode, ordercustomername, orderlanguageid, ordershippingfeewithoutvat,"
                        + " orderpaymentfeewithoutvat) values ('" + ORDER + "', true, '', 'DKK', 'Dansk Kunde', 'DAN',"
                        + " 0, 0)");
            }
            // the order, its two fees (0: skipped), no lines
            RunCounts.assertRowCounts(run(suite), 3, 1, 0, 2, 0);
            List<Map<String, String>> orders = new ArrayList<>();
            for (Map<String, String> row : BcSimulator.rows(suite, "DynamicwebSalesOrder")) {
                if (ORDER.equals(row.get("External_Document_No"))) {
                    orders.add(row);
                }
            }
            assertEquals(1, orders.size(), orders.toString());
            assertEquals("DAN", orders.get(0).get("Language_Code"));
            assertEquals("Dansk Kunde", orders.get(0).get("Sell_to_Customer_Name"));
        } finally {
            // the shipped job again (one more version), and the activity with it
            awaitJobVersion(suite, saveJob(suite, shipped), Duration.ofSeconds(60));
        }
    }

    private static int saveJob(Suite suite, String yaml) {
        return given().baseUri(suite.mapping().url())
                .contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/jobs/" + ACTIVITY)
                .then()
                .statusCode(200)
                .extract()
                .path("version");
    }

    /** The activity once it follows the job version (mapping-service's outbox, jobs.changed, batch-service). */
    private static JsonPath awaitJobVersion(Suite suite, int version, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonPath activity = BcImportTest.activity(suite, ACTIVITY);
        while (!Integer.valueOf(version).equals(activity.get("jobVersion"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("activity " + ACTIVITY + " still follows job version "
                        + activity.get("jobVersion") + ", not " + version + ", after " + timeout);
            }
            Thread.sleep(300);
            activity = BcImportTest.activity(suite, ACTIVITY);
        }
        return activity;
    }

    private static JsonPath run(Suite suite) throws InterruptedException {
        UUID run = Batch.runNow(suite.batch().url(), ACTIVITY);
        return Batch.awaitCompleted(() -> suite.batch().url(), run, RUN_TIMEOUT);
    }

    private static List<Map<String, String>> headers(Suite suite) throws Exception {
        return headers(suite, ORDER);
    }

    /** The BC sales orders of a shop order: the key and the fields the export writes, options as captions. */
    private static List<Map<String, String>> headers(Suite suite, String orderId) throws Exception {
        List<Map<String, String>> headers = new ArrayList<>();
        for (Map<String, String> row : BcSimulator.rows(suite, "DynamicwebSalesOrder")) {
            if (orderId.equals(row.get("External_Document_No"))) {
                Map<String, String> fields = new TreeMap<>();
                fields.put("No", row.get("No"));
                for (String field : HEADER_FIELDS) {
                    fields.put(field, BcSimulator.caption(row.get(field)));
                }
                headers.add(fields);
            }
        }
        return headers;
    }

    /** The lines of a BC sales order by Line_No: key, type, number and the amounts the export writes. */
    private static List<String> lines(Suite suite, String documentNo) throws Exception {
        Map<Integer, String> lines = new TreeMap<>();
        for (Map<String, String> row : BcSimulator.rows(suite, "DynamicwebSalesOrderSalesLines")) {
            if (documentNo.equals(row.get("Document_No"))) {
                assertEquals("Order", BcSimulator.caption(row.get("Document_Type")), row.toString());
                int lineNo = Integer.parseInt(row.get("Line_No"));
                String previous = lines.put(
                        lineNo,
                        line(
                                lineNo,
                                BcSimulator.caption(row.get("Type")),
                                row.get("No"),
                                row.get("Variant_Code"),
                                decimal(row.get("Quantity")),
                                row.get("Unit_of_Measure"),
                                decimal(row.get("Unit_Price")),
                                decimal(row.get("Line_Discount_Percent")),
                                "Item".equals(BcSimulator.caption(row.get("Type")))
                                        ? null
                                        : decimal(row.get("Line_Amount"))));
                assertEquals(null, previous, "line " + lineNo + " twice");
            }
        }
        return new ArrayList<>(lines.values());
    }

    private static String line(
            int lineNo,
            String type,
            String no,
            String variant,
            String quantity,
            String unit,
            String unitPrice,
            String discountPercent,
            String lineAmount) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Line_No", Integer.toString(lineNo));
        fields.put("Type", type);
        fields.put("No", no);
        fields.put("Variant_Code", variant);
        fields.put("Quantity", quantity);
        fields.put("Unit_of_Measure", unit);
        fields.put("Unit_Price", unitPrice);
        fields.put("Line_Discount_Percent", discountPercent);
        if (lineAmount != null) {
            fields.put("Line_Amount", lineAmount);
        }
        return fields.toString();
    }

    private static String decimal(String text) {
        BigDecimal value = new BigDecimal(text);
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static Set<String> numbers(List<Map<String, String>> orders) {
        Set<String> numbers = new TreeSet<>();
        orders.forEach(o -> numbers.add(o.get("No")));
        return numbers;
    }
}
