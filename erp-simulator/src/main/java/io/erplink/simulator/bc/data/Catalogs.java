package io.erplink.simulator.bc.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.erplink.simulator.bc.model.EnumType;
import io.erplink.simulator.bc.model.Field;
import io.erplink.simulator.catalog.Hash;

import static io.erplink.simulator.bc.model.Field.bool;
import static io.erplink.simulator.bc.model.Field.code;
import static io.erplink.simulator.bc.model.Field.date;
import static io.erplink.simulator.bc.model.Field.decimal;
import static io.erplink.simulator.bc.model.Field.integer;
import static io.erplink.simulator.bc.model.Field.option;
import static io.erplink.simulator.bc.model.Field.text;

/**
 * The pages seed 004's blueprint publishes, with the field names its column mappings use, and
 * their generated rows. Sizes follow the item and customer counts; every reference points at a
 * row that exists (an item's vendor, category and unit; a variant's, price's or stock row's item;
 * a contact's customer; an order line's item).
 *
 * <p>Layout per item index j (0-based): item No {@code I0000001}...; items with j % 4 == 0 have the
 * variants BLUE, GREEN, RED; items with j % 10 == 9 are assembly BOMs of the two items before them;
 * every item has the units BOX (12) and PCS (1), two translations (DAN, DEU) per item and per
 * variant, a stock-keeping unit per location and variant (or per location for items without
 * variants), three old-experience sales prices and line discounts and four price list lines.
 */
public final class Catalogs {
    public static final List<String> LOCATIONS = List.of("EAST", "MAIN", "WEST");
    public static final List<String> VARIANTS = List.of("BLUE", "GREEN", "RED");
    public static final List<String> LANGUAGES = List.of("DAN", "DEU");
    public static final int VENDORS = 40;
    public static final int SALESPERSONS = 10;
    public static final int CATEGORY_TOPS = 5;
    public static final int CATEGORY_SUBS = 4;

    static final EnumType CONTACT_TYPE = new EnumType("ContactType", List.of("Company", "Person"));
    static final EnumType CUSTOMER_BLOCKED = new EnumType("CustomerBlocked", List.of("", "Ship", "Invoice", "All"));
    static final EnumType ITEM_TYPE = new EnumType("ItemType", List.of("Inventory", "Service", "Non-Inventory"));
    static final EnumType RESOURCE_TYPE = new EnumType("ResourceType", List.of("Person", "Machine"));
    static final EnumType BOM_TYPE = new EnumType("BOMComponentType", List.of("", "Item", "Resource"));
    static final EnumType DOCUMENT_TYPE = new EnumType(
            "SalesDocumentType", List.of("Quote", "Order", "Invoice", "Credit Memo", "Blanket Order", "Return Order"));
    static final EnumType LINE_TYPE = new EnumType(
            "SalesLineType", List.of("", "G/L Account", "Item", "Resource", "Fixed Asset", "Charge (Item)"));
    static final EnumType SALES_TYPE =
            new EnumType("SalesPriceType", List.of("Customer", "Customer Price Group", "All Customers", "Campaign"));
    static final EnumType DISCOUNT_SALES_TYPE = new EnumType(
            "SalesLineDiscountSalesType", List.of("Customer", "Customer Disc. Group", "All Customers", "Campaign"));
    static final EnumType DISCOUNT_TYPE = new EnumType("SalesLineDiscountType", List.of("Item", "Item Disc. Group"));
    static final EnumType AMOUNT_TYPE =
            new EnumType("PriceAmountType", List.of("Price & Discount", "Price", "Discount"));
    static final EnumType SOURCE_TYPE = new EnumType(
            "PriceSourceType", List.of("All Customers", "Customer", "Customer Price Group", "Customer Disc. Group"));
    static final EnumType PRICE_LIST_STATUS = new EnumType("PriceListStatus", List.of("Draft", "Active", "Inactive"));
    static final EnumType SHIPPING_OPTIONS = new EnumType(
            "SalesShippingOptions",
            List.of("Default (Sell-to Address)", "Alternate Shipping Address", "Custom Address"));
    static final EnumType BILL_TO_OPTIONS =
            new EnumType("SalesBillToOptions", List.of("Default (Customer)", "Another Customer", "Custom Address"));
    static final EnumType ORDER_STATUS =
            new EnumType("SalesDocumentStatus", List.of("Open", "Released", "Pending Approval", "Pending Prepayment"));

