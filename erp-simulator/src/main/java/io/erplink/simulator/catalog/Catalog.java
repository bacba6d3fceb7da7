package io.erplink.simulator.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The generated ERP data. Every entity is computed from its index and the seed, on the fly: the
 * catalog holds no rows, so a million products cost nothing until they are written.
 *
 * <p>Products have ids {@code 10001 ... 10000+products} (the seeds' live price example asks for
 * 10001); customers have external ids {@code 50000 ... 50000+customers-1} (the seeds' 50000).
 */
public final class Catalog {
    public static final long FIRST_PRODUCT = 10001;
    public static final long FIRST_CUSTOMER = 50000;
    public static final int MANUFACTURERS = 40;
    public static final int TOP_GROUPS = 5;
    public static final int SUB_GROUPS = 4;
    /** Units of measure: id, name, pieces per unit. */
    public static final List<Unit> UNITS =
            List.of(new Unit("PCS", "Piece", 1), new Unit("BOX", "Box", 12), new Unit("PAL", "Pallet", 480));

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
        "Rugged",
        "Deluxe",
        "Basic",
        "Portable",
        "Industrial"
    };
    private static final String[] NOUNS = {
        "Drill",
        "Speaker",
        "Bracket",
        "Cable",
        "Pump",
        "Valve",
        "Lamp",
        "Router",
        "Saw",
        "Helmet",
        "Bolt Set",
        "Monitor",
        "Sensor",
        "Kettle",
        "Bicycle",
        "Tyre"
    };
    private static final String[] COMPANY_A = {
        "Contoso",
        "Fabrikam",
        "Northwind",
        "Adventure",
        "Tailspin",
        "Litware",
        "Proseware",
        "Wingtip",
        "Alpine",
        "Coho",
        "Fourth",
        "Trey"
    };
    private static final String[] COMPANY_B = {
        "Retail", "Traders", "Supplies", "Works", "Outfitters", "Group", "Partners", "Wholesale"
    };
    private static final String[][] CITIES = {
        {"Berlin", "DE", "Germany", "10115"},
        {"Copenhagen", "DK", "Denmark", "1050"},
        {"London", "GB", "United Kingdom", "EC1A 1BB"},
        {"Dallas", "US", "United States", "75201"},
        {"Stockholm", "SE", "Sweden", "111 20"},
        {"Aarhus", "DK", "Denmark", "8000"},
        {"Munich", "DE", "Germany", "80331"},
        {"Leeds", "GB", "United Kingdom", "LS1 1UR"}
    };
    private static final String[] STREETS = {
        "Main Street",
        "Bahnhofstrasse",
        "Vestergade",
        "High Street",
        "Storgatan",
        "Orange Street",
        "Market Square",
        "Harbour Road"
    };

    private static final long SALT_NAME = 1,
            SALT_PRICE = 2,
            SALT_STOCK = 3,
            SALT_MFR = 4,
            SALT_GROUP = 5,
            SALT_WEIGHT = 6,
            SALT_CUSTOMER = 7,
            SALT_CITY = 8,
            SALT_STREET = 9,
            SALT_UNIT = 10,
            SALT_FLAGS = 11;

    private final long seed;
    private final long products;
    private final long customers;
    private final List<String> languages;
    private final List<String> currencies;

    public Catalog(long seed, long products, long customers, List<String> languages, List<String> currencies) {
        if (products < 0 || customers < 0) {
            throw new IllegalArgumentException("products and customers must not be negative");
        }
        if (languages.isEmpty() || currencies.isEmpty()) {
            throw new IllegalArgumentException("at least one language and one currency are required");
        }
        this.seed = seed;
        this.products = products;
        this.customers = customers;
        this.languages = List.copyOf(languages);
        this.currencies =
                currencies.stream().map(c -> c.strip().toUpperCase(Locale.ROOT)).toList();
    }

    public long seed() {
        return seed;
    }

    public long productCount() {
        return products;
    }

    public long customerCount() {
        return customers;
    }

    public List<String> languages() {
        return languages;
    }

    /** The language of product rows. */
    public String defaultLanguage() {
        return languages.get(0);
    }

    public List<String> currencies() {
        return currencies;
    }

    /** The ERP's system currency: list prices of batch exports are in it. */
    public String systemCurrency() {
        return currencies.get(0);
    }

    // ---- products ----

    /** A generated product. */
    public record Product(
            long index,
            String id,
            String name,
            BigDecimal listPriceEur,
            long stock,
            String manufacturerId,
            String groupId,
            BigDecimal weight,
            BigDecimal volume,
            String defaultUnit,
            boolean discontinued) {}

    /** A unit of measure. */
    public record Unit(String id, String name, int quantity) {}

    /** The product at an index in [0, productCount). */
    public Product product(long index) {
        if (index < 0 || index >= products) {
            throw new IndexOutOfBoundsException("product index " + index + " outside 0.." + (products - 1));
        }
        String name = ADJECTIVES[(int) Hash.below(seed, index, SALT_NAME, ADJECTIVES.length)] + " "
                + NOUNS[(int) Hash.below(seed, index, SALT_NAME + 100, NOUNS.length)] + " "
                + (100 + Hash.below(seed, index, SALT_NAME + 200, 900));
        long stockRoll = Hash.below(seed, index, SALT_STOCK, 1000);
        long stock = stockRoll < 100 ? 0 : stockRoll - 100;
        String manufacturer = manufacturerId((int) Hash.below(seed, index, SALT_MFR, MANUFACTURERS));
        int group = (int) Hash.below(seed, index, SALT_GROUP, TOP_GROUPS * SUB_GROUPS);
        String groupId = subGroupId(group / SUB_GROUPS, group % SUB_GROUPS);
        BigDecimal weight = BigDecimal.valueOf(Hash.below(seed, index, SALT_WEIGHT, 50_000), 2);
        BigDecimal volume = BigDecimal.valueOf(Hash.below(seed, index, SALT_WEIGHT + 1, 10_000), 2);
        String unit = UNITS.get((int) Hash.below(seed, index, SALT_UNIT, UNITS.size()))
                .id();
        boolean discontinued = Hash.below(seed, index, SALT_FLAGS, 50) == 0;
        return new Product(
                index,
                productId(index),
                name,
                listPriceEur(index),
                stock,
                manufacturer,
                groupId,
                weight,
                volume,
                unit,
                discontinued);
    }

    /**
     * List price in EUR of the product at an index: 5.00 + (h mod 99,500) / 100, so 5.00 to 999.99,
     * where h = hash(seed, index).
     */
    public BigDecimal listPriceEur(long index) {
        return BigDecimal.valueOf(500 + Hash.below(seed, index, SALT_PRICE, 99_500), 2);
    }

    /** Cost price: 60 % of the list price. */
    public static BigDecimal cost(BigDecimal listPrice) {
        return listPrice.multiply(new BigDecimal("0.6")).setScale(2, RoundingMode.HALF_UP);
    }

    public static String productId(long index) {
        return Long.toString(FIRST_PRODUCT + index);
    }

    /** The index of a product id or number, if it names a generated product. */
    public OptionalLong productIndex(String id) {
        return indexOf(id, FIRST_PRODUCT, products);
    }

    /** Products related to a product: the next one and the one seven further on (wrapping). */
    public long[] related(long index) {
        if (products < 2) {
            return new long[0];
        }
        long a = (index + 1) % products;
        long b = (index + 7) % products;
        return a == b || b == index ? new long[] {a} : new long[] {a, b};
    }

    // ---- manufacturers and groups ----

    public static String manufacturerId(int index) {
        return String.format(Locale.ROOT, "MFR-%03d", index + 1);
    }

    public String manufacturerName(int index) {
        return COMPANY_A[(int) Hash.below(seed, index, SALT_MFR + 100, COMPANY_A.length)] + " "
                + NOUNS[(int) Hash.below(seed, index, SALT_MFR + 200, NOUNS.length)] + " Manufacturing "
                + (index + 1);
    }

    public static String topGroupId(int top) {
        return "G" + (top + 1);
    }

    public static String subGroupId(int top, int sub) {
        return "G" + (top + 1) + "-" + (sub + 1);
    }

    public static String topGroupName(int top) {
        return NOUNS[top * 3 % NOUNS.length] + "s";
    }

    public static String subGroupName(int top, int sub) {
        return ADJECTIVES[(top * SUB_GROUPS + sub) % ADJECTIVES.length] + " " + NOUNS[top * 3 % NOUNS.length] + "s";
    }

    // ---- customers ----

    /** A generated customer (AccessUser of type 5, one delivery address). */
    public record Customer(
            long index,
            String externalId,
            String company,
            String email,
            String phone,
            String street,
            String city,
            String countryCode,
            String country,
            String zip,
            String currency) {}

    public static String customerId(long index) {
        return Long.toString(FIRST_CUSTOMER + index);
    }

    /** The index of an external user id, if it names a generated customer. */
    public OptionalLong customerIndex(String externalId) {
        return indexOf(externalId, FIRST_CUSTOMER, customers);
    }

    /** The customer at an index in [0, customerCount). */
    public Customer customer(long index) {
        if (index < 0 || index >= customers) {
            throw new IndexOutOfBoundsException("customer index " + index + " outside 0.." + (customers - 1));
        }
        String company = COMPANY_A[(int) Hash.below(seed, index, SALT_CUSTOMER, COMPANY_A.length)] + " "
                + COMPANY_B[(int) Hash.below(seed, index, SALT_CUSTOMER + 100, COMPANY_B.length)] + " "
                + (index + 1);
        String[] city = CITIES[(int) Hash.below(seed, index, SALT_CITY, CITIES.length)];
        String street = (1 + Hash.below(seed, index, SALT_STREET, 200)) + " "
                + STREETS[(int) Hash.below(seed, index, SALT_STREET + 100, STREETS.length)];
        String id = customerId(index);
        String email =
                "purchasing+" + id + "@" + company.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".example";
        String phone = String.format(
                Locale.ROOT,
                "+%02d %08d",
                10 + Hash.below(seed, index, SALT_CITY + 1, 89),
                Hash.below(seed, index, SALT_CITY + 2, 100_000_000));
        String currency = currencies.get((int) Hash.below(seed, index, SALT_CUSTOMER + 200, currencies.size()));
        return new Customer(index, id, company, email, phone, street, city[0], city[1], city[2], city[3], currency);
    }

    private static OptionalLong indexOf(String id, long first, long count) {
        if (id == null) {
            return OptionalLong.empty();
        }
        String text = id.strip();
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        long index = Long.parseLong(text) - first;
        return index >= 0 && index < count ? OptionalLong.of(index) : OptionalLong.empty();
    }
}
