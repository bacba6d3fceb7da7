package io.erplink.batch.exports.odata;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.erplink.batch.odata.Condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed 004's export conditionals on commerce rows, and what an export definition must name. */
class ExportConditionsTest {

    @Test
    void comparesNumbersByValueBooleansIgnoringCaseAndBlanksAsEmpty() {
        Map<String, String> order =
                Map.of("ordercomplete", "true", "ordershippingfeewithoutvat", "4.95", "orderpaymentfeewithoutvat", "0");
        assertTrue(ExportConditions.matches(List.of(new Condition("OrderComplete", "EqualTo", "True")), order));
        assertTrue(ExportConditions.matches(
                List.of(new Condition("OrderShippingFeeWithoutVAT", "GreatherThan", "0")), order));
        assertFalse(ExportConditions.matches(
                List.of(new Condition("OrderPaymentFeeWithoutVAT", "GreatherThan", "0")), order));
        assertTrue(ExportConditions.matches(
                List.of(new Condition("OrderPaymentFeeWithoutVAT", "EqualTo", "0.00000000")), order));
        assertTrue(ExportConditions.matches(List.of(new Condition("AccessUserExternalId", "EqualTo", "")), order));
        assertFalse(
                ExportConditions.matches(List.of(new Condition("AccessUserExternalId", "DifferentFrom", "")), order));
        Map<String, String> line = Map.of("orderlinetype", "5");
        assertTrue(ExportConditions.matches(List.of(new Condition("OrderLineType", "In", "0,5,6")), line));
        assertFalse(ExportConditions.matches(List.of(new Condition("OrderLineType", "In", "2")), line));
        assertTrue(ExportConditions.matches(List.of(new Condition("OrderLineType", "NotIn", "2, 4")), line));
    }

    @Test
    void anExportNamesKeysAmongItsColumnsAndPlainColumnNames() {
        ODataExport.Mapping customers = new ODataExport.Mapping(
                null,
                "AccessUser",
                "DynamicwebCustomerCard",
                List.of(new Condition("AccessUserExternalId", "EqualTo", "")),
                List.of(new ODataExport.Column("AccessUserId", "No", null)),
                List.of("No"),
                null,
                List.of("AccessUserId"),
                List.of(new ODataExport.Response("No", "AccessUserExternalId")),
                null,
                null,
                null);
        assertNull(new ODataExport(List.of(customers), null, null).problem());

        ODataExport.Mapping bad = new ODataExport.Mapping(
                null,
                "AccessUser; drop table x",
                "DynamicwebCustomerCard",
                null,
                List.of(new ODataExport.Column("AccessUserId", "No", null)),
                List.of("No"),
                null,
                List.of("AccessUserId"),
                null,
                null,
                null,
                null);
        assertEquals(
                "odataExport mapping AccessUser; drop table x -> DynamicwebCustomerCard: sourceTable must be a table name",
                new ODataExport(List.of(bad), null, null).problem());

        ODataExport.Mapping noKey = new ODataExport.Mapping(
                "customers",
                "AccessUser",
                "DynamicwebCustomerCard",
                List.of(new Condition("AccessUserName", "Like", "x")),
                List.of(new ODataExport.Column("AccessUserName", "Name", null)),
                List.of("No"),
                null,
                List.of("AccessUserId"),
                null,
                null,
                null,
                null);
        assertEquals(
                "odataExport mapping customers: key No is not one of the mapped destination fields;"
                        + " odataExport mapping customers: conditional operator Like is not one of "
                        + ExportConditionsTest.operators(),
                new ODataExport(List.of(noKey), null, null).problem());
    }

    private static String operators() {
        String problem = ExportConditions.problem(new Condition("A", "Like", ""));
        return problem.substring(problem.indexOf("one of ") + "one of ".length());
    }
}
