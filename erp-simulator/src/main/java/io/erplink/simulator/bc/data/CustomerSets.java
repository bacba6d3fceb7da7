package io.erplink.simulator.bc.data;

import java.util.Locale;

import static io.erplink.simulator.bc.data.BcOptions.CONTACT_TYPE;
import static io.erplink.simulator.bc.data.BcOptions.CUSTOMER_BLOCKED;
import static io.erplink.simulator.bc.data.Catalogs.AGENTS;
import static io.erplink.simulator.bc.data.Catalogs.AGENT_SERVICES;
import static io.erplink.simulator.bc.data.Catalogs.DISC_GROUPS;
import static io.erplink.simulator.bc.data.Catalogs.FIRST_NAMES;
import static io.erplink.simulator.bc.data.Catalogs.LOCATIONS;
import static io.erplink.simulator.bc.data.Catalogs.PRICE_GROUPS;
import static io.erplink.simulator.bc.data.Catalogs.SALESPERSONS;
import static io.erplink.simulator.bc.data.Catalogs.SHIPMENT_METHODS;
import static io.erplink.simulator.bc.data.Catalogs.address;
import static io.erplink.simulator.bc.data.Catalogs.addressFields;
import static io.erplink.simulator.bc.data.Catalogs.contactNo;
import static io.erplink.simulator.bc.data.Catalogs.currencyOf;
import static io.erplink.simulator.bc.data.Catalogs.customerName;
import static io.erplink.simulator.bc.data.Catalogs.customerNo;
import static io.erplink.simulator.bc.data.Catalogs.pad;
import static io.erplink.simulator.bc.data.Catalogs.salespersonCode;
import static io.erplink.simulator.bc.model.Field.code;
import static io.erplink.simulator.bc.model.Field.option;
import static io.erplink.simulator.bc.model.Field.text;

/** The customer pages: customers, their contacts, alternative addresses and ship-to addresses. */
final class CustomerSets {
    private CustomerSets() {}

    static EntitySet customers(long seed, Catalogs.Sizes sizes) {
        return new SetBuilder("DynamicwebCustomerCard", seed)
                .key(code("No", 20))
                .fields(text("Name", 100))
                .fields(addressFields())
                .fields(
                        text("MobilePhoneNo", 30),
                        code("Currency_Code", 10),
                        code("Customer_Price_Group", 10),
                        code("Customer_Disc_Group", 20),
                        code("Salesperson_Code", 20),
                        code("Location_Code", 10),
                        code("Shipment_Method_Code", 10),
                        code("Shipping_Agent_Code", 10),
                        code("Shipping_Agent_Service_Code", 10),
                        option("Blocked", CUSTOMER_BLOCKED))
                .numbers(new EntitySet.NumberSeries("C", 5, 1))
                .rows(sizes.customers(), (c, r) -> {
                    r.set("No", customerNo(c)).set("Name", customerName(c));
                    address(r, c, "customer" + (c + 1) + "@example.com");
                    r.set("MobilePhoneNo", c % 2 == 0 ? "+45 2030 " + pad(c % 10000, 4) : "")
                            .set("Currency_Code", currencyOf(c))
                            .set("Customer_Price_Group", PRICE_GROUPS[(int) (c % PRICE_GROUPS.length)])
                            .set("Customer_Disc_Group", DISC_GROUPS[(int) (c % DISC_GROUPS.length)])
                            .set("Salesperson_Code", c % 7 == 0 ? "" : salespersonCode(c % SALESPERSONS))
                            .set("Location_Code", LOCATIONS.get((int) (c % LOCATIONS.size())))
                            .set("Shipment_Method_Code", SHIPMENT_METHODS[(int) (c % SHIPMENT_METHODS.length)])
                            .set("Shipping_Agent_Code", AGENTS[(int) (c % AGENTS.length)])
                            .set("Shipping_Agent_Service_Code", AGENT_SERVICES[(int) (c % AGENT_SERVICES.length)])
                            .set("Blocked", c % 25 == 24 ? "All" : "");
                });
    }