    private static final String[][] COUNTRIES = {
        {"AT", "Austria", "AUT", "040"},
        {"BE", "Belgium", "BEL", "056"},
        {"CH", "Switzerland", "CHE", "756"},
        {"DE", "Germany", "DEU", "276"},
        {"DK", "Denmark", "DNK", "208"},
        {"ES", "Spain", "ESP", "724"},
        {"FR", "France", "FRA", "250"},
        {"GB", "United Kingdom", "GBR", "826"},
        {"NL", "Netherlands", "NLD", "528"},
        {"US", "United States of America", "USA", "840"}
    };
    private static final String[][] CURRENCIES = {
        {"DKK", "Danish krone", "DKK", "208", "7.46", "kr."},
        {"EUR", "Euro", "EUR", "978", "1", "€"},
        {"GBP", "Pound sterling", "GBP", "826", "0.85", "£"},
        {"SEK", "Swedish krona", "SEK", "752", "11.2", "kr"},
        {"USD", "US dollar", "USD", "840", "1.08", "$"}
    };
    private static final String[] ADJECTIVES = {
        "Compact",
        "Heavy-Duty",
        "Premium",
        "Classic",
        "Smart",
        "Eco",
        "Turbo",
        "Silent",
        "Mini",
        "Pro",
        "Ultra",
        "Rugged"
    };
    private static final String[] NOUNS = {
        "Drill", "Speaker", "Bracket", "Cable", "Pump", "Valve", "Lamp", "Router", "Saw", "Helmet", "Sensor", "Kettle"
    };
    /** Customer and vendor names; one has a quote, for filter escaping. */
    private static final String[] NAMES = {
        "Adatum", "O'Brien", "Fabrikam", "Litware", "Northwind", "Proseware", "Trey", "Wingtip", "Contoso", "Alpine"
    };

    private static final String[] FIRST_NAMES = {"Anna", "Ben", "Clara", "David", "Eva", "Finn", "Gry", "Hans"};
    private static final String[] CITIES = {"Aarhus", "Berlin", "Chicago", "Dublin", "Lyon", "Madrid", "Zürich"};
    private static final String[] PRICE_GROUPS = {"RETAIL", "", "WHOLESALE"};
    private static final String[] DISC_GROUPS = {"LARGE", "SMALL", "", ""};
    private static final String[] SHIPMENT_METHODS = {"EXW", "CIF", "FOB"};
    private static final String[] AGENTS = {"DHL", "UPS", ""};
    private static final String[] AGENT_SERVICES = {"EXPRESS", "STANDARD", ""};

    private Catalogs() {}

    /** Every entity set, by name, in the blueprint's order. */
    public static Map<String, EntitySet> build(long seed, long items, long customers, long salesOrders) {
        Catalogs.Sizes sizes = new Sizes(items, customers, salesOrders);
        List<EntitySet> sets = new ArrayList<>();
        sets.add(countries(seed));
        sets.add(currencies(seed));
        sets.add(salespersons(seed));
        sets.add(contacts(seed, sizes));
        sets.add(customers(seed, sizes));
        sets.add(altAddresses(seed, sizes));
        sets.add(shipToAddresses(seed, sizes));
        sets.add(vendors(seed));
        sets.add(locations(seed));
        sets.add(itemCategories(seed));
        sets.add(items(seed, sizes));
        sets.add(itemVariants(seed, sizes));
        sets.add(unitsOfMeasure(seed));
        sets.add(itemUnits(seed, sizes));
        sets.add(itemTranslations(seed, sizes));
        sets.add(unitTranslations(seed));
        sets.add(stockKeepingUnits(seed, sizes));
        sets.add(resources(seed));
        sets.add(assemblyBom(seed, sizes));
        sets.add(salesOrders(seed, sizes));
        sets.add(salesOrderLines(seed, sizes));
        sets.add(salesPrices(seed, sizes));
        sets.add(lineDiscounts(seed, sizes));
        sets.add(priceLists(seed));
        sets.add(priceListLines(seed, sizes));
        Map<String, EntitySet> byName = new LinkedHashMap<>();
        sets.forEach(set -> byName.put(set.name(), set));
        return byName;
    }

