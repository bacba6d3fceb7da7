package io.erplink.protocol.tables;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.erplink.protocol.ProtocolException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every {@code <tables>} sample of seeds 002 and 003 parses and survives read, write, read. */
class SeedResponsesTest {

    static List<String> responses() {
        List<String> names = Seeds.named(".response.xml").stream()
                .filter(n -> !n.equals("v1-export-is-done-paging.response.xml"))
                .toList();
        assertEquals(24, names.size(), "response samples: " + names);
        return names;
    }

    @ParameterizedTest
    @MethodSource("responses")
    void seedResponseParsesAndRoundTrips(String name) {
        byte[] xml = Seeds.bytes(name);
        TablesHeader header;
        List<TableRow> rows;
        try (TablesReader reader = TablesReader.open(new ByteArrayInputStream(xml))) {
            header = reader.header();
            rows = Seeds.readAll(reader);
            assertEquals(rows.size(), reader.rowsRead());
            assertNull(reader.next(), "stays at the end");
        }
        assertFalse(rows.isEmpty(), name + " has rows");
        // every column of the source shows up in the rows (no column lost)
        long columnsInSource = Seeds.text(name).split("<column ", -1).length - 1;
        assertEquals(
                columnsInSource,
                rows.stream().mapToLong(r -> r.columns().size()).sum(),
                name);

        byte[] written = Seeds.write(header, rows);
        try (TablesReader again = TablesReader.open(new ByteArrayInputStream(written))) {
            assertEquals(header, again.header());
            assertEquals(rows, Seeds.readAll(again));
        }
    }

    private static List<TableRow> rows(String name) {
        return Seeds.readAll(Seeds.bytes(name));
    }

    @Test
    void generalStructureHasNullAndValues() {
        for (String name : List.of("v1-general-structure.response.xml", "v2-general-structure.response.xml")) {
            List<TableRow> rows = rows(name);
            assertEquals(2, rows.size());
            assertEquals("Table1", rows.get(0).table());
            assertEquals("5", rows.get(0).get("Column1"));
            assertTrue(rows.get(0).has("Column2"));
            assertNull(rows.get(0).get("Column2"), "isNull=\"true\" is null");
            assertEquals("James", rows.get(0).get("Column3"));
            assertEquals(
                    List.of("Column1", "Column2", "Column3"),
                    List.copyOf(rows.get(0).columns().keySet()));
            assertEquals(
                    Map.of("Column1", "7913", "Column2", "VIP"), rows.get(1).columns());
            assertEquals("Table2", rows.get(1).tableName());
        }
    }

    @Test
    void emptyCdataIsEmptyStringNotNull() {
        TableRow product = rows("v1-live-prices.response.xml").get(0);
        assertEquals("", product.get("ProductVariantID"));
        assertEquals("Mongoose Tyax Super Comp Disc", product.get("ProductName"));
        assertEquals("300", product.get("productprice"), "lookup ignores case");
    }

    @Test
    void whitespaceOutsideCdataAndCommentsBetweenColumnsAreIgnored() {
        TableRow product = rows("v1-products.response.xml").get(0);
        assertEquals("true", product.get("ProductActive"), "<![CDATA[true]]> </column>");
        assertEquals("ENU", product.get("ProductLanguageID"), "followed by <!-- Ref: ... -->");
        assertEquals("Unit_", product.get("ProductDefaultUnitID"));
        assertEquals(14, product.columns().size());
        assertEquals("ENU", rows("v1-currencies.response.xml").get(0).get("CurrencyLanguageID"), "space before CDATA");
        TableRow manufacturer = rows("v1-manufacturers.response.xml").get(0);
        assertEquals("222 Reagan Drive", manufacturer.get("ManufacturerAddress"));
        assertEquals("", manufacturer.get("ManufacturerPhone"), "<![CDATA[]]> </column>");
        assertEquals("Unit_BOX", rows("v1-units.response.xml").get(2).get("VariantOptionID"));
    }

    @Test
    void whitespaceInsideCdataIsKept() {
        TableRow product = rows("v1-default-all.response.xml").get(0);
        assertEquals("Bas-Armagnac 1974 Castarede 6/70 40% ", product.get("ProductName"));
    }

    @Test
    void escapedTextInsideCdataIsKeptLiterally() {
        assertEquals(
                "Spotsmeyer's Furnishings", rows("v1-users.response.xml").get(0).get("AccessUserName"));
    }

