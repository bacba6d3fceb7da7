package io.erplink.batch.runs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import io.erplink.batch.BcSimulatorTestResource;
import io.erplink.testsupport.BcClient;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;
import io.erplink.testsupport.RunCounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exports to the erp-simulator's Business Central service (OAuth): commerce rows (a {@code commerce} schema
 * with the columns of mapping-service's AccessUser, EcomOrders and EcomOrderLines) written to customers and
 * sales orders row by row, with the ERP's numbers written back. Expected values are read from the
 * simulator, so every assertion is exact.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(
        value = BcSimulatorTestResource.class,
        restrictToAnnotatedClass = true,
        initArgs = {
            @ResourceArg(name = "erplink.simulator.bc.items", value = "50"),
            @ResourceArg(name = "erplink.simulator.bc.customers", value = "20")
        })
@QuarkusTestResource(value = OperatorJwtTestResource.class, restrictToAnnotatedClass = true)
class ODataExportTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void clean() throws Exception {
        breakers.resetAll();
        admin("DELETE", "/admin/bc/faults", null);
        admin("DELETE", "/admin/bc/changes", null);
        admin("DELETE", "/admin/bc/stats", null);
        commerce("drop schema if exists commerce cascade", "create schema commerce", """
                create table commerce.AccessUser (
                    AccessUserId bigint primary key, AccessUserExternalId text, AccessUserName text,
                    AccessUserEmail text, AccessUserCity text, AccessUserZip text)""", """
                create table commerce.EcomOrders (
                    OrderId text primary key, OrderComplete boolean, OrderIntegrationOrderId text,
                    OrderCurrencyCode text, OrderCustomerName text, OrderDeliveryCity text, OrderCustomerEmail text,
                    OrderShippingFeeWithoutVat numeric(28,8), OrderPaymentFeeWithoutVAT numeric(28,8))""", """
                create table commerce.EcomOrderLines (
                    OrderLineId text primary key, OrderLineOrderId text, OrderLineType integer,
                    OrderLineProductNumber text, OrderLineProductVariantId text, OrderLineQuantity numeric(28,8),
                    OrderLineUnitPriceWithoutVAT numeric(28,8), OrderLineCalculatedDiscountPercentage numeric(28,8),
                    OrderIntegrationOrderId text)""");
    }

    @Test
    void aKnownCustomerIsPatchedAndANewOneCreatedWithItsNumberWrittenBack() throws Exception {
        commerce(
                "insert into commerce.AccessUser values (1, 'C00003', 'Changed Name', 'c3@example.com', 'Oslo', '0150')",
                "insert into commerce.AccessUser values (5001, '', 'New Shop Customer', 'new@example.com', 'Aarhus', '8000')");
        customersExport("odata-export-customers", Map.of());

        JsonPath run = finished(Runs.runNow("odata-export-customers"));
        assertEquals("COMPLETED", run.getString("status"), run.getString("exitMessage"));
        assertEquals("COMPLETED", run.getString("exitCode"));
        // two table mappings over the same two rows: each row meets the conditionals of exactly one
        assertEquals(4, run.getLong("progress.rowsRead"));
        assertEquals(1, run.getLong("progress.rowsInserted"));
        assertEquals(1, run.getLong("progress.rowsUpdated"));
        assertEquals(2, run.getLong("progress.rowsSkipped"));
        assertEquals(0, run.getLong("progress.rowsFailed"));

        JsonNode patched = bc("DynamicwebCustomerCard", "No eq 'C00003'").get(0);
        assertEquals("Changed Name", patched.path("Name").asText());
        assertEquals("Oslo", patched.path("City").asText());
        List<JsonNode> created = bc("DynamicwebCustomerCard", "Name eq 'New Shop Customer'");
        assertEquals(1, created.size());
        assertEquals("5001", created.get(0).path("No").asText());
        assertEquals("new@example.com", created.get(0).path("E_Mail").asText());
        assertEquals(
                "5001", commerceText("select accessuserexternalid from commerce.accessuser where accessuserid = 5001"));
        assertEquals(
                "C00003", commerceText("select accessuserexternalid from commerce.accessuser where accessuserid = 1"));
    }

    @Test
    void aKeyThatMatchesTwoRowsIsARowErrorAndAQuoteInTheValueStaysALiteral() throws Exception {
        String email = "o'dup@example.com";
        for (String name : List.of("Dup One", "Dup Two")) {
            admin(
                    "POST",
                    "/admin/bc/sets/DynamicwebCustomerCard/insert",
                    JSON.writeValueAsString(Map.of("values", Map.of("Name", name, "E_Mail", email))));
        }
        commerce(
                "insert into commerce.AccessUser values (7, '', 'Ambiguous', 'o''dup@example.com', 'Oslo', '0150')",
                "insert into commerce.AccessUser values (8, '', 'Unique', 'x'' or E_Mail ne ''@example.com', 'Oslo', '0150')");
        Map<String, Object> body = new LinkedHashMap<>(activity("odata-export-by-email"));
        body.put(
                "odataExport",
                Map.of(
                        "mappings",
                        List.of(Map.of(
                                "sourceTable", "AccessUser",
                                "entitySet", "DynamicwebCustomerCard",
                                "columns",
                                        List.of(column("AccessUserName", "Name"), column("AccessUserEmail", "E_Mail")),
                                "keys", List.of("E_Mail"),
                                "sourceKey", List.of("AccessUserId"),
                                "response", List.of(Map.of("destination", "No", "source", "AccessUserExternalId"))))));
        Runs.createActivity(body);

        JsonPath run = finished(Runs.runNow("odata-export-by-email"));
        assertEquals("FAILED", run.getString("status"));
        assertEquals("EXPORT_ERRORS", run.getString("exitCode"));
        assertEquals(2, run.getLong("progress.rowsRead"));
        assertEquals(1, run.getLong("progress.rowsInserted"));
        assertEquals(1, run.getLong("progress.rowsFailed"));
        List<Map<String, Object>> errors = exportErrors(run);
        assertEquals(1, errors.size());
        assertEquals("AccessUserId=7", errors.get(0).get("key"));
        assertEquals(
                "AccessUser -> DynamicwebCustomerCard: 2 rows of DynamicwebCustomerCard match E_Mail eq"
                        + " 'o''dup@example.com' (the key fields [E_Mail] must identify one row)",
                errors.get(0).get("message"));
        // the value with a quote and an "or" was one literal: nothing matched it, so it was created once
        assertEquals(1, bc("DynamicwebCustomerCard", "Name eq 'Unique'").size());
        assertEquals(
                2,
                bc("DynamicwebCustomerCard", "E_Mail eq 'o''dup@example.com'").size());
        assertEquals("", commerceText("select accessuserexternalid from commerce.accessuser where accessuserid = 7"));
    }

    @Test
    void aRecordChangedMeanwhileIsReadAndWrittenAgain() throws Exception {
        commerce(
                "insert into commerce.AccessUser values (1, 'C00004', 'Edited Twice', 'c4@example.com', 'Bergen', '5003')");
        customersExport("odata-export-stale", Map.of());
        admin("PUT", "/admin/bc/faults", "{\"concurrentEdits\":1,\"entitySets\":[\"DynamicwebCustomerCard\"]}");

        JsonPath run = finished(Runs.runNow("odata-export-stale"));
        assertEquals("COMPLETED", run.getString("status"), run.getString("exitMessage"));
        assertEquals(1, run.getLong("progress.rowsUpdated"));
        assertEquals(0, run.getLong("progress.rowsFailed"));
        assertEquals(
                "Bergen",
                bc("DynamicwebCustomerCard", "No eq 'C00004'")
                        .get(0)
                        .path("City")
                        .asText());
        assertEquals(Map.of("409", 1L), patchStatuses());
    }

    @Test
    void aRecordThatKeepsChangingBeyondTheBoundIsARowError() throws Exception {
        commerce(
                "insert into commerce.AccessUser values (1, 'C00005', 'Never Saved', 'c5@example.com', 'Bergen', '5003')");
        customersExport("odata-export-stale-bound", Map.of("conflictRetries", 2));
        admin("PUT", "/admin/bc/faults", "{\"concurrentEdits\":10,\"entitySets\":[\"DynamicwebCustomerCard\"]}");

        JsonPath run = finished(Runs.runNow("odata-export-stale-bound"));
        assertEquals("FAILED", run.getString("status"));
        assertEquals("EXPORT_ERRORS", run.getString("exitCode"));
        assertEquals(1, run.getLong("progress.rowsFailed"));
        assertEquals(0, run.getLong("progress.rowsUpdated"));
        List<Map<String, Object>> errors = exportErrors(run);
        assertEquals(1, errors.size());
        assertEquals("AccessUserId=1", errors.get(0).get("key"));
        String message = (String) errors.get(0).get("message");
        assertTrue(
                message.startsWith("AccessUser -> DynamicwebCustomerCard (known): the record changed 3 times while it"
                        + " was being written (odataExport.conflictRetries=2): OData.DynamicwebCustomerCard: HTTP 409"
                        + " Request_EntityChanged"),
                message);
        assertEquals(Map.of("409", 3L), patchStatuses());
        assertTrue(!"Never Saved"
                .equals(bc("DynamicwebCustomerCard", "No eq 'C00005'")
                        .get(0)
                        .path("Name")
                        .asText()));
    }

    @Test
    void aPostWhoseAnswerWasLostIsLookedUpAndNotSentAgain() throws Exception {
        commerce(
                "insert into commerce.AccessUser values (6001, '', 'Lost Answer Customer', 'lost@example.com', 'Odense', '5000')");
        customersExport("odata-export-lost", Map.of());
        admin("PUT", "/admin/bc/faults", "{\"lostPostAnswers\":1,\"entitySets\":[\"DynamicwebCustomerCard\"]}");

        JsonPath run = finished(Runs.runNow("odata-export-lost"));
        assertEquals("COMPLETED", run.getString("status"), run.getString("exitMessage"));
        assertEquals(1, run.getLong("progress.rowsInserted"));
        List<JsonNode> customers = bc("DynamicwebCustomerCard", "Name eq 'Lost Answer Customer'");
        assertEquals(1, customers.size(), "one customer, not two");
        assertEquals("6001", customers.get(0).path("No").asText());
        assertEquals(
                "6001", commerceText("select accessuserexternalid from commerce.accessuser where accessuserid = 6001"));
        JsonNode stats = JSON.readTree(admin("GET", "/admin/bc/stats", null));
        assertEquals(
                1,
                stats.path("requests")
                        .path("DynamicwebCustomerCard")
                        .path("500")
                        .asLong(),
                stats.toString());
    }

    @Test
    void anOrderGoesToBusinessCentralAsSalesOrderWithItsLinesAndItsNumberComesBack() throws Exception {
        commerce(
                "insert into commerce.EcomOrders values ('ORDER1', true, '', 'DKK', 'Jane Shopper', 'Vejle',"
                        + " 'jane@example.com', 4.95, 0)",
                "insert into commerce.EcomOrders values ('ORDER2', false, '', 'DKK', 'Not Done', 'Vejle',"
                        + " 'nd@example.com', 0, 0)",
                "insert into commerce.EcomOrderLines values ('L1', 'ORDER1', 0, 'I0000001', '', 2, 10.50, 0, '')",
                "insert into commerce.EcomOrderLines values ('L2', 'ORDER1', 0, 'I0000002', '', 1, 99, 10, '')",
                "insert into commerce.EcomOrderLines values ('L3', 'ORDER2', 0, 'I0000003', '', 1, 5, 0, '')");
        Map<String, Object> body = new LinkedHashMap<>(activity("odata-export-orders"));
        body.put("odataExport", ordersExport());
        Runs.createActivity(body);

        JsonPath run = finished(Runs.runNow("odata-export-orders"));
        assertEquals("COMPLETED", run.getString("status"), run.getString("exitMessage"));
        // 2 orders (1 not complete), for ORDER1: payment fee (0: skipped), shipping fee, 2 item lines
        assertEquals(6, run.getLong("progress.rowsRead"));
        assertEquals(4, run.getLong("progress.rowsInserted"));
        assertEquals(2, run.getLong("progress.rowsSkipped"));

        List<JsonNode> orders = bc("DynamicwebSalesOrder", "External_Document_No eq 'ORDER1'");
        assertEquals(1, orders.size());
        JsonNode order = orders.get(0);
        String number = order.path("No").asText();
        assertTrue(number.startsWith("SO"), number);
        assertEquals("Order", order.path("Document_Type").asText());
        assertEquals("Jane Shopper", order.path("Sell_to_Customer_Name").asText());
        assertEquals("Vejle", order.path("Sell_to_City").asText());
        assertEquals("DKK", order.path("Currency_Code").asText());
        assertEquals(
                0,
                bc("DynamicwebSalesOrder", "External_Document_No eq 'ORDER2'").size());
        assertEquals(
                number,
                commerceText("select orderintegrationorderid from commerce.ecomorders where orderid = 'ORDER1'"));
        assertEquals(
                "", commerceText("select orderintegrationorderid from commerce.ecomorders where orderid = 'ORDER2'"));

        List<String> lines = new ArrayList<>();
        for (JsonNode line : bc("DynamicwebSalesOrderSalesLines", "Document_No eq '" + number + "'")) {
            // option fields as BC writes them in JSON: member names (Charge (Item) is Charge_x0020__x0028_Item_x0029_)
            lines.add(line.path("Line_No").asInt() + " " + line.path("Type").asText() + " "
                    + line.path("No").asText() + " x"
                    + line.path("Quantity").decimalValue().stripTrailingZeros().toPlainString()
                    + " @"
                    + line.path("Unit_Price")
                            .decimalValue()
                            .stripTrailingZeros()
                            .toPlainString()
                    + " -"
                    + line.path("Line_Discount_Percent")
                            .decimalValue()
                            .stripTrailingZeros()
                            .toPlainString() + "%");
        }
        assertEquals(
                List.of(
                        "10000 Charge_x0020__x0028_Item_x0029_ DW-SHIP x1 @4.95 -0%",
                        "20000 Item I0000001 x2 @10.5 -0%", "30000 Item I0000002 x1 @99 -10%"),
                lines);
    }

    @Test
    void twoLinesOfOneOrderForOneItemInTwoVariantsAreTwoBcLinesFoundAgainAfterLostAnswersAndOnTheNextRun()
            throws Exception {
        // I0000001 has the variants BLUE, GREEN and RED in BC; the line without a variant is a third line
        commerce(
                "insert into commerce.EcomOrders values ('ORDER4', true, '', 'DKK', 'Two Colours', 'Vejle',"
                        + " 'colours@example.com', 0, 0)",
                "insert into commerce.EcomOrderLines values ('L6', 'ORDER4', 0, 'I0000001', 'BLUE', 1, 10, 0, '')",
                "insert into commerce.EcomOrderLines values ('L7', 'ORDER4', 0, 'I0000001', 'RED', 2, 10, 0, '')",
                "insert into commerce.EcomOrderLines values ('L8', 'ORDER4', 0, 'I0000001', '', 3, 9, 0, '')");
        Map<String, Object> body = new LinkedHashMap<>(activity("odata-export-orders-variants"));
        body.put("odataExport", ordersExport());
        Runs.createActivity(body);
        // BC creates the first two lines but their answers never arrive: each must be found by its own variant
        admin("PUT", "/admin/bc/faults", "{\"lostPostAnswers\":2,\"entitySets\":[\"DynamicwebSalesOrderSalesLines\"]}");

        JsonPath first = finished(Runs.runNow("odata-export-orders-variants"));
        assertEquals("COMPLETED", first.getString("status"), first.getString("exitMessage"));
        // the order, its two fees (0: skipped), its three lines
        RunCounts.assertRowCounts(first, 6, 4, 0, 2, 0);
        String number =
                commerceText("select orderintegrationorderid from commerce.ecomorders where orderid = 'ORDER4'");
        assertEquals(
                List.of("10000 I0000001 BLUE x1", "20000 I0000001 RED x2", "30000 I0000001  x3"), variantLines(number));
        JsonNode stats = JSON.readTree(admin("GET", "/admin/bc/stats", null));
        assertEquals(
                2,
                stats.path("requests")
                        .path("DynamicwebSalesOrderSalesLines")
                        .path("500")
                        .asLong(),
                stats.toString());

        // the shop changes a quantity; the next run finds every line by its keys and changes it
        admin("DELETE", "/admin/bc/faults", null);
        commerce("update commerce.EcomOrderLines set OrderLineQuantity = 5 where OrderLineId = 'L7'");
        JsonPath second = finished(Runs.runNow("odata-export-orders-variants"));
        assertEquals("COMPLETED", second.getString("status"), second.getString("exitMessage"));
        RunCounts.assertRowCounts(second, 6, 0, 4, 2, 0);
        assertEquals(
                List.of("10000 I0000001 BLUE x1", "20000 I0000001 RED x5", "30000 I0000001  x3"), variantLines(number));
        assertEquals(
                1,
                bc("DynamicwebSalesOrder", "External_Document_No eq 'ORDER4'").size());
    }

    @Test
    void twoLinesOfOneOrderForTheSameItemAndVariantAreNotWrittenOntoEachOther() throws Exception {
        commerce(
                "insert into commerce.EcomOrders values ('ORDER3', true, '', 'DKK', 'Twice Same Item', 'Vejle',"
                        + " 'twice@example.com', 0, 0)",
                "insert into commerce.EcomOrderLines values ('L4', 'ORDER3', 0, 'I0000001', 'GREEN', 1, 5, 0, '')",
                "insert into commerce.EcomOrderLines values ('L5', 'ORDER3', 0, 'I0000001', 'GREEN', 3, 4.50, 0, '')",
                // a variant BC does not have for the item: BC's refusal is the line's error
                "insert into commerce.EcomOrderLines values ('L9', 'ORDER3', 0, 'I0000001', 'PURPLE', 1, 5, 0, '')");
        Map<String, Object> body = new LinkedHashMap<>(activity("odata-export-orders-same-item"));
        body.put("odataExport", ordersExport());
        Runs.createActivity(body);

        JsonPath run = finished(Runs.runNow("odata-export-orders-same-item"));
        assertEquals("FAILED", run.getString("status"));
        assertEquals("EXPORT_ERRORS", run.getString("exitCode"));
        // the order, its two fees (0: skipped), its three lines
        RunCounts.assertRowCounts(run, 6, 2, 0, 2, 2);
        String number =
                commerceText("select orderintegrationorderid from commerce.ecomorders where orderid = 'ORDER3'");
        List<Map<String, Object>> errors = exportErrors(run);
        assertEquals(2, errors.size());
        assertEquals("OrderLineId=L5", errors.get(0).get("key"));
        assertEquals(
                "Item: another row under the same parent row has the key fields [Document_Type, Document_No, Type,"
                        + " No, Variant_Code] (Document_Type eq 'Order' and Document_No eq '" + number + "' and Type eq"
                        + " 'Item' and No eq 'I0000001' and Variant_Code eq 'GREEN') and was written in this run; this"
                        + " one would change it instead of being a row of its own (keys must tell the rows apart)",
                errors.get(0).get("message"));
        assertEquals("OrderLineId=L9", errors.get(1).get("key"));
        String refused = (String) errors.get(1).get("message");
        assertTrue(
                refused.startsWith("Item: OData.DynamicwebSalesOrderSalesLines: HTTP 400 Application_DialogException")
                        && refused.contains("The field Variant Code of table Sales Line contains a value (PURPLE) that"
                                + " cannot be found in the related table (Item Variant)."),
                refused);
        // the first line as the shop has it, not overwritten by the second
        assertEquals(List.of("10000 I0000001 GREEN x1"), variantLines(number));
    }

    /** The lines of a BC sales order: Line_No, item, variant and quantity. */
    private static List<String> variantLines(String documentNo) throws Exception {
        List<String> lines = new ArrayList<>();
        for (JsonNode line : bc("DynamicwebSalesOrderSalesLines", "Document_No eq '" + documentNo + "'")) {
            lines.add(line.path("Line_No").asInt() + " " + line.path("No").asText() + " "
                    + line.path("Variant_Code").asText() + " x"
                    + line.path("Quantity").decimalValue().stripTrailingZeros().toPlainString());
        }
        return lines;
    }

    // ---- the activities ----

    private static Map<String, Object> activity(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "EXPORT");
        body.put("endpoint", BcSimulatorTestResource.ENDPOINT);
        body.put("timeoutSeconds", 300);
        return body;
    }

    /** Seed 004's Export AccessUsers - Customers (a subset of its columns), with keys and response mapping. */
    private static void customersExport(String name, Map<String, Object> options) {
        List<Map<String, Object>> shared = List.of(
                column("AccessUserName", "Name"),
                column("AccessUserEmail", "E_Mail"),
                column("AccessUserCity", "City"),
                column("AccessUserZip", "Post_Code"));
        List<Map<String, Object>> newColumns = new ArrayList<>(shared);
        newColumns.add(column("AccessUserId", "No"));
        List<Map<String, Object>> knownColumns = new ArrayList<>(shared);
        knownColumns.add(column("AccessUserExternalId", "No"));
        Map<String, Object> export = new LinkedHashMap<>(options);
        export.put(
                "mappings",
                List.of(
                        Map.of(
                                "name",
                                "AccessUser -> DynamicwebCustomerCard (new)",
                                "sourceTable",
                                "AccessUser",
                                "entitySet",
                                "DynamicwebCustomerCard",
                                "conditions",
                                List.of(condition("AccessUserExternalId", "EqualTo", "")),
                                "columns",
                                newColumns,
                                "keys",
                                List.of("No"),
                                "sourceKey",
                                List.of("AccessUserId"),
                                "response",
                                List.of(Map.of("destination", "No", "source", "AccessUserExternalId"))),
                        Map.of(
                                "name",
                                "AccessUser -> DynamicwebCustomerCard (known)",
                                "sourceTable",
                                "AccessUser",
                                "entitySet",
                                "DynamicwebCustomerCard",
                                "conditions",
                                List.of(condition("AccessUserExternalId", "DifferentFrom", "")),
                                "columns",
                                knownColumns,
                                "keys",
                                List.of("No"),
                                "sourceKey",
                                List.of("AccessUserId"))));
        Map<String, Object> body = new LinkedHashMap<>(activity(name));
        body.put("odataExport", export);
        Runs.createActivity(body);
    }

    /** Seed 004's Export Orders: the header, the payment and shipping fee lines and the item lines. */
    private static Map<String, Object> ordersExport() {
        List<String> lineKeys = List.of("Document_Type", "Document_No", "Type", "No");
        List<String> lineEntityKey = List.of("Document_Type", "Document_No", "Line_No");
        Map<String, Object> paymentFee = Map.of(
                "name",
                "Payment fee",
                "sourceTable",
                "EcomOrders",
                "entitySet",
                "DynamicwebSalesOrderSalesLines",
                "conditions",
                List.of(condition("OrderPaymentFeeWithoutVAT", "GreatherThan", "0")),
                "columns",
                List.of(
                        constant("Document_Type", "Order"),
                        constant("Quantity", "1"),
                        constant("No", "DW-PAY"),
                        column("OrderIntegrationOrderId", "Document_No"),
                        column("OrderPaymentFeeWithoutVAT", "Line_Amount"),
                        column("OrderPaymentFeeWithoutVAT", "Unit_Price"),
                        constant("Type", "Charge (Item)")),
                "keys",
                lineKeys,
                "entityKey",
                lineEntityKey);
        Map<String, Object> shippingFee = Map.of(
                "name",
                "Shipping fee",
                "sourceTable",
                "EcomOrders",
                "entitySet",
                "DynamicwebSalesOrderSalesLines",
                "conditions",
                List.of(condition("OrderShippingFeeWithoutVAT", "GreatherThan", "0")),
                "columns",
                List.of(
                        constant("Document_Type", "Order"),
                        constant("Quantity", "1"),
                        constant("No", "DW-SHIP"),
                        column("OrderIntegrationOrderId", "Document_No"),
                        column("OrderShippingFeeWithoutVAT", "Line_Amount"),
                        column("OrderShippingFeeWithoutVAT", "Unit_Price"),
                        constant("Type", "Charge (Item)")),
                "keys",
                lineKeys,
                "entityKey",
                lineEntityKey);
        Map<String, Object> items = new LinkedHashMap<>();
        items.put("name", "Item");
        items.put("sourceTable", "EcomOrderLines");
        items.put("entitySet", "DynamicwebSalesOrderSalesLines");
        items.put("conditions", List.of(condition("OrderLineType", "In", "0,5,6")));
        items.put(
                "columns",
                List.of(
                        constant("Document_Type", "Order"),
                        constant("Type", "Item"),
                        column("OrderIntegrationOrderId", "Document_No"),
                        column("OrderLineCalculatedDiscountPercentage", "Line_Discount_Percent"),
                        column("OrderLineProductNumber", "No"),
                        column("OrderLineProductVariantId", "Variant_Code"),
                        column("OrderLineQuantity", "Quantity"),
                        column("OrderLineUnitPriceWithoutVAT", "Unit_Price")));
        // as shipped (V13): an item line is also told apart by its variant
        items.put("keys", List.of("Document_Type", "Document_No", "Type", "No", "Variant_Code"));
        items.put("entityKey", lineEntityKey);
        items.put("sourceKey", List.of("OrderLineId"));
        items.put("parentLink", Map.of("OrderLineOrderId", "OrderId"));
        items.put("fromParent", List.of("OrderIntegrationOrderId"));
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("name", "Order");
        header.put("sourceTable", "EcomOrders");
        header.put("entitySet", "DynamicwebSalesOrder");
        header.put("conditions", List.of(condition("OrderComplete", "EqualTo", "True")));
        header.put(
                "columns",
                List.of(
                        column("OrderCurrencyCode", "Currency_Code"),
                        constant("Document_Type", "Order"),
                        constant("ShippingOptions", "Default (Sell-to Address)"),
                        constant("BillToOptions", "Default (Customer)"),
                        column("OrderCustomerName", "Sell_to_Customer_Name"),
                        column("OrderDeliveryCity", "Sell_to_City"),
                        column("OrderCustomerEmail", "Sell_to_E_Mail"),
                        column("OrderId", "External_Document_No")));
        header.put("keys", List.of("Document_Type", "External_Document_No"));
        header.put("entityKey", List.of("Document_Type", "No"));
        header.put("sourceKey", List.of("OrderId"));
        header.put("response", List.of(Map.of("destination", "No", "source", "OrderIntegrationOrderId")));
        header.put("children", List.of(paymentFee, shippingFee, items));
        return Map.of("mappings", List.of(header));
    }

    private static Map<String, Object> column(String source, String destination) {
        return Map.of("source", source, "destination", destination);
    }

    private static Map<String, Object> constant(String destination, String value) {
        return Map.of("destination", destination, "constant", value);
    }

    private static Map<String, Object> condition(String column, String operator, String value) {
        return Map.of("column", column, "operator", operator, "value", value);
    }

    // ---- helpers ----

    private static JsonPath finished(UUID run) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    last[0] = Runs.get(run);
                    return List.of("COMPLETED", "FAILED", "ABANDONED").contains(last[0].getString("status"));
                });
        return last[0];
    }

    private static List<Map<String, Object>> exportErrors(JsonPath run) {
        List<Map<String, Object>> errors = run.getList("errors");
        return errors.stream().filter(e -> "EXPORT".equals(e.get("source"))).toList();
    }

    /** PATCH answers of the customer card by status, from the simulator's statistics. */
    private static Map<String, Long> patchStatuses() throws Exception {
        JsonNode stats = JSON.readTree(admin("GET", "/admin/bc/stats", null));
        Map<String, Long> statuses = new LinkedHashMap<>();
        stats.path("requests").path("DynamicwebCustomerCard").fields().forEachRemaining(e -> {
            if (!e.getKey().equals("200")) {
                statuses.put(e.getKey(), e.getValue().asLong());
            }
        });
        return statuses;
    }

    private static void commerce(String... statements) throws Exception {
        try (Connection c = PostgresKafkaTestResource.openConnection();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static String commerceText(String sql) throws Exception {
        try (Connection c = PostgresKafkaTestResource.openConnection();
                Statement s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    /** The rows of an entity set that match a filter, read from the simulator directly. */
    private static List<JsonNode> bc(String entitySet, String filter) throws Exception {
        BcClient bc = BcSimulatorTestResource.client();
        JsonNode page =
                JSON.readTree(bc.get(bc.entitySetUrl(entitySet) + "?$filter=" + BcClient.encode(filter), bc.bearer()));
        List<JsonNode> rows = new ArrayList<>();
        page.path("value").forEach(rows::add);
        return rows;
    }

    private static String admin(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BcSimulatorTestResource.baseUrl() + path));
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(
                response.statusCode() / 100 == 2,
                method + " " + path + ": " + response.statusCode() + " " + response.body());
        return response.body();
    }
}
