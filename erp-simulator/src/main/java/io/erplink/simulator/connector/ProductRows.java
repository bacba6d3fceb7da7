package io.erplink.simulator.connector;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;

import io.erplink.protocol.tables.TableRow;
import io.erplink.simulator.catalog.Catalog;
import io.erplink.simulator.catalog.Hash;
import io.erplink.simulator.connector.ProductLookups.Lookup;
import io.erplink.simulator.pricing.PriceFunction;

/** Products of a batch export with their category field values, related products and the unit-of-measure variants. */
final class ProductRows {
    private static final String UNIT_GROUP = "ErpUnits";

    private final Catalog catalog;
    private final PriceFunction prices;

    ProductRows(Catalog catalog, PriceFunction prices) {
        this.catalog = catalog;
        this.prices = prices;
    }

    void productRow(long index, Consumer<TableRow> out) {
        Catalog.Product product = catalog.product(index);
        BigDecimal list = prices.listPrice(index, catalog.systemCurrency());
        out.accept(RowBuilder.of("EcomProducts")
                .put("ProductId", product.id())
                .put("ProductVariantId", "")
                .put("ProductLanguageId", catalog.defaultLanguage())
                .put("ProductNumber", product.id())
                .put("ProductName", product.name())
                .put(
                        "ProductShortDescription",
                        product.name() + " by "
                                + catalog.manufacturerName(Integer.parseInt(
                                                product.manufacturerId().substring(4))
                                        - 1))
                .put("ProductLongDescription", "")
                .put("ProductPrice", list)
                .put("ProductCost", Catalog.cost(list))
                .put("ProductStock", product.stock())
                .put("ProductWeight", product.weight())
                .put("ProductVolume", product.volume())
                .put("ProductManufacturerId", product.manufacturerId())
                .put("ProductDefaultUnitId", product.defaultUnit())
                .put("ProductVariantCounter", 0)
                .put("Discontinued", product.discontinued() ? "TRUE" : "FALSE")
                .put("ProductActive", product.discontinued() ? "FALSE" : "TRUE")
                .put(
                        "ReplacementProductNumber",
                        product.discontinued() && catalog.productCount() > 1
                                ? Catalog.productId((index + 1) % catalog.productCount())
                                : "")
                .put("PrimaryGroup", product.groupId())
                .put("Groups", product.groupId())
                .build());
    }

    void categoryFieldRows(long index, Consumer<TableRow> out) {
        Catalog.Product product = catalog.product(index);
        String category = product.groupId().substring(0, product.groupId().indexOf('-'));
        out.accept(categoryField("Weight", category, product, product.weight().toPlainString()));
        out.accept(categoryField(
                "Colour",
                category,
                product,
                List.of("Black", "White", "Red", "Blue", "Green", "Grey")
                        .get((int) (Hash.of(product.id()) & 0x7) % 6)));
    }

    private TableRow categoryField(String field, String category, Catalog.Product product, String value) {
        return RowBuilder.of("EcomProductCategoryFieldValue")
                .put("FieldValueFieldId", field)
                .put("FieldValueFieldCategoryId", category)
                .put("FieldValueProductId", product.id())
                .put("FieldValueProductVariantId", "")
                .put("FieldValueProductLanguageId", catalog.defaultLanguage())
                .put("FieldValueValue", value)
                .build();
    }

    void unitOptions(Consumer<TableRow> out) {
        for (String language : catalog.languages()) {
            out.accept(RowBuilder.of("EcomVariantGroups")
                    .put("VariantGroupId", UNIT_GROUP)
                    .put("VariantGroupLanguageId", language)
                    .put("VariantGroupName", "ERP Units")
                    .put("VariantGroupLabel", "")
                    .put("VariantGroupUnit", "True")
                    .build());
        }
        for (Catalog.Unit unit : Catalog.UNITS) {
            for (String language : catalog.languages()) {
                out.accept(RowBuilder.of("EcomVariantsOptions")
                        .put("VariantOptionId", unit.id())
                        .put("VariantOptionLanguageId", language)
                        .put("VariantOptionGroupId", UNIT_GROUP)
                        .put("VariantOptionName", unit.name())
                        .build());
            }
        }
    }

    TableRow stockUnit(long index) {
        Catalog.Product product = catalog.product(index);
        int quantity = Catalog.UNITS.stream()
                .filter(unit -> unit.id().equals(product.defaultUnit()))
                .mapToInt(Catalog.Unit::quantity)
                .findFirst()
                .orElse(1);
        return RowBuilder.of("EcomStockUnit")
                .put("StockUnitProductId", product.id())
                .put("StockUnitVariantId", "")
                .put("StockUnitId", product.defaultUnit())
                .put("StockUnitQuantity", quantity)
                .build();
    }

    void stockUnitsOf(List<Lookup> lookups, Consumer<TableRow> out) {
        unitOptions(out);
        for (Lookup lookup : lookups) {
            out.accept(stockUnit(lookup.index()));
        }
    }

    void relatedRows(long index, Consumer<TableRow> out) {
        int sort = 0;
        for (long related : catalog.related(index)) {
            out.accept(RowBuilder.of("EcomProductsRelated")
                    .put("ProductRelatedProductId", Catalog.productId(index))
                    .put("ProductRelatedProductRelId", Catalog.productId(related))
                    .put("ProductRelatedGroupId", sort == 0 ? "ACCESSORIES" : "FBT")
                    .put("ProductRelatedSortOrder", sort++)
                    .build());
        }
    }

    void relatedOf(List<Lookup> lookups, Consumer<TableRow> out) {
        for (Lookup lookup : lookups) {
            relatedRows(lookup.index(), out);
        }
    }
}
