package io.erplink.simulator.bc;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** $filter with BC's rules and $select. */
@QuarkusTest
class BcFilterTest {

    @BeforeEach
    void reset() {
        Bc.reset();
    }

    private static Bc.Answer filter(String set, String select, String filter) {
        return Bc.get(
                Bc.set(set) + "?$select=" + select + "&$filter=" + Bc.q(filter), "Prefer", "odata.maxpagesize=20000");
    }

    private static List<String> matches(String set, String select, String filter) {
        Bc.Answer answer = filter(set, select, filter);
        assertEquals(200, answer.status(), answer.body());
        return answer.column(select.split(",")[0]);
    }

    private static void refused(String set, String filter, String messagePart) {
        Bc.Answer answer = filter(set, "No", filter);
        assertEquals(400, answer.status(), answer.body());
        assertEquals("BadRequest", answer.errorCode());
        assertTrue(answer.json().path("error").path("message").asText().contains(messagePart), answer.body());
    }

    @Test
    void matchesAStringLiteralWithADoubledQuote() {
        assertEquals(List.of("C00002"), matches("DynamicwebCustomerCard", "No", "Name eq 'O''Brien Trading 2'"));
    }

    @Test
    void keepsAQuoteInAValueInsideTheLiteral() {
        assertEquals(List.of(), matches("DynamicwebCustomerCard", "No", "Name eq 'x'' or No ne '''"));
    }

    @Test
    void combinesOrOnTheSameFieldAndAndAcrossFields() {
        assertEquals(
                List.of("C00012", "C00022"),
                matches(
                        "DynamicwebCustomerCard",
                        "No",
                        "startswith(Name,'O''Brien') and (No eq 'C00012' or No eq 'C00022' or No eq 'C00013')"));
    }

    @Test
    void refusesOrAcrossDifferentFieldsAsBcDoes() {
        refused(
                "DynamicwebCustomerCard",
                "Name eq 'x' or No eq 'C00001'",
                "The 'OR' operator is not supported on distinct fields on an OData filter.");
        refused(
                "DynamicwebCustomerCard",
                "No eq 'C00001' or (No eq 'C00002' and City eq 'Berlin')",
                "not supported on distinct fields");
    }

    @Test
    void evaluatesStartsWithEndsWithAndContains() {
        assertEquals(
                List.of("I0000010", "I0000110"),
                matches("DynamicwebItemCard", "No", "endswith(No,'10') and No le 'I0000150'"));
        assertEquals(
                List.of("C00010", "C00100"),
                matches("DynamicwebCustomerCard", "No", "contains(No,'010') or contains(No,'100')"));
        assertEquals(
                5,
                matches("DynamicwebItemCategoryCard", "Code", "startswith(Code,'CAT1')")
                        .size());
    }

    @Test
    void comparesNumbersDatesAndBooleansByType() {
        assertEquals(
                List.of("I0000050", "I0000100", "I0000150", "I0000200"),
                matches("DynamicwebItemCard", "No", "Blocked eq true"));
        List<String> cheap = matches("DynamicwebItemCard", "No,Unit_Price", "Unit_Price lt 50.5");
        Bc.Answer answer = filter("DynamicwebItemCard", "No,Unit_Price", "Unit_Price lt 50.5");
        for (JsonNode row : answer.json().path("value")) {
            assertTrue(row.path("Unit_Price").decimalValue().compareTo(new java.math.BigDecimal("50.5")) < 0);
        }
        assertEquals(
                cheap.size()
                        + matches("DynamicwebItemCard", "No", "Unit_Price ge 50.5")
                                .size(),
                200);
        assertEquals(
                400,
                matches("DynamicwebSalesPriceListLines", "Line_No", "StartingDate gt 1901-01-01")
                        .size(),
                "two of every item's four lines start on 2025-01-01");
        assertEquals(
                400,
                matches("DynamicwebSalesPriceListLines", "Line_No", "StartingDate eq 0001-01-01")
                        .size());
        assertEquals(
                List.of("400", "800"),
                matches(
                        "DynamicwebSalesPriceListLines",
                        "Line_No",
                        "Amount_Type eq 'Price & Discount' and Line_No le 800"));
        assertEquals(
                List.of("400"),
                matches(
                        "DynamicwebSalesPriceListLines",
                        "Line_No",
                        "Amount_Type eq Microsoft.NAV.PriceAmountType'Price_x0020__x0026__x0020_Discount' and Line_No le 400"));
    }