    @Test
    void itemTableAttributeWinsOverEnclosingTableName() {
        List<TableRow> rows = rows("v2-units.response.xml");
        TableRow group = rows.get(0);
        assertEquals("EcomVariantGroups", group.table(), "the item's table names the real destination");
        assertEquals("EcomVariantsGroups", group.tableName(), "the enclosing name is kept");
        assertEquals("AxUnits", group.get("VariantGroupID"), "v2 writes VariantGroupId");
        assertEquals("EcomVariantsOptions", rows.get(1).table());
        assertEquals(3, rows.size());
    }

    @Test
    void v2HeaderCarriesBatchId() {
        try (TablesReader reader = TablesReader.open(new ByteArrayInputStream(Seeds.bytes("v2-orders.response.xml")))) {
            assertEquals(
                    "{53237F99-27A9-42A2-90AF-330F142B0B1E}", reader.header().batchId());
            assertNull(reader.header().exportIsDone());
            assertTrue(reader.header().lastPage());
            List<TableRow> rows = Seeds.readAll(reader);
            assertEquals(
                    List.of("EcomOrders", "EcomOrderLines"),
                    rows.stream().map(TableRow::table).toList());
        }
    }

    @Test
    void assortmentsKeepIsNullWithSpaceBeforeSlash() {
        List<TableRow> rows = rows("v1-assortments.response.xml");
        assertEquals(5, rows.size());
        TableRow productRelation = rows.get(2);
        assertNull(productRelation.get("AssortmentProductRelationProductNumber"));
        assertEquals("", productRelation.get("AssortmentProductRelationProductVariantID"));
        assertNull(rows.get(3).get("AssortmentPeriodID"));
    }

    @Test
    void exportIsDoneFalseMeansMorePagesAndThePlaceholderTextIsRejected() {
        byte[] xml = Seeds.bytes("v1-export-is-done-paging.response.xml");
        try (TablesReader reader = TablesReader.open(new ByteArrayInputStream(xml))) {
            assertEquals(Boolean.FALSE, reader.header().exportIsDone());
            assertFalse(reader.header().lastPage());
            // the sample has "…" where the rows would be: text outside a column is refused
            ProtocolException e = assertThrows(ProtocolException.class, reader::next);
            assertTrue(e.getMessage().contains("unexpected text \"…\" inside <table>"), e.getMessage());
            assertEquals(1, e.line());
            assertTrue(e.column() > 0);
        }
    }

    @Test
    void fragmentsOfSeed002ParseOnceWrappedInTheirEnclosingElements() {
        // The seed shows these as fragments of a response; wrapped in what encloses them they are rows.
        List<TableRow> groups =
                Seeds.readAll(wrap("<tables>", Seeds.text("v1-user-groups.table-fragment.xml"), "</tables>"));
        assertEquals(2, groups.size());
        assertEquals("ParentGroup", groups.get(1).get("AccessGroupParentGroupName"));
        assertEquals("ExternalGroup2", groups.get(1).get("AccessGroupExternalId"), "columnName=\"..\" >");

        List<TableRow> impersonation = Seeds.readAll(
                wrap("<tables>", Seeds.text("v1-impersonation-customer-number.table-fragment.xml"), "</tables>"));
        assertEquals(
                Map.of(
                        "AccessUserSecondaryRelationUserID",
                        "321654987",
                        "AccessUserSecondaryRelationSecondaryUserID",
                        "1234"),
                impersonation.get(0).columns());
        assertEquals(
                "UserInSubgroup",
                Seeds.readAll(wrap("<tables>", Seeds.text("v1-impersonation.table-fragment.xml"), "</tables>"))
                        .get(0)
                        .get("AccessUserSecondaryRelationSecondaryUserId"));

        List<TableRow> item = Seeds.readAll(wrap(
                "<tables><table tableName=\"EcomVariantOptionsProductRelation\">",
                Seeds.text("v1-variant-options-product-relation.item-fragment.xml"),
                "</table></tables>"));
        assertEquals("V1.V2.V3.V4", item.get(0).get("VariantOptionsProductRelationVariantID"));

        List<TableRow> column = Seeds.readAll(wrap(
                "<tables><table tableName=\"AccessUser\"><item>",
                Seeds.text("v1-user-group-column.column-fragment.xml"),
                "</item></table></tables>"));
        assertEquals("AccessUser", column.get(0).table(), "no item table attribute: falls back to tableName");
        assertEquals("ParentGroup", column.get(0).get("AccessUserGroup"));
    }

    @Test
    void fragmentsAloneAreNotTablesDocuments() {
        ProtocolException e = assertThrows(
                ProtocolException.class,
                () -> TablesReader.open(new ByteArrayInputStream(Seeds.bytes("v1-user-groups.table-fragment.xml"))));
        assertTrue(e.getMessage().contains("expected <tables> as the root element but found <table>"), e.getMessage());
    }

    private static byte[] wrap(String before, String fragment, String after) {
        return (before + fragment + after).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
