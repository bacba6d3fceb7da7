package io.erplink.simulator.connector;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;

import io.erplink.protocol.tables.TableRow;
import io.erplink.simulator.catalog.Catalog;
import io.erplink.simulator.connector.ProductLookups.Lookup;
import io.erplink.simulator.pricing.PriceFunction;

import static io.erplink.simulator.connector.RowBuilder.nullToEmpty;

/** Prices and stock of products: the customer's live prices for filter lookups, the list prices and stock of a batch export. */
final class PriceRows {
    private final Catalog catalog;
    private final PriceFunction prices;

    PriceRows(Catalog catalog, PriceFunction prices) {
        this.catalog = catalog;
        this.prices = prices;
    }

    /** The customer's price per unit of measure: the piece price at (quantity × pieces per unit) × pieces. */
    private BigDecimal unitPrice(String customer, Lookup lookup) {
        BigDecimal pieces = BigDecimal.valueOf(lookup.unit().quantity());
        return prices.unitPrice(
                        customer,
                        lookup.index(),
                        lookup.currency(),
                        lookup.quantity().multiply(pieces))
                .multiply(pieces);
    }

    void livePrices(List<Lookup> lookups, String customer, Consumer<TableRow> out) {
        for (Lookup lookup : lookups) {
            Catalog.Product product = catalog.product(lookup.index());
            RowBuilder row = RowBuilder.of("EcomProducts")
                    .put("ProductID", product.id())
                    .put("ProductVariantID", nullToEmpty(lookup.item().get("ProductVariantID")))
                    .put("ProductNumber", product.id())
                    .put("ProductName", product.name())
                    .put("ProductPrice", unitPrice(customer, lookup))
                    .put("ProductStock", product.stock() / lookup.unit().quantity())
                    .put("ProductCurrencyCode", lookup.currency());
            if (lookup.item().get("Quantity") != null) {
                row.put("Quantity", lookup.quantity().stripTrailingZeros().toPlainString());
            }
            if (lookup.item().get("UnitId") != null) {
                row.put("UnitId", lookup.unit().id());
            }
            out.accept(row.build());
        }
    }

    void batchPriceRow(long index, Consumer<TableRow> out) {
        BigDecimal list = prices.listPrice(index, catalog.systemCurrency());
        out.accept(RowBuilder.of("EcomProducts")
                .put("ProductId", Catalog.productId(index))
                .put("ProductVariantId", "")
                .put("ProductLanguageId", catalog.defaultLanguage())
                .put("ProductNumber", Catalog.productId(index))
                .put("ProductPrice", list)
                .put("ProductCost", Catalog.cost(list))
                .build());
    }

    void customerPrices(List<Lookup> lookups, String customer, Consumer<TableRow> out) {
        for (Lookup lookup : lookups) {
            BigDecimal price = unitPrice(customer, lookup);
            out.accept(RowBuilder.of("EcomProducts")
                    .put("ProductId", Catalog.productId(lookup.index()))
                    .put("ProductVariantId", nullToEmpty(lookup.item().get("ProductVariantID")))
                    .put("ProductLanguageId", catalog.defaultLanguage())
                    .put("ProductNumber", Catalog.productId(lookup.index()))
                    .put("ProductPrice", price)
                    .put("ProductCost", Catalog.cost(prices.listPrice(lookup.index(), lookup.currency())))
                    .put("ProductCurrencyCode", lookup.currency())
                    .put("Quantity", lookup.quantity().stripTrailingZeros().toPlainString())
                    .put("UnitId", lookup.unit().id())
                    .build());
        }
    }

    void stockRow(long index, Consumer<TableRow> out) {
        out.accept(RowBuilder.of("EcomProducts")
                .put("ProductId", Catalog.productId(index))
                .put("ProductVariantId", "")
                .put("ProductLanguageId", catalog.defaultLanguage())
                .put("ProductNumber", Catalog.productId(index))
                .put("ProductStock", catalog.product(index).stock())
                .build());
    }

    void stockRows(List<Lookup> lookups, Consumer<TableRow> out) {
        for (Lookup lookup : lookups) {
            stockRow(lookup.index(), out);
        }
    }
}
