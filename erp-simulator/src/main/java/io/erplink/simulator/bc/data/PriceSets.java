package io.erplink.simulator.bc.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

import io.erplink.simulator.bc.model.Field;

import static io.erplink.simulator.bc.data.BcOptions.AMOUNT_TYPE;
import static io.erplink.simulator.bc.data.BcOptions.DISCOUNT_SALES_TYPE;
import static io.erplink.simulator.bc.data.BcOptions.DISCOUNT_TYPE;
import static io.erplink.simulator.bc.data.BcOptions.PRICE_LIST_STATUS;
import static io.erplink.simulator.bc.data.BcOptions.SALES_TYPE;
import static io.erplink.simulator.bc.data.BcOptions.SOURCE_TYPE;
import static io.erplink.simulator.bc.data.Catalogs.VARIANTS;
import static io.erplink.simulator.bc.data.Catalogs.customerNo;
import static io.erplink.simulator.bc.data.Catalogs.hasVariants;
import static io.erplink.simulator.bc.data.Catalogs.itemDescription;
import static io.erplink.simulator.bc.data.Catalogs.itemNo;
import static io.erplink.simulator.bc.data.Catalogs.unitPrice;
import static io.erplink.simulator.bc.model.Field.bool;
import static io.erplink.simulator.bc.model.Field.code;
import static io.erplink.simulator.bc.model.Field.date;
import static io.erplink.simulator.bc.model.Field.decimal;
import static io.erplink.simulator.bc.model.Field.integer;
import static io.erplink.simulator.bc.model.Field.option;
import static io.erplink.simulator.bc.model.Field.text;

/** Prices and discounts: the old experience (sales prices, line discounts) and the new (price list S00001). */
final class PriceSets {
    private PriceSets() {}

    /** Old price experience: a customer, a customer price group and an all-customers price per item. */
    static EntitySet salesPrices(long seed, Catalogs.Sizes sizes) {
        return new SetBuilder("DynamicwebSalesPrices", seed)
                .key(
                        code("Item_No", 20),
                        option("Sales_Type", SALES_TYPE),
                        code("Sales_Code", 20),
                        date("Starting_Date"),
                        code("Currency_Code", 10),
                        code("Variant_Code", 10),
                        code("Unit_of_Measure_Code", 10),
                        decimal("Minimum_Quantity"))
                .fields(
                        date("Ending_Date"),
                        decimal("Unit_Price"),
                        bool("Price_Includes_VAT"),
                        bool("Allow_Line_Disc"),
                        bool("Allow_Invoice_Disc"))
                .rows(sizes.items() * 3, (i, r) -> {
                    long j = i / 3;
                    int kind = (int) (i % 3);
                    BigDecimal list = unitPrice(seed, j);
                    r.set("Item_No", itemNo(j))
                            .set("Sales_Type", SALES_TYPE.captions().get(kind))
                            .set(
                                    "Sales_Code",
                                    switch (kind) {
                                        case 0 -> customerNo(sizes.customers() == 0 ? 0 : j % sizes.customers());
                                        case 1 -> "RETAIL";
                                        default -> "";
                                    })
                            .set("Starting_Date", kind == 2 ? Field.BLANK_DATE : LocalDate.of(2025, 1, 1))
                            .set("Unit_of_Measure_Code", "PCS")
                            .set("Minimum_Quantity", BigDecimal.valueOf(kind == 1 ? 10 : 0))
                            .set("Ending_Date", kind == 0 ? LocalDate.of(2025, 12, 31) : Field.BLANK_DATE)
                            .set(
                                    "Unit_Price",
                                    list.multiply(BigDecimal.valueOf(100 - 5L * (2 - kind)))
                                            .movePointLeft(2)
                                            .setScale(2, RoundingMode.HALF_UP))
                            .set("Allow_Line_Disc", true)
                            .set("Allow_Invoice_Disc", kind != 0);
                });
    }

    /** Old price experience: a customer, a customer discount group and an all-customers discount per item. */
    static EntitySet lineDiscounts(long seed, Catalogs.Sizes sizes) {
        return new SetBuilder("DynamicwebSalesLineDiscounts", seed)
                .key(
                        option("Type", DISCOUNT_TYPE),
                        code("Code", 20),
                        option("SalesType", DISCOUNT_SALES_TYPE),
                        code("SalesCode", 20),
                        date("Starting_Date"),
                        code("Currency_Code", 10),
                        code("Variant_Code", 10),
                        code("Unit_of_Measure_Code", 10),
                        decimal("Minimum_Quantity"))
                .fields(date("Ending_Date"), decimal("Line_Discount_Percent"))
                .rows(sizes.items() * 3, (i, r) -> {
                    long j = i / 3;
                    int kind = (int) (i % 3);
                    r.set("Type", "Item")
                            .set("Code", itemNo(j))
                            .set("SalesType", DISCOUNT_SALES_TYPE.captions().get(kind))
                            .set(
                                    "SalesCode",
                                    switch (kind) {
                                        case 0 -> customerNo(sizes.customers() == 0 ? 0 : j % sizes.customers());
                                        case 1 -> "LARGE";
                                        default -> "";
                                    })
                            .set("Starting_Date", kind == 2 ? Field.BLANK_DATE : LocalDate.of(2025, 1, 1))
                            .set("Minimum_Quantity", BigDecimal.valueOf(kind == 2 ? 10 : 0))
                            .set("Ending_Date", kind == 1 ? LocalDate.of(2025, 12, 31) : Field.BLANK_DATE)
                            .set("Line_Discount_Percent", BigDecimal.valueOf(5L * (kind + 1)));
                });
    }

