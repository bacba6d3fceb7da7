package io.erplink.simulator.bc.data;

import java.math.BigDecimal;
import java.util.Locale;

import static io.erplink.simulator.bc.data.BcOptions.RESOURCE_TYPE;
import static io.erplink.simulator.bc.data.Catalogs.CATEGORY_SUBS;
import static io.erplink.simulator.bc.data.Catalogs.CATEGORY_TOPS;
import static io.erplink.simulator.bc.data.Catalogs.COUNTRIES;
import static io.erplink.simulator.bc.data.Catalogs.CURRENCIES;
import static io.erplink.simulator.bc.data.Catalogs.FIRST_NAMES;
import static io.erplink.simulator.bc.data.Catalogs.LANGUAGES;
import static io.erplink.simulator.bc.data.Catalogs.LOCATIONS;
import static io.erplink.simulator.bc.data.Catalogs.NAMES;
import static io.erplink.simulator.bc.data.Catalogs.SALESPERSONS;
import static io.erplink.simulator.bc.data.Catalogs.VENDORS;
import static io.erplink.simulator.bc.data.Catalogs.address;
import static io.erplink.simulator.bc.data.Catalogs.addressFields;
import static io.erplink.simulator.bc.data.Catalogs.categoryCode;
import static io.erplink.simulator.bc.data.Catalogs.money;
import static io.erplink.simulator.bc.data.Catalogs.pad;
import static io.erplink.simulator.bc.data.Catalogs.salespersonCode;
import static io.erplink.simulator.bc.data.Catalogs.vendorNo;
import static io.erplink.simulator.bc.model.Field.bool;
import static io.erplink.simulator.bc.model.Field.code;
import static io.erplink.simulator.bc.model.Field.decimal;
import static io.erplink.simulator.bc.model.Field.option;
import static io.erplink.simulator.bc.model.Field.text;

/** The small reference pages: countries, currencies, salespersons, vendors, locations, item categories, units, resources. */
final class ReferenceSets {
    private ReferenceSets() {}

    static EntitySet countries(long seed) {
        return new SetBuilder("DynamicwebCountries", seed)
                .key(code("Code", 10))
                .fields(text("Name", 50), code("ISO_Code", 2), code("ISO_Numeric_Code", 3))
                .rows(COUNTRIES.length, (i, r) -> {
                    String[] c = COUNTRIES[(int) i];
                    r.set("Code", c[0]).set("Name", c[1]).set("ISO_Code", c[0]).set("ISO_Numeric_Code", c[3]);
                });
    }

    static EntitySet currencies(long seed) {
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

    static EntitySet salespersons(long seed) {
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

    static EntitySet vendors(long seed) {
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

    static EntitySet locations(long seed) {
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
    static EntitySet itemCategories(long seed) {
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

    static EntitySet unitsOfMeasure(long seed) {
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

    static EntitySet unitTranslations(long seed) {
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

    static EntitySet resources(long seed) {
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
}
