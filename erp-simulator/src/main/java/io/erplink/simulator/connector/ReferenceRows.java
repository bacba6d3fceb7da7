package io.erplink.simulator.connector;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.erplink.protocol.requests.RequestType;
import io.erplink.protocol.requests.TableRequest;
import io.erplink.protocol.tables.TableRow;
import io.erplink.simulator.catalog.Catalog;
import io.erplink.simulator.catalog.Hash;
import io.erplink.simulator.pricing.CurrencyTable;
import io.erplink.simulator.pricing.PriceFunction;

/** The small tables, written whole or filtered by key: currencies, languages, manufacturers and product groups. */
final class ReferenceRows {
    private static final Map<String, String[]> LANGUAGE_NAMES = Map.of(
            "en",
            new String[] {"English", "English"},
            "da",
            new String[] {"Danish", "Dansk"},
            "de",
            new String[] {"German", "Deutsch"},
            "sv",
            new String[] {"Swedish", "Svenska"},
            "nb",
            new String[] {"Norwegian", "Norsk"},
            "fr",
            new String[] {"French", "Français"},
            "nl",
            new String[] {"Dutch", "Nederlands"},
            "bg",
            new String[] {"Bulgarian", "Български"});

    private final Catalog catalog;

    ReferenceRows(Catalog catalog) {
        this.catalog = catalog;
    }

    void currencies(TableRequest table, Consumer<TableRow> out) {
        String system = catalog.systemCurrency();
        for (String code : catalog.currencies()) {
            if (!matches(table, code)) {
                continue;
            }
            CurrencyTable.Currency currency = CurrencyTable.find(code).orElseThrow();
            out.accept(RowBuilder.of("EcomCurrencies")
                    .put("CurrencyCode", code)
                    .put("CurrencyName", currency.name())
                    .put("CurrencyLanguageId", catalog.defaultLanguage())
                    .put("CurrencySymbol", currency.symbol())
                    // Dynamicweb convention: the system currency is 100; others: value of 100 units in it.
                    .put("CurrencyRate", PriceFunction.convert(BigDecimal.valueOf(100), code, system))
                    .put("CurrencyIsDefault", code.equals(system) ? "TRUE" : "FALSE")
                    .build());
        }
    }

    void languages(TableRequest table, Consumer<TableRow> out) {
        for (String language : catalog.languages()) {
            if (!matches(table, language)) {
                continue;
            }
            String[] parts = language.split("[-_]");
            String[] names =
                    LANGUAGE_NAMES.getOrDefault(parts[0].toLowerCase(Locale.ROOT), new String[] {language, language});
            out.accept(RowBuilder.of("EcomLanguages")
                    .put("LanguageId", language)
                    .put("LanguageCode2", (parts.length > 1 ? parts[1] : parts[0]).toUpperCase(Locale.ROOT))
                    .put("LanguageNativeName", names[1])
                    .put("LanguageName", names[0])
                    .build());
        }
    }

    void manufacturers(TableRequest table, Consumer<TableRow> out) {
        String[][] places = {
            {"Marietta", "USA", "30008"},
            {"Aarhus", "Denmark", "8000"},
            {"Leeds", "UK", "LS1 1UR"},
            {"Munich", "Germany", "80331"}
        };
        for (int i = 0; i < Catalog.MANUFACTURERS; i++) {
            String id = Catalog.manufacturerId(i);
            if (!matches(table, id)) {
                continue;
            }
            String[] place = places[(int) Hash.below(catalog.seed(), i, 41, places.length)];
            out.accept(RowBuilder.of("EcomManufacturers")
                    .put("ManufacturerId", id)
                    .put("ManufacturerName", catalog.manufacturerName(i))
                    .put("ManufacturerAddress", (10 + i) + " Industrial Park")
                    .put("ManufacturerZipCode", place[2])
                    .put("ManufacturerCity", place[0])
                    .put("ManufacturerCountry", place[1])
                    .put("ManufacturerPhone", String.format(Locale.ROOT, "341-555-%04d", i))
                    .put("ManufacturerFax", "")
                    .put("ManufacturerEmail", "sales@" + id.toLowerCase(Locale.ROOT) + ".example")
                    .put("ManufacturerWeb", "https://" + id.toLowerCase(Locale.ROOT) + ".example")
                    .build());
        }
    }

    void groups(TableRequest table, Consumer<TableRow> out) {
        for (String language : catalog.languages()) {
            for (int top = 0; top < Catalog.TOP_GROUPS; top++) {
                if (matches(table, Catalog.topGroupId(top))) {
                    out.accept(group(Catalog.topGroupId(top), language, Catalog.topGroupName(top), ""));
                }
                for (int sub = 0; sub < Catalog.SUB_GROUPS; sub++) {
                    if (matches(table, Catalog.subGroupId(top, sub))) {
                        out.accept(group(
                                Catalog.subGroupId(top, sub),
                                language,
                                Catalog.subGroupName(top, sub),
                                Catalog.topGroupId(top)));
                    }
                }
            }
        }
    }

    private static TableRow group(String id, String language, String name, String parent) {
        return RowBuilder.of("EcomGroups")
                .put("GroupId", id)
                .put("GroupLanguageId", language)
                .put("GroupName", name)
                .put("ParentGroups", parent)
                .build();
    }

    /** Filter on small tables: keep a row when any item's field value equals its key (case-insensitive). */
    private static boolean matches(TableRequest table, String key) {
        if (table.type() != RequestType.FILTER) {
            return true;
        }
        return table.items().stream()
                .flatMap(item -> item.fields().values().stream())
                .anyMatch(value -> value != null && value.strip().equalsIgnoreCase(key));
    }
}
