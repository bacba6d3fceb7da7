package io.erplink.simulator.bc.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

import io.erplink.simulator.catalog.Hash;

import static io.erplink.simulator.bc.data.BcOptions.BOM_TYPE;
import static io.erplink.simulator.bc.data.BcOptions.ITEM_TYPE;
import static io.erplink.simulator.bc.data.Catalogs.LANGUAGES;
import static io.erplink.simulator.bc.data.Catalogs.LOCATIONS;
import static io.erplink.simulator.bc.data.Catalogs.VARIANTS;
import static io.erplink.simulator.bc.data.Catalogs.VENDORS;
import static io.erplink.simulator.bc.data.Catalogs.hasVariants;
import static io.erplink.simulator.bc.data.Catalogs.isAssembly;
import static io.erplink.simulator.bc.data.Catalogs.itemCategory;
import static io.erplink.simulator.bc.data.Catalogs.itemDescription;
import static io.erplink.simulator.bc.data.Catalogs.itemNo;
import static io.erplink.simulator.bc.data.Catalogs.money;
import static io.erplink.simulator.bc.data.Catalogs.pad;
import static io.erplink.simulator.bc.data.Catalogs.unitPrice;
import static io.erplink.simulator.bc.data.Catalogs.vendorNo;
import static io.erplink.simulator.bc.model.Field.bool;
import static io.erplink.simulator.bc.model.Field.code;
import static io.erplink.simulator.bc.model.Field.date;
import static io.erplink.simulator.bc.model.Field.decimal;
import static io.erplink.simulator.bc.model.Field.integer;
import static io.erplink.simulator.bc.model.Field.option;
import static io.erplink.simulator.bc.model.Field.text;

/** The item pages: items, variants, units, translations, stock-keeping units and assembly BOMs. */
final class ItemSets {
    private ItemSets() {}

    static EntitySet items(long seed, Catalogs.Sizes sizes) {
        return new SetBuilder("DynamicwebItemCard", seed)
                .key(code("No", 20))
                .fields(
                        text("Description", 100),
                        option("Type", ITEM_TYPE),
                        code("Base_Unit_of_Measure", 10),
                        decimal("Net_Weight"),
                        code("GTIN", 14),
                        code("Item_Category_Code", 20),
                        decimal("Minimum_Order_Quantity"),
                        decimal("Unit_Cost"),
                        decimal("Unit_Price"),
                        decimal("Unit_Volume"),
                        code("Vendor_No", 20),
                        decimal("Inventory"),
                        bool("Blocked"),
                        bool("AssemblyBOM"),
                        bool("Price_Includes_VAT"),
                        date("Last_Date_Modified")) // the date of SystemModifiedAt, set by EntitySet
                .numbers(new EntitySet.NumberSeries("I", 7, 1))
                .rows(sizes.items(), (j, r) -> {
                    BigDecimal price = unitPrice(seed, j);
                    r.set("No", itemNo(j))
                            .set("Description", itemDescription(seed, j))
                            .set("Type", "Inventory")
                            .set("Base_Unit_of_Measure", "PCS")
                            .set("Net_Weight", money(Hash.below(seed, j, 4, 5000)))
                            .set("GTIN", "57" + pad(j + 1, 11))
                            .set("Item_Category_Code", itemCategory(j))
                            .set("Minimum_Order_Quantity", BigDecimal.valueOf(j % 7 == 0 ? 5 : 0))
                            .set(
                                    "Unit_Cost",
                                    price.multiply(new BigDecimal("0.6")).setScale(2, RoundingMode.HALF_UP))
                            .set("Unit_Price", price)
                            .set("Unit_Volume", BigDecimal.valueOf(Hash.below(seed, j, 5, 1000), 3))
                            .set("Vendor_No", vendorNo(j % VENDORS))
                            .set("Inventory", BigDecimal.valueOf(Hash.below(seed, j, 6, 500)))
                            .set("Blocked", j % 50 == 49)
                            .set("AssemblyBOM", isAssembly(j));
                });
    }

    /** BLUE, GREEN, RED of every item with j % 4 == 0. */
    static EntitySet itemVariants(long seed, Catalogs.Sizes sizes) {
        return new SetBuilder("DynamicwebItemVariants", seed)
                .key(code("Item_No", 20), code("Code", 10))
                .fields(text("Description", 100), bool("Blocked"))
                .rows((sizes.items() + 3) / 4 * VARIANTS.size(), (i, r) -> {
                    long j = i / VARIANTS.size() * 4;
                    String variant = VARIANTS.get((int) (i % VARIANTS.size()));
                    r.set("Item_No", itemNo(j))
                            .set("Code", variant)
                            .set("Description", itemDescription(seed, j) + " " + variant.toLowerCase(Locale.ROOT))
                            .set("Blocked", i % 17 == 16);
                });
    }