    record Sizes(long items, long customers, long salesOrders) {}

    // ---- numbers and names shared by the sets ----

    public static String pad(long n, int width) {
        String digits = Long.toString(n);
        if (digits.length() >= width) {
            return digits;
        }
        return "0".repeat(width - digits.length()) + digits;
    }

    public static String itemNo(long j) {
        return "I" + pad(j + 1, 7);
    }

    public static String customerNo(long c) {
        return "C" + pad(c + 1, 5);
    }

    public static String contactNo(long k) {
        return "CT" + pad(k + 1, 6);
    }

    public static String orderNo(long o) {
        return "SO" + (100001 + o);
    }

    static String vendorNo(long v) {
        return "V" + pad(v + 1, 4);
    }

    static String salespersonCode(long s) {
        return "SP" + pad(s + 1, 2);
    }

    static String categoryCode(long top, long sub) {
        return sub < 0 ? "CAT" + (top + 1) : "CAT" + (top + 1) + "-" + (sub + 1);
    }

    static String itemCategory(long j) {
        return categoryCode(j % CATEGORY_TOPS, (j / CATEGORY_TOPS) % CATEGORY_SUBS);
    }

    static boolean hasVariants(long j) {
        return j % 4 == 0;
    }

    static boolean isAssembly(long j) {
        return j % 10 == 9;
    }

    static String itemDescription(long seed, long j) {
        return ADJECTIVES[(int) Hash.below(seed, j, 1, ADJECTIVES.length)] + " "
                + NOUNS[(int) Hash.below(seed, j, 2, NOUNS.length)] + " " + (j + 1);
    }

    static BigDecimal unitPrice(long seed, long j) {
        return BigDecimal.valueOf(500 + Hash.below(seed, j, 3, 99_500), 2);
    }

    static String customerName(long c) {
        return NAMES[(int) (c % NAMES.length)] + " Trading " + (c + 1);
    }

    static String currencyOf(long c) {
        return c % 5 == 0 ? "" : CURRENCIES[(int) (c % CURRENCIES.length)][0];
    }

    static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    // ---- the sets ----

    private static EntitySet countries(long seed) {
        return new SetBuilder("DynamicwebCountries", seed)
                .key(code("Code", 10))
                .fields(text("Name", 50), code("ISO_Code", 2), code("ISO_Numeric_Code", 3))
                .rows(COUNTRIES.length, (i, r) -> {
                    String[] c = COUNTRIES[(int) i];
                    r.set("Code", c[0]).set("Name", c[1]).set("ISO_Code", c[0]).set("ISO_Numeric_Code", c[3]);
                });
    }

    private static EntitySet currencies(long seed) {
        return new SetBuilder("DynamicwebCurrencies", seed)
                .key(code("Code", 10))
                .fields(
                        text("Description", 30),
                        code("ISO_Code", 3),
                        code("ISO_Numeric_Code", 3),
                        decimal("ExchangeRateAmt"),
                        text("Symbol", 10))
                .rows(CURRENCIES.length, (i, r) -> {
                    String[] c = CURRENCIES[(int) i];
                    r.set("Code", c[0])
                            .set("Description", c[1])
                            .set("ISO_Code", c[2])
                            .set("ISO_Numeric_Code", c[3])
                            .set("ExchangeRateAmt", new BigDecimal(c[4]))
                            .set("Symbol", c[5]);
                });
    }

    private static EntitySet salespersons(long seed) {
        return new SetBuilder("DynamicwebSalespersonPurchaserCard", seed)
                .key(code("Code", 20))
                .fields(
                        text("Name", 50),
                        text("Job_Title", 30),
                        text("E_Mail", 80),
                        text("Phone_No", 30),
                        bool("Blocked"))
                .rows(
                        SALESPERSONS,
                        (i, r) -> r.set("Code", salespersonCode(i))
                                .set("Name", FIRST_NAMES[(int) (i % FIRST_NAMES.length)] + " Seller " + (i + 1))
                                .set("Job_Title", i % 3 == 0 ? "Sales Manager" : "Account Manager")
                                .set("E_Mail", "sp" + (i + 1) + "@cronus.example")
                                .set("Phone_No", "+45 7010 " + pad(i + 1, 4)));
    }

