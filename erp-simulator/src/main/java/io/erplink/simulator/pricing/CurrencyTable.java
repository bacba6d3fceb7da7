package io.erplink.simulator.pricing;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fixed exchange rates of the simulator: units of a currency for 1 EUR. List prices are
 * defined in EUR and converted with these rates; currencies outside the table cannot be configured.
 */
public final class CurrencyTable {
    /** Code, name, symbol, units per EUR. */
    public record Currency(String code, String name, String symbol, BigDecimal perEuro) {}

    private static final Map<String, Currency> TABLE = new LinkedHashMap<>();

    static {
        add("EUR", "Euro", "€", "1");
        add("USD", "US Dollar", "$", "1.08");
        add("GBP", "Pound Sterling", "£", "0.85");
        add("DKK", "Danish Krone", "kr.", "7.46");
        add("SEK", "Swedish Krona", "kr", "11.20");
        add("NOK", "Norwegian Krone", "kr", "11.60");
        add("CHF", "Swiss Franc", "CHF", "0.95");
        add("PLN", "Polish Zloty", "zł", "4.30");
        add("AUD", "Australian Dollar", "A$", "1.65");
        add("JPY", "Japanese Yen", "¥", "160");
    }

    private CurrencyTable() {}

    private static void add(String code, String name, String symbol, String perEuro) {
        TABLE.put(code, new Currency(code, name, symbol, new BigDecimal(perEuro)));
    }

    /** The currency of a code, case-insensitive. */
    public static Optional<Currency> find(String code) {
        return code == null
                ? Optional.empty()
                : Optional.ofNullable(TABLE.get(code.strip().toUpperCase(Locale.ROOT)));
    }

    /** Every known code. */
    public static Set<String> codes() {
        return TABLE.keySet();
    }
}