    static EntitySet priceLists(long seed) {
        return new SetBuilder("DynamicwebSalesPriceList", seed)
                .key(code("Code", 20))
                .fields(
                        text("Description", 100),
                        option("Source_Type", SOURCE_TYPE),
                        code("Currency_Code", 10),
                        option("Status", PRICE_LIST_STATUS))
                .rows(
                        1,
                        (i, r) -> r.set("Code", "S00001")
                                .set("Description", "Sales prices and discounts")
                                .set("Source_Type", "All Customers")
                                .set("Status", "Active"));
    }

    /**
     * New price experience, list S00001, four lines per item: an all-customers price without dates, a
     * customer-price-group price from 2025-01-01 to 2025-12-31, a customer-discount-group discount from
     * 2025-01-01 and a customer price and discount until 2025-12-31.
     */
    static EntitySet priceListLines(long seed, Catalogs.Sizes sizes) {
        return new SetBuilder("DynamicwebSalesPriceListLines", seed)
                .key(code("Price_List_Code", 20), integer("Line_No"))
                .fields(
                        option("Source_Type", SOURCE_TYPE),
                        code("AssignToNo", 20),
                        option("Amount_Type", AMOUNT_TYPE),
                        code("Product_No", 20),
                        code("Variant_Code", 10),
                        text("Description", 100),
                        code("Unit_of_Measure_Code", 10),
                        code("CurrencyCode", 10),
                        date("StartingDate"),
                        date("EndingDate"),
                        decimal("Minimum_Quantity"),
                        decimal("Unit_Price"),
                        decimal("Line_Discount_Percent"),
                        bool("PriceIncludesVAT"),
                        bool("Allow_Line_Disc"),
                        bool("Allow_Invoice_Disc"))
                .rows(sizes.items() * 4, (i, r) -> {
                    long j = i / 4;
                    int kind = (int) (i % 4);
                    BigDecimal list = unitPrice(seed, j);
                    r.set("Price_List_Code", "S00001")
                            .set("Line_No", (int) Math.min(Integer.MAX_VALUE, (i + 1) * 100))
                            .set("Product_No", itemNo(j))
                            .set("Description", itemDescription(seed, j))
                            .set("Unit_of_Measure_Code", "PCS")
                            .set("Allow_Line_Disc", true)
                            .set("Allow_Invoice_Disc", kind != 1);
                    switch (kind) {
                        case 0 ->
                            r.set("Source_Type", "All Customers")
                                    .set("Amount_Type", "Price")
                                    .set("Unit_Price", list);
                        case 1 ->
                            r.set("Source_Type", "Customer Price Group")
                                    .set("AssignToNo", "RETAIL")
                                    .set("Amount_Type", "Price")
                                    .set("StartingDate", LocalDate.of(2025, 1, 1))
                                    .set("EndingDate", LocalDate.of(2025, 12, 31))
                                    .set("Minimum_Quantity", BigDecimal.TEN)
                                    .set(
                                            "Unit_Price",
                                            list.multiply(new BigDecimal("0.95"))
                                                    .setScale(2, RoundingMode.HALF_UP));
                        case 2 ->
                            r.set("Source_Type", "Customer Disc. Group")
                                    .set("AssignToNo", "LARGE")
                                    .set("Amount_Type", "Discount")
                                    .set("StartingDate", LocalDate.of(2025, 1, 1))
                                    .set("Line_Discount_Percent", BigDecimal.TEN);
                        default ->
                            r.set("Source_Type", "Customer")
                                    .set("AssignToNo", customerNo(sizes.customers() == 0 ? 0 : j % sizes.customers()))
                                    .set("Amount_Type", "Price & Discount")
                                    .set("Variant_Code", hasVariants(j) ? VARIANTS.get(2) : "")
                                    .set("CurrencyCode", "EUR")
                                    .set("EndingDate", LocalDate.of(2025, 12, 31))
                                    .set(
                                            "Unit_Price",
                                            list.multiply(new BigDecimal("0.9")).setScale(2, RoundingMode.HALF_UP))
                                    .set("Line_Discount_Percent", new BigDecimal("2.5"));
                    }
                });
    }
}