    @Test
    void comparesDateTimeOffsets() {
        String at = Bc.get(Bc.set("DynamicwebItemCard('I0000007')"))
                .json()
                .path("SystemModifiedAt")
                .asText();
        List<String> after = matches("DynamicwebItemCard", "No", "SystemModifiedAt ge " + at);
        List<String> before = matches("DynamicwebItemCard", "No", "SystemModifiedAt lt " + at);
        assertTrue(after.contains("I0000007"));
        assertFalse(before.contains("I0000007"));
        assertEquals(200, after.size() + before.size());
    }

    @Test
    void ignoresComparisonsWithNull() {
        assertEquals(
                200, matches("DynamicwebItemCard", "No", "Vendor_No eq null").size());
        assertEquals(
                List.of("I0000050", "I0000100", "I0000150", "I0000200"),
                matches("DynamicwebItemCard", "No", "Blocked eq true and Description eq null"));
    }

    @Test
    void refusesLiteralsOfTheWrongTypeAndUnknownFields() {
        refused("DynamicwebItemCard", "Unit_Price gt '5'", "incompatible types");
        refused("DynamicwebItemCard", "Blocked eq 'true'", "incompatible types");
        refused("DynamicwebItemCard", "No eq 5", "incompatible types");
        refused("DynamicwebItemCard", "SystemModifiedAt ge 2025-01-01", "incompatible types");
        refused("DynamicwebItemCard", "Colour eq 'red'", "Could not find a property named 'Colour'");
        refused("DynamicwebItemCard", "Type eq 'Gadget'", "not a member of the enum type");
        refused("DynamicwebItemCard", "No eq 'I0000001", "unterminated string literal");
        refused("DynamicwebItemCard", "not (No eq 'I0000001')", "'not' operator is not supported");
        refused("DynamicwebItemCard", "'I0000001' eq No", "expected a field name");
    }

    @Test
    void selectsOnlyTheNamedFieldsAndTheEtag() {
        Bc.Answer answer = filter("DynamicwebItemCard", "No,Unit_Price", "No eq 'I0000001'");
        JsonNode row = answer.json().path("value").get(0);
        List<String> names = new java.util.ArrayList<>();
        row.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("@odata.etag", "No", "Unit_Price"), names);
        assertTrue(answer.json().path("@odata.context").asText().endsWith("/DynamicwebItemCard(No,Unit_Price)"));
        Bc.Answer unknown = Bc.get(Bc.set("DynamicwebItemCard") + "?$select=No,Colour");
        assertEquals(400, unknown.status());
    }

    @Test
    void writesBlanksNeverNulls() {
        JsonNode row = Bc.get(Bc.set("DynamicwebSalesPriceListLines(Price_List_Code='S00001',Line_No=100)"))
                .json();
        assertEquals("", row.path("AssignToNo").asText());
        assertEquals("0001-01-01", row.path("StartingDate").asText());
        assertEquals(0, row.path("Line_Discount_Percent").intValue());
        row.fields().forEachRemaining(field -> assertFalse(field.getValue().isNull(), field.getKey()));
        JsonNode customer = Bc.get(Bc.set("DynamicwebCustomerCard('C00001')")).json();
        assertEquals("_x0020_", customer.path("Blocked").asText(), "BC's blank option");
    }

    @Test
    void refusesUnsupportedQueryOptions() {
        assertEquals(
                400,
                Bc.get(Bc.set("DynamicwebItemCard") + "?$orderby=No%20desc").status());
        assertEquals(
                400, Bc.get(Bc.set("DynamicwebItemCard") + "?$expand=Lines").status());
        assertEquals(400, Bc.get(Bc.set("DynamicwebItemCard") + "?$top=-1").status());
        assertEquals(
                200,
                Bc.get(Bc.set("DynamicwebItemCard") + "?company=x&$top=1").status(),
                "non-$ parameters are ignored");
    }
}
