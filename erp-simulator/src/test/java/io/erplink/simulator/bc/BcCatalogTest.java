package io.erplink.simulator.bc;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.erplink.simulator.bc.data.Catalogs;
import io.erplink.simulator.bc.data.EntitySet;
import io.erplink.simulator.bc.model.Row;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated pages: keys ascend with the index (keyset paging relies on it), no nulls, every reference resolves. */
class BcCatalogTest {
    private final Map<String, EntitySet> sets = Catalogs.build(42, 200, 100, 20);

    private Set<String> column(String set, String field) {
        EntitySet entitySet = sets.get(set);
        Set<String> values = new HashSet<>();
        Iterator<Row> rows = entitySet.rowsAfter(null);
        while (rows.hasNext()) {
            values.add((String) rows.next().get(entitySet.position(field)));
        }
        return values;
    }

    private void assertReferences(String set, String field, String target, String targetField) {
        Set<String> targets = column(target, targetField);
        for (String value : column(set, field)) {
            assertTrue(
                    targets.contains(value), set + "." + field + " " + value + " is no " + target + "." + targetField);
        }
    }

    @Test
    void generatesStrictlyAscendingKeysWithoutNulls() {
        for (EntitySet set : sets.values()) {
            Object[] previous = null;
            for (long i = 0; i < set.generatedCount(); i++) {
                Row row = set.generated(i);
                for (Object value : row.values()) {
                    assertNotNull(value, set.name() + " row " + i);
                }
                Object[] key = set.key(row);
                if (previous != null) {
                    assertTrue(set.keyComparator().compare(previous, key) < 0, set.name() + " row " + i);
                }
                previous = key;
                assertArrayEquals(
                        row.values(),
                        set.find(key).orElseThrow().values(),
                        set.name() + " finds row " + i + " by its key");
            }
        }
    }

    @Test
    void sizesFollowTheItemAndCustomerCounts() {
        assertEquals(200, sets.get("DynamicwebItemCard").generatedCount());
        assertEquals(150, sets.get("DynamicwebItemVariants").generatedCount());
        assertEquals(400, sets.get("DynamicwebItemUnits").generatedCount());
        assertEquals(700, sets.get("DynamicwebItemTranslations").generatedCount());
        assertEquals(900, sets.get("DynamicwebStockKeepingUnitCard").generatedCount());
        assertEquals(40, sets.get("AssemblyBOM").generatedCount());
        assertEquals(600, sets.get("DynamicwebSalesPrices").generatedCount());
        assertEquals(800, sets.get("DynamicwebSalesPriceListLines").generatedCount());
        assertEquals(200, sets.get("DynamicwebContactCard").generatedCount());
        assertEquals(34, sets.get("DynamicwebAltAddressCard").generatedCount());
        assertEquals(100, sets.get("DynamicwebShipToAddress").generatedCount());
        assertEquals(60, sets.get("DynamicwebSalesOrderSalesLines").generatedCount());
    }

    @Test
    void everyReferenceNamesARowThatExists() {
        assertReferences("DynamicwebItemCard", "Vendor_No", "DynamicwebVendorCard", "No");
        assertReferences("DynamicwebItemCard", "Item_Category_Code", "DynamicwebItemCategoryCard", "Code");
        assertReferences("DynamicwebItemCard", "Base_Unit_of_Measure", "DynamicwebUnitsOfMeasure", "Code");
        assertReferences("DynamicwebItemVariants", "Item_No", "DynamicwebItemCard", "No");
        assertReferences("DynamicwebItemUnits", "Item_No", "DynamicwebItemCard", "No");
        assertReferences("DynamicwebItemUnits", "Code", "DynamicwebUnitsOfMeasure", "Code");
        assertReferences("DynamicwebItemTranslations", "Item_No", "DynamicwebItemCard", "No");
        assertReferences("DynamicwebStockKeepingUnitCard", "Item_No", "DynamicwebItemCard", "No");
        assertReferences("DynamicwebStockKeepingUnitCard", "Location_Code", "DynamicwebLocations", "Code");
        assertReferences("AssemblyBOM", "Parent_Item_No", "DynamicwebItemCard", "No");
        assertReferences("AssemblyBOM", "No", "DynamicwebItemCard", "No");
        assertReferences("DynamicwebSalesPrices", "Item_No", "DynamicwebItemCard", "No");
        assertReferences("DynamicwebSalesLineDiscounts", "Code", "DynamicwebItemCard", "No");
        assertReferences("DynamicwebSalesPriceListLines", "Product_No", "DynamicwebItemCard", "No");
        assertReferences("DynamicwebContactCard", "IntegrationCustomerNo", "DynamicwebCustomerCard", "No");
        assertReferences("DynamicwebAltAddressCard", "Contact_No", "DynamicwebContactCard", "No");
        assertReferences("DynamicwebShipToAddress", "Customer_No", "DynamicwebCustomerCard", "No");
        assertReferences("DynamicwebSalesOrder", "Sell_to_Customer_No", "DynamicwebCustomerCard", "No");
        assertReferences("DynamicwebSalesOrderSalesLines", "Document_No", "DynamicwebSalesOrder", "No");
        Set<String> items = column("DynamicwebItemCard", "No");
        items.add("DW-SHIP");
        for (String no : column("DynamicwebSalesOrderSalesLines", "No")) {
            assertTrue(items.contains(no), no);
        }
        Set<String> variants = new HashSet<>();
        EntitySet variantSet = sets.get("DynamicwebItemVariants");
        variantSet.rowsAfter(null).forEachRemaining(row -> variants.add(row.get(0) + "/" + row.get(1)));
        EntitySet sku = sets.get("DynamicwebStockKeepingUnitCard");
        sku.rowsAfter(null).forEachRemaining(row -> {
            String variant = (String) row.get(sku.position("Variant_Code"));
            assertTrue(variant.isEmpty() || variants.contains(row.get(sku.position("Item_No")) + "/" + variant));
        });
    }

    @Test
    void findsRowsOfAMillionItemsWithoutHoldingThem() {
        Map<String, EntitySet> big = Catalogs.build(42, 1_000_000, 100, 20);
        EntitySet items = big.get("DynamicwebItemCard");
        assertEquals(
                "I1000000", items.find(new Object[] {"I1000000"}).orElseThrow().get(0));
        assertFalse(items.find(new Object[] {"I1000001"}).isPresent());
        Iterator<Row> after =
                big.get("DynamicwebStockKeepingUnitCard").rowsAfter(new Object[] {"MAIN", "I0999999", ""});
        Row next = after.next();
        assertEquals("MAIN", next.get(0));
        assertEquals("I1000000", next.get(1));
    }
}
