package io.erplink.batch.odata;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FilterPushdownTest {
    private static final Map<String, String> ITEM = Map.of(
            "No", "Edm.String",
            "AssemblyBOM", "Edm.Boolean",
            "Unit_Price", "Edm.Decimal",
            "Inventory", "Edm.Decimal",
            "Type", "Edm.String",
            "Salesperson_Code", "Edm.String",
            "StartingDate", "Edm.Date",
            "EndingDate", "Edm.Date",
            "Amount_Type", "Edm.String",
            "SystemModifiedAt", "Edm.DateTimeOffset");

    private static Condition c(String column, String operator, String value) {
        return new Condition(column, operator, value);
    }

    @Test
    void contactsConditionalsOfOneMappingBecomeAnAnd() {
        assertEquals(
                Optional.of("Salesperson_Code ne '' and Type eq 'Person'"),
                FilterPushdown.of(
                        List.of(List.of(c("Salesperson_Code", "DifferentFrom", ""), c("Type", "EqualTo", "Person"))),
                        ITEM));
    }

    @Test
    void mappingsOfTheSameFieldBecomeAnOrOnThatField() {
        // bc-import-items: AssemblyBOM EqualTo True / EqualTo False
        assertEquals(
                Optional.of("(AssemblyBOM eq true or AssemblyBOM eq false)"),
                FilterPushdown.of(
                        List.of(
                                List.of(c("AssemblyBOM", "EqualTo", "True")),
                                List.of(c("AssemblyBOM", "EqualTo", "False"))),
                        ITEM));
    }

    @Test
    void newPricingTablesFilterPerFieldNeverAnOrAcrossFields() {
        List<List<Condition>> mappings = List.of(
                List.of(
                        c("Amount_Type", "EqualTo", "Price"),
                        c("StartingDate", "GreatherThan", "1901-01-01"),
                        c("EndingDate", "GreatherThan", "1901-01-01")),
                List.of(
                        c("Amount_Type", "EqualTo", "Price & Discount"),
                        c("StartingDate", "EqualTo", "0001-01-01"),
                        c("EndingDate", "EqualTo", "0001-01-01")));
        assertEquals(
                Optional.of("(Amount_Type eq 'Price' or Amount_Type eq 'Price & Discount')"
                        + " and (StartingDate gt 1901-01-01 or StartingDate eq 0001-01-01)"
                        + " and (EndingDate gt 1901-01-01 or EndingDate eq 0001-01-01)"),
                FilterPushdown.of(mappings, ITEM));
    }

    @Test
    void aFieldNotConstrainedByEveryMappingIsLeftToMappingService() {
        assertEquals(
                Optional.of("(Type eq 'Person' or Type eq 'Company')"),
                FilterPushdown.of(
                        List.of(
                                List.of(c("Type", "EqualTo", "Person"), c("Salesperson_Code", "DifferentFrom", "")),
                                List.of(c("Type", "EqualTo", "Company"))),
                        ITEM));
        // a mapping without conditionals needs every row
        assertEquals(
                Optional.empty(), FilterPushdown.of(List.of(List.of(c("Type", "EqualTo", "Person")), List.of()), ITEM));
    }

    @Test
    void onlyComparisonsMappingServiceMakesTheSameWayArePushed() {
        // text that mapping-service would compare as a number, boolean or date: not pushed
        assertEquals(Optional.empty(), FilterPushdown.translate(c("No", "EqualTo", "1000"), ITEM));
        assertEquals(Optional.empty(), FilterPushdown.translate(c("No", "EqualTo", "yes"), ITEM));
        assertEquals(Optional.empty(), FilterPushdown.translate(c("No", "EqualTo", "2024-01-01"), ITEM));
        // text is never ordered on the server (its collation is not Java's)
        assertEquals(Optional.empty(), FilterPushdown.translate(c("No", "GreatherThan", "A"), ITEM));
        // NotContains needs "not"; unknown columns and unsupported types stay with mapping-service
        assertEquals(Optional.empty(), FilterPushdown.translate(c("No", "NotContains", "X"), ITEM));
        assertEquals(Optional.empty(), FilterPushdown.translate(c("Nope", "EqualTo", "X"), ITEM));
        assertEquals(
                Optional.empty(),
                FilterPushdown.translate(c("SystemModifiedAt", "GreatherThan", "2024-01-01T00:00:00Z"), ITEM));
        assertEquals(Optional.empty(), FilterPushdown.translate(c("Unit_Price", "EqualTo", "abc"), ITEM));
        // what is pushed
        assertEquals(
                Optional.of("Unit_Price gt 10.5"),
                FilterPushdown.translate(c("Unit_Price", "GreaterThan", "10.5"), ITEM));
        assertEquals(Optional.of("Inventory lt 0"), FilterPushdown.translate(c("Inventory", "LessThan", "0"), ITEM));
        assertEquals(
                Optional.of("AssemblyBOM ne true"),
                FilterPushdown.translate(c("AssemblyBOM", "DifferentFrom", "1"), ITEM));
        assertEquals(
                Optional.of("(Type eq 'Person' or Type eq 'Company')"),
                FilterPushdown.translate(c("Type", "In", "Person, Company"), ITEM));
        assertEquals(
                Optional.of("(Type ne 'Person' and Type ne 'Company')"),
                FilterPushdown.translate(c("Type", "NotIn", "Person,Company"), ITEM));
        assertEquals(
                Optional.of("(contains(No,'BIKE') or contains(No,'CAR'))"),
                FilterPushdown.translate(c("No", "Contains", "BIKE,CAR"), ITEM));
    }

    @Test
    void optionFieldsArePushedAsEnumMembersOnlyWhenTheCaptionIsAMember() {
        Map<String, String> lines = Map.of("Amount_Type", "Microsoft.NAV.PriceAmountType");
        Map<String, java.util.Set<String>> enums = Map.of(
                "Microsoft.NAV.PriceAmountType",
                java.util.Set.of("Price", "Discount", "Price_x0020__x0026__x0020_Discount"));
        assertEquals(
                Optional.of("(Amount_Type eq Microsoft.NAV.PriceAmountType'Price'"
                        + " or Amount_Type eq Microsoft.NAV.PriceAmountType'Price_x0020__x0026__x0020_Discount')"),
                FilterPushdown.of(
                        List.of(
                                List.of(c("Amount_Type", "EqualTo", "Price")),
                                List.of(c("Amount_Type", "EqualTo", "Price & Discount"))),
                        lines,
                        enums));
        // not a member: the server would refuse the filter; mapping-service simply matches nothing
        assertEquals(Optional.empty(), FilterPushdown.translate(c("Amount_Type", "EqualTo", "Rebate"), lines, enums));
        assertEquals(
                Optional.empty(), FilterPushdown.translate(c("Amount_Type", "GreatherThan", "Price"), lines, enums));
    }

    @Test
    void enumMemberNamesDecodeToCaptions() {
        assertEquals("Price & Discount", EnumMembers.decode("Price_x0020__x0026__x0020_Discount"));
        assertEquals("Charge (Item)", EnumMembers.decode("Charge_x0020__x0028_Item_x0029_"));
        assertEquals("", EnumMembers.decode("_x0020_"));
        assertEquals("Person", EnumMembers.decode("Person"));
        assertEquals("_xZZ_x", EnumMembers.decode("_xZZ_x"));
        for (String caption : List.of("Price & Discount", "Charge (Item)", "", "Person", "2nd_x")) {
            assertEquals(caption, EnumMembers.decode(EnumMembers.encode(caption)));
        }
    }

    @Test
    void aValueWithQuotesStaysOneLiteral() {
        String hostile = "x' or 1 eq 1 or Type eq '";
        assertEquals(
                Optional.of("Type eq 'x'' or 1 eq 1 or Type eq '''"),
                FilterPushdown.translate(c("Type", "EqualTo", hostile), ITEM));
        assertEquals(
                Optional.of("contains(Type,'a'')')"), FilterPushdown.translate(c("Type", "Contains", "a')"), ITEM));
        // read as OData reads literals ('' inside is a quote), only the structure remains
        for (String value : List.of(hostile, "'", "''", "a'b'c", "') or (1 eq 1", "\\'")) {
            String filter =
                    FilterPushdown.translate(c("Type", "EqualTo", value), ITEM).orElseThrow();
            assertEquals("Type eq L", filter.replaceAll("'(?:[^']|'')*'", "L"), value);
        }
    }
}
