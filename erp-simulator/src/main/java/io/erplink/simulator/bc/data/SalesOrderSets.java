package io.erplink.simulator.bc.data;

import java.math.BigDecimal;
import java.time.LocalDate;

import static io.erplink.simulator.bc.data.BcOptions.BILL_TO_OPTIONS;
import static io.erplink.simulator.bc.data.BcOptions.DOCUMENT_TYPE;
import static io.erplink.simulator.bc.data.BcOptions.LINE_TYPE;
import static io.erplink.simulator.bc.data.BcOptions.ORDER_STATUS;
import static io.erplink.simulator.bc.data.BcOptions.SHIPPING_OPTIONS;
import static io.erplink.simulator.bc.data.Catalogs.CITIES;
import static io.erplink.simulator.bc.data.Catalogs.COUNTRIES;
import static io.erplink.simulator.bc.data.Catalogs.VARIANTS;
import static io.erplink.simulator.bc.data.Catalogs.currencyOf;
import static io.erplink.simulator.bc.data.Catalogs.customerName;
import static io.erplink.simulator.bc.data.Catalogs.customerNo;
import static io.erplink.simulator.bc.data.Catalogs.hasVariants;
import static io.erplink.simulator.bc.data.Catalogs.itemDescription;
import static io.erplink.simulator.bc.data.Catalogs.itemNo;
import static io.erplink.simulator.bc.data.Catalogs.money;
import static io.erplink.simulator.bc.data.Catalogs.orderNo;
import static io.erplink.simulator.bc.data.Catalogs.pad;
import static io.erplink.simulator.bc.data.Catalogs.unitPrice;
import static io.erplink.simulator.bc.model.Field.code;
import static io.erplink.simulator.bc.model.Field.date;
import static io.erplink.simulator.bc.model.Field.decimal;
import static io.erplink.simulator.bc.model.Field.integer;
import static io.erplink.simulator.bc.model.Field.option;
import static io.erplink.simulator.bc.model.Field.text;

/** The generated sales orders and their lines. */
final class SalesOrderSets {
    private SalesOrderSets() {}

    static EntitySet salesOrders(long seed, Catalogs.Sizes sizes) {
        return new SetBuilder("DynamicwebSalesOrder", seed)
                .key(option("Document_Type", DOCUMENT_TYPE), code("No", 20))
                .fields(
                        code("Sell_to_Customer_No", 20),
                        text("Sell_to_Customer_Name", 100),
                        text("Sell_to_Address", 100),
                        text("Sell_to_Address_2", 50),
                        text("Sell_to_City", 30),
                        code("Sell_to_Post_Code", 20),
                        code("Sell_to_Country_Region_Code", 10),
                        text("Sell_to_E_Mail", 80),
                        text("Sell_to_Phone_No", 30),
                        text("SellToMobilePhoneNo", 30),
                        text("Bill_to_Address", 100),
                        text("Bill_to_Address_2", 50),
                        text("Bill_to_City", 30),
                        code("Bill_to_Post_Code", 20),
                        code("Bill_to_Country_Region_Code", 10),
                        code("Ship_to_Code", 10),
                        code("Currency_Code", 10),
                        code("Language_Code", 10),
                        date("Order_Date"),
                        text("External_Document_No", 35),
                        option("ShippingOptions", SHIPPING_OPTIONS),
                        option("BillToOptions", BILL_TO_OPTIONS),
                        option("Status", ORDER_STATUS))
                .numbers(new EntitySet.NumberSeries("SO", 6, 100001))
                .rows(sizes.salesOrders(), (o, r) -> {
                    long c = sizes.customers() == 0 ? 0 : o % sizes.customers();
                    String city = CITIES[(int) (c % CITIES.length)];
                    String street = (c % 97 + 1) + " Main Street";
                    r.set("Document_Type", "Order")
                            .set("No", orderNo(o))
                            .set("Sell_to_Customer_No", customerNo(c))
                            .set("Sell_to_Customer_Name", customerName(c))
                            .set("Sell_to_Address", street)
                            .set("Sell_to_City", city)
                            .set("Sell_to_Post_Code", pad(1000 + c % 9000, 4))
                            .set("Sell_to_Country_Region_Code", COUNTRIES[(int) (c % COUNTRIES.length)][0])
                            .set("Sell_to_E_Mail", "customer" + (c + 1) + "@example.com")
                            .set("Bill_to_Address", street)
                            .set("Bill_to_City", city)
                            .set("Bill_to_Post_Code", pad(1000 + c % 9000, 4))
                            .set("Bill_to_Country_Region_Code", COUNTRIES[(int) (c % COUNTRIES.length)][0])
                            .set("Ship_to_Code", c % 2 == 0 && o % 3 == 0 ? "BRANCH" : "")
                            .set("Currency_Code", currencyOf(c))
                            .set("Order_Date", LocalDate.of(2025, 1, 1).plusDays(o % 180))
                            .set("External_Document_No", "WEB-" + (o + 1));
                });
    }

    /** Three lines per generated order: two items and the shipping fee (DW-SHIP). */
    static EntitySet salesOrderLines(long seed, Catalogs.Sizes sizes) {
        return new SetBuilder("DynamicwebSalesOrderSalesLines", seed)
                .key(option("Document_Type", DOCUMENT_TYPE), code("Document_No", 20), integer("Line_No"))
                .fields(
                        option("Type", LINE_TYPE),
                        code("No", 20),
                        code("Variant_Code", 10),
                        text("Description", 100),
                        decimal("Quantity"),
                        code("Unit_of_Measure", 50),
                        code("Unit_of_Measure_Code", 10),
                        decimal("Unit_Price"),
                        decimal("Line_Discount_Percent"),
                        decimal("Line_Discount_Amount"),
                        decimal("Line_Amount"))
                .rows(sizes.items() == 0 ? 0 : sizes.salesOrders() * 3, (i, r) -> {
                    long o = i / 3;
                    int line = (int) (i % 3);
                    r.set("Document_Type", "Order")
                            .set("Document_No", orderNo(o))
                            .set("Line_No", (line + 1) * 10000);
                    if (line == 2) {
                        r.set("Type", "Charge (Item)")
                                .set("No", "DW-SHIP")
                                .set("Description", "Shipping")
                                .set("Quantity", BigDecimal.ONE)
                                .set("Unit_Price", money(995))
                                .set("Line_Amount", money(995));
                        return;
                    }
                    long j = (o * 2 + line) % sizes.items();
                    BigDecimal quantity = BigDecimal.valueOf(line + 1);
                    BigDecimal price = unitPrice(seed, j);
                    r.set("Type", "Item")
                            .set("No", itemNo(j))
                            .set("Variant_Code", hasVariants(j) ? VARIANTS.get(1) : "")
                            .set("Description", itemDescription(seed, j))
                            .set("Quantity", quantity)
                            .set("Unit_of_Measure", "Piece")
                            .set("Unit_of_Measure_Code", "PCS")
                            .set("Unit_Price", price)
                            .set("Line_Amount", price.multiply(quantity));
                });
    }
}