    /** Two contacts per customer: the company (even index) and a person of it (odd index). */
    static EntitySet contacts(long seed, Catalogs.Sizes sizes) {
        return new SetBuilder("DynamicwebContactCard", seed)
                .key(code("No", 20))
                .fields(
                        text("Name", 100),
                        option("Type", CONTACT_TYPE),
                        code("Company_No", 20),
                        text("Company_Name", 100))
                .fields(addressFields())
                .fields(
                        text("Mobile_Phone_No", 30),
                        code("Currency_Code", 10),
                        code("Salesperson_Code", 20),
                        code("IntegrationCustomerNo", 20))
                .numbers(new EntitySet.NumberSeries("CT", 6, 1))
                .rows(sizes.customers() * 2, (k, r) -> {
                    long c = k / 2;
                    boolean person = k % 2 == 1;
                    r.set("No", contactNo(k))
                            .set("Type", person ? "Person" : "Company")
                            .set(
                                    "Name",
                                    person
                                            ? FIRST_NAMES[(int) (c % FIRST_NAMES.length)] + " Buyer " + (c + 1)
                                            : customerName(c))
                            .set("Company_No", contactNo(c * 2))
                            .set("Company_Name", customerName(c));
                    address(r, c, person ? "buyer" + (c + 1) + "@example.com" : "customer" + (c + 1) + "@example.com");
                    r.set("Mobile_Phone_No", person ? "+45 3040 " + pad(c % 10000, 4) : "")
                            .set("Currency_Code", currencyOf(c))
                            .set("Salesperson_Code", person && c % 2 == 0 ? salespersonCode(c % SALESPERSONS) : "")
                            .set("IntegrationCustomerNo", customerNo(c));
                });
    }

    /** One alternative address (ALT1) of the company contact of every third customer. */
    static EntitySet altAddresses(long seed, Catalogs.Sizes sizes) {
        return new SetBuilder("DynamicwebAltAddressCard", seed)
                .key(code("Contact_No", 20), code("Code", 10))
                .fields(text("Company_Name", 100))
                .fields(addressFields())
                .fields(text("Mobile_Phone_No", 30))
                .rows((sizes.customers() + 2) / 3, (m, r) -> {
                    long c = m * 3;
                    r.set("Contact_No", contactNo(c * 2)).set("Code", "ALT1").set("Company_Name", customerName(c));
                    address(r, c + 500, "alt" + (c + 1) + "@example.com");
                });
    }

    /** Ship-to addresses BRANCH and WAREHOUSE of every second customer. */
    static EntitySet shipToAddresses(long seed, Catalogs.Sizes sizes) {
        return new SetBuilder("DynamicwebShipToAddress", seed)
                .key(code("Customer_No", 20), code("Code", 10))
                .fields(text("Name", 100))
                .fields(addressFields())
                .fields(
                        code("Location_Code", 10),
                        code("Shipment_Method_Code", 10),
                        code("Shipping_Agent_Code", 10),
                        code("Shipping_Agent_Service_Code", 10))
                .rows((sizes.customers() + 1) / 2 * 2, (i, r) -> {
                    long c = i / 2 * 2;
                    String code = i % 2 == 0 ? "BRANCH" : "WAREHOUSE";
                    r.set("Customer_No", customerNo(c))
                            .set("Code", code)
                            .set("Name", customerName(c) + " " + code.toLowerCase(Locale.ROOT));
                    address(r, c + 1000 + i % 2, "shipping" + (c + 1) + "@example.com");
                    r.set("Location_Code", LOCATIONS.get((int) (i % LOCATIONS.size())))
                            .set("Shipment_Method_Code", SHIPMENT_METHODS[(int) (i % SHIPMENT_METHODS.length)])
                            .set("Shipping_Agent_Code", AGENTS[(int) (i % AGENTS.length)])
                            .set("Shipping_Agent_Service_Code", AGENT_SERVICES[(int) (i % AGENT_SERVICES.length)]);
                });
    }
}
