package io.erplink.simulator.bc.data;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.erplink.simulator.bc.model.Field;
import io.erplink.simulator.catalog.Hash;

import static io.erplink.simulator.bc.model.Field.code;
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
 *
 * <p>This class holds the numbering and the names every set shares; the sets themselves are declared
 * by {@link ReferenceSets}, {@link CustomerSets}, {@link ItemSets}, {@link SalesOrderSets} and
 * {@link PriceSets}.
 */
public final class Catalogs {
    public static final List<String> LOCATIONS = List.of("EAST", "MAIN", "WEST");
    public static final List<String> VARIANTS = List.of("BLUE", "GREEN", "RED");
    public static final List<String> LANGUAGES = List.of("DAN", "DEU");
    public static final int VENDORS = 40;
    public static final int SALESPERSONS = 10;
    public static final int CATEGORY_TOPS = 5;
    public static final int CATEGORY_SUBS = 4;

    static final String[][] COUNTRIES = {
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
    static final String[][] CURRENCIES = {
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
    static final String[] NAMES = {
        "Adatum", "O'Brien", "Fabrikam", "Litware", "Northwind", "Proseware", "Trey", "Wingtip", "Contoso", "Alpine"
    };

    static final String[] FIRST_NAMES = {"Anna", "Ben", "Clara", "David", "Eva", "Finn", "Gry", "Hans"};
    static final String[] CITIES = {"Aarhus", "Berlin", "Chicago", "Dublin", "Lyon", "Madrid", "Zürich"};
    static final String[] PRICE_GROUPS = {"RETAIL", "", "WHOLESALE"};
    static final String[] DISC_GROUPS = {"LARGE", "SMALL", "", ""};
    static final String[] SHIPMENT_METHODS = {"EXW", "CIF", "FOB"};
    static final String[] AGENTS = {"DHL", "UPS", ""};
    static final String[] AGENT_SERVICES = {"EXPRESS", "STANDARD", ""};

    private Catalogs() {}

    /** Every entity set, by name, in the blueprint's order. */
    public static Map<String, EntitySet> build(long seed, long items, long customers, long salesOrders) {
        Catalogs.Sizes sizes = new Sizes(items, customers, salesOrders);
        List<EntitySet> sets = new ArrayList<>();
        sets.add(ReferenceSets.countries(seed));
        sets.add(ReferenceSets.currencies(seed));
        sets.add(ReferenceSets.salespersons(seed));
        sets.add(CustomerSets.contacts(seed, sizes));
        sets.add(CustomerSets.customers(seed, sizes));
        sets.add(CustomerSets.altAddresses(seed, sizes));
        sets.add(CustomerSets.shipToAddresses(seed, sizes));
        sets.add(ReferenceSets.vendors(seed));
        sets.add(ReferenceSets.locations(seed));
        sets.add(ReferenceSets.itemCategories(seed));
        sets.add(ItemSets.items(seed, sizes));
        sets.add(ItemSets.itemVariants(seed, sizes));
        sets.add(ReferenceSets.unitsOfMeasure(seed));
        sets.add(ItemSets.itemUnits(seed, sizes));
        sets.add(ItemSets.itemTranslations(seed, sizes));
        sets.add(ReferenceSets.unitTranslations(seed));
        sets.add(ItemSets.stockKeepingUnits(seed, sizes));
        sets.add(ReferenceSets.resources(seed));
        sets.add(ItemSets.assemblyBom(seed, sizes));
        sets.add(SalesOrderSets.salesOrders(seed, sizes));
        sets.add(SalesOrderSets.salesOrderLines(seed, sizes));
        sets.add(PriceSets.salesPrices(seed, sizes));
        sets.add(PriceSets.lineDiscounts(seed, sizes));
        sets.add(PriceSets.priceLists(seed));
        sets.add(PriceSets.priceListLines(seed, sizes));
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

    // ---- shared by the sets of customers, contacts and vendors ----

    static List<Field> addressFields() {
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

    static void address(EntitySet.Values r, long n, String email) {
        r.set("Address", (n % 97 + 1) + " Main Street")
                .set("Address_2", n % 4 == 0 ? "Building " + (n % 9 + 1) : "")
                .set("City", CITIES[(int) (n % CITIES.length)])
                .set("Post_Code", pad(1000 + n % 9000, 4))
                .set("Country_Region_Code", COUNTRIES[(int) (n % COUNTRIES.length)][0])
                .set("E_Mail", email)
                .set("Phone_No", "+45 7020 " + pad(n % 10000, 4));
    }
}