    private static List<Field> addressFields() {
        return List.of(
                text("Address", 100),
                text("Address_2", 50),
                text("City", 30),
                code("Post_Code", 20),
                code("Country_Region_Code", 10),
                text("E_Mail", 80),
                text("Fax_No", 30),
                text("Phone_No", 30));
    }

    private static void address(EntitySet.Values r, long n, String email) {
        r.set("Address", (n % 97 + 1) + " Main Street")
                .set("Address_2", n % 4 == 0 ? "Building " + (n % 9 + 1) : "")
                .set("City", CITIES[(int) (n % CITIES.length)])
                .set("Post_Code", pad(1000 + n % 9000, 4))
                .set("Country_Region_Code", COUNTRIES[(int) (n % COUNTRIES.length)][0])
                .set("E_Mail", email)
                .set("Phone_No", "+45 7020 " + pad(n % 10000, 4));
    }

    private static EntitySet customers(long seed, Sizes sizes) {
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
    private static EntitySet contacts(long seed, Sizes sizes) {
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
    private static EntitySet altAddresses(long seed, Sizes sizes) {
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
    private static EntitySet shipToAddresses(long seed, Sizes sizes) {
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

    private static EntitySet vendors(long seed) {
        return new SetBuilder("DynamicwebVendorCard", seed)
                .key(code("No", 20))
                .fields(text("Name", 100))
                .fields(addressFields())
                .fields(text("Home_Page", 80))
                .numbers(new EntitySet.NumberSeries("V", 4, 1))
                .rows(VENDORS, (v, r) -> {
                    r.set("No", vendorNo(v)).set("Name", NAMES[(int) (v % NAMES.length)] + " Manufacturing " + (v + 1));
                    address(r, v + 2000, "vendor" + (v + 1) + "@example.com");
                    r.set("Home_Page", "https://vendor" + (v + 1) + ".example.com");
                });
    }

    private static EntitySet locations(long seed) {
        return new SetBuilder("DynamicwebLocations", seed)
                .key(code("Code", 10))
                .fields(text("Name", 100))
                .rows(
                        LOCATIONS.size(),
                        (i, r) -> r.set("Code", LOCATIONS.get((int) i))
                                .set(
                                        "Name",
                                        LOCATIONS.get((int) i).charAt(0)
                                                + LOCATIONS
                                                        .get((int) i)
                                                        .substring(1)
                                                        .toLowerCase(Locale.ROOT) + " warehouse"));
    }

    /** CAT1, CAT1-1 .. CAT1-4, CAT2, ...: five top categories with four children each. */
    private static EntitySet itemCategories(long seed) {
        int perTop = CATEGORY_SUBS + 1;
        return new SetBuilder("DynamicwebItemCategoryCard", seed)
                .key(code("Code", 20))
                .fields(text("Description", 100), code("Parent_Category", 20))
                .rows(CATEGORY_TOPS * perTop, (i, r) -> {
                    long top = i / perTop;
                    long sub = i % perTop - 1;
                    r.set("Code", categoryCode(top, sub))
                            .set(
                                    "Description",
                                    sub < 0 ? "Category " + (top + 1) : "Category " + (top + 1) + "." + (sub + 1))
                            .set("Parent_Category", sub < 0 ? "" : categoryCode(top, -1));
                });
    }

    private static EntitySet items(long seed, Sizes sizes) {
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
    private static EntitySet itemVariants(long seed, Sizes sizes) {
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

    private static EntitySet unitsOfMeasure(long seed) {
        String[][] units = {{"BOX", "Box"}, {"PAL", "Pallet"}, {"PCS", "Piece"}};
        return new SetBuilder("DynamicwebUnitsOfMeasure", seed)
                .key(code("Code", 10))
                .fields(text("Description", 50), code("International_Standard_Code", 10))
                .rows(
                        units.length,
                        (i, r) -> r.set("Code", units[(int) i][0])
                                .set("Description", units[(int) i][1])
                                .set("International_Standard_Code", units[(int) i][0].substring(0, 2)));
    }

    /** BOX (12 pieces) and PCS of every item. */
    private static EntitySet itemUnits(long seed, Sizes sizes) {
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
    private static EntitySet itemTranslations(long seed, Sizes sizes) {
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

    private static EntitySet unitTranslations(long seed) {
        String[] units = {"BOX", "PAL", "PCS"};
        String[][] names = {{"Kasse", "Palle", "Stk."}, {"Karton", "Palette", "Stück"}};
        return new SetBuilder("DynamicwebUnitOfMeasureTranslation", seed)
                .key(code("Code", 10), code("Language_Code", 10))
                .fields(text("Description", 50))
                .rows(units.length * LANGUAGES.size(), (i, r) -> {
                    int unit = (int) (i / LANGUAGES.size());
                    int language = (int) (i % LANGUAGES.size());
                    r.set("Code", units[unit])
                            .set("Language_Code", LANGUAGES.get(language))
                            .set("Description", names[language][unit]);
                });
    }

    /** Per location: one row per item, or one per variant for items with variants. */
    private static EntitySet stockKeepingUnits(long seed, Sizes sizes) {
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

    private static EntitySet resources(long seed) {
        return new SetBuilder("DynamicwebResources", seed)
                .key(code("No", 20))
                .fields(
                        text("Name", 100),
                        option("Type", RESOURCE_TYPE),
                        code("Base_Unit_of_Measure", 10),
                        decimal("Unit_Cost"),
                        decimal("Unit_Price"))
                .rows(
                        10,
                        (i, r) -> r.set("No", "R" + pad(i + 1, 4))
                                .set("Name", (i % 2 == 0 ? "Installer " : "Lift ") + (i + 1))
                                .set("Type", i % 2 == 0 ? "Person" : "Machine")
                                .set("Base_Unit_of_Measure", "HOUR")
                                .set("Unit_Cost", money(3000 + i * 250))
                                .set("Unit_Price", money(5000 + i * 400)));
    }

    /** Items with j % 10 == 9 are assembled from the two items before them. */
    private static EntitySet assemblyBom(long seed, Sizes sizes) {
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

    private static EntitySet salesOrders(long seed, Sizes sizes) {
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
    private static EntitySet salesOrderLines(long seed, Sizes sizes) {
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

    /** Old price experience: a customer, a customer price group and an all-customers price per item. */
    private static EntitySet salesPrices(long seed, Sizes sizes) {
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
    private static EntitySet lineDiscounts(long seed, Sizes sizes) {
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

    private static EntitySet priceLists(long seed) {
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
    private static EntitySet priceListLines(long seed, Sizes sizes) {
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

    /** Rows per item repeating with a period: maps a row index to (item, row within the item). */
    record PerItem(int period, java.util.function.LongToIntFunction rowsOf) {
        private int perBlock() {
            int total = 0;
            for (int p = 0; p < period; p++) {
                total += rowsOf.applyAsInt(p);
            }
            return total;
        }

        long count(long items) {
            long count = items / period * perBlock();
            for (long j = items / period * period; j < items; j++) {
                count += rowsOf.applyAsInt(j);
            }
            return count;
        }

        long[] locate(long index) {
            int perBlock = perBlock();
            long j = index / perBlock * period;
            long rest = index % perBlock;
            while (rest >= rowsOf.applyAsInt(j)) {
                rest -= rowsOf.applyAsInt(j);
                j++;
            }
            return new long[] {j, rest};
        }
    }

    /** Declares a set's fields (keys first) and its generator. */
    static final class SetBuilder {
        private final String name;
        private final long seed;
        private final List<Field> fields = new ArrayList<>();
        private final List<String> keys = new ArrayList<>();
        private EntitySet.NumberSeries numbers;

        SetBuilder(String name, long seed) {
            this.name = name;
            this.seed = seed;
        }

        SetBuilder key(Field... key) {
            for (Field field : key) {
                fields.add(field);
                keys.add(field.name());
            }
            return this;
        }

        SetBuilder fields(Field... more) {
            return fields(List.of(more));
        }

        SetBuilder fields(List<Field> more) {
            fields.addAll(more);
            return this;
        }

        SetBuilder numbers(EntitySet.NumberSeries series) {
            this.numbers = series;
            return this;
        }

        EntitySet rows(long count, EntitySet.Generator generator) {
            return new EntitySet(name, fields, keys, count, generator, numbers, seed);
        }
    }
}