    /** BOX (12 pieces) and PCS of every item. */
    static EntitySet itemUnits(long seed, Catalogs.Sizes sizes) {
        return new SetBuilder("DynamicwebItemUnits", seed)
                .key(code("Item_No", 20), code("Code", 10))
                .fields(
                        decimal("Qty_per_Unit_of_Measure"),
                        decimal("Length"),
                        decimal("Width"),
                        decimal("Height"),
                        decimal("Weight"),
                        decimal("Cubage"))
                .rows(sizes.items() * 2, (i, r) -> {
                    long j = i / 2;
                    boolean box = i % 2 == 0;
                    r.set("Item_No", itemNo(j))
                            .set("Code", box ? "BOX" : "PCS")
                            .set("Qty_per_Unit_of_Measure", BigDecimal.valueOf(box ? 12 : 1))
                            .set("Length", BigDecimal.valueOf(box ? 60 : 20))
                            .set("Width", BigDecimal.valueOf(box ? 40 : 10))
                            .set("Height", BigDecimal.valueOf(box ? 30 : 5))
                            .set("Weight", money(Hash.below(seed, j, 4, 5000) * (box ? 12 : 1)))
                            .set("Cubage", BigDecimal.valueOf(box ? 72000 : 1000));
                });
    }

    /** DAN and DEU of every item and of every variant (blank Variant_Code first). */
    static EntitySet itemTranslations(long seed, Catalogs.Sizes sizes) {
        int languages = LANGUAGES.size();
        PerItem layout = new PerItem(4, j -> languages * (hasVariants(j) ? 1 + VARIANTS.size() : 1));
        return new SetBuilder("DynamicwebItemTranslations", seed)
                .key(code("Item_No", 20), code("Variant_Code", 10), code("Language_Code", 10))
                .fields(text("Description", 100), text("Description_2", 50))
                .rows(layout.count(sizes.items()), (i, r) -> {
                    long[] at = layout.locate(i);
                    long j = at[0];
                    int sub = (int) at[1];
                    String variant = sub < languages ? "" : VARIANTS.get(sub / languages - 1);
                    String language = LANGUAGES.get(sub % languages);
                    r.set("Item_No", itemNo(j))
                            .set("Variant_Code", variant)
                            .set("Language_Code", language)
                            .set(
                                    "Description",
                                    language + " " + itemDescription(seed, j)
                                            + (variant.isEmpty() ? "" : " " + variant));
                });
    }

    /** Per location: one row per item, or one per variant for items with variants. */
    static EntitySet stockKeepingUnits(long seed, Catalogs.Sizes sizes) {
        PerItem layout = new PerItem(4, j -> hasVariants(j) ? VARIANTS.size() : 1);
        long perLocation = layout.count(sizes.items());
        return new SetBuilder("DynamicwebStockKeepingUnitCard", seed)
                .key(code("Location_Code", 10), code("Item_No", 20), code("Variant_Code", 10))
                .fields(text("Description", 100), decimal("Inventory"))
                .rows(perLocation * LOCATIONS.size(), (i, r) -> {
                    long[] at = layout.locate(i % perLocation);
                    long j = at[0];
                    r.set("Location_Code", LOCATIONS.get((int) (i / perLocation)))
                            .set("Item_No", itemNo(j))
                            .set("Variant_Code", hasVariants(j) ? VARIANTS.get((int) at[1]) : "")
                            .set("Description", itemDescription(seed, j))
                            .set("Inventory", BigDecimal.valueOf(Hash.below(seed, i, 8, 200)));
                });
    }

    /** Items with j % 10 == 9 are assembled from the two items before them. */
    static EntitySet assemblyBom(long seed, Catalogs.Sizes sizes) {
        return new SetBuilder("AssemblyBOM", seed)
                .key(code("Parent_Item_No", 20), integer("Line_No"))
                .fields(
                        option("Type", BOM_TYPE),
                        code("No", 20),
                        text("Description", 100),
                        code("Variant_Code", 10),
                        decimal("Quantity_per"),
                        code("Unit_of_Measure_Code", 10))
                .rows(sizes.items() / 10 * 2, (i, r) -> {
                    long parent = i / 2 * 10 + 9;
                    long component = parent - 9 + i % 2;
                    r.set("Parent_Item_No", itemNo(parent))
                            .set("Line_No", (int) (i % 2 + 1) * 10000)
                            .set("Type", "Item")
                            .set("No", itemNo(component))
                            .set("Description", itemDescription(seed, component))
                            .set("Variant_Code", hasVariants(component) ? VARIANTS.get(0) : "")
                            .set("Quantity_per", BigDecimal.valueOf(i % 2 + 1))
                            .set("Unit_of_Measure_Code", "PCS");
                });
    }
}
