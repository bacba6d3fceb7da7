package io.erplink.live.pricing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

import io.erplink.live.LiveConfig;

/**
 * The last fallback: prices and stock as the last import put them into the commerce DB
 * ({@code <schema>.EcomProducts}, owned by mapping-service), read through the read-only named
 * datasource {@code commerce}. Never written.
 */
@ApplicationScoped
public class CatalogPrices {
    private static final Logger LOG = Logger.getLogger(CatalogPrices.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** A catalog row. */
    public record CatalogPrice(BigDecimal price, BigDecimal stock, String currency) {}

    private final AgroalDataSource commerce;
    private final LiveConfig.Catalog config;
    private final String defaultCurrency;
    private final String query;

    CatalogPrices(@DataSource("commerce") AgroalDataSource commerce, LiveConfig config) {
        this.commerce = commerce;
        this.config = config.prices().catalog();
        this.defaultCurrency = config.prices().defaultCurrency();
        String schema = this.config.schema();
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException(
                    "erplink.live.prices.catalog.schema '" + schema + "' is not a plain lower-case identifier");
        }
        this.query = "select productid, productvariantid, productprice, productstock, productcurrencycode from "
                + schema + ".ecomproducts where productid = any(?)"
                + (this.config.languageId().isPresent() ? " and productlanguageid = ?" : "")
                + " order by productlanguageid";
    }

    /**
     * Catalog prices by {@code productId + '\0' + variantId}; empty when the catalog is off or cannot
     * be read (the items are then answered as unavailable).
     */
    public Map<String, CatalogPrice> find(Collection<String> productIds) {
        Map<String, CatalogPrice> found = new HashMap<>();
        if (!config.enabled() || productIds.isEmpty()) {
            return found;
        }
        try (Connection connection = commerce.getConnection();
                PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setArray(1, connection.createArrayOf("text", productIds.toArray()));
            if (config.languageId().isPresent()) {
                statement.setString(2, config.languageId().get());
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    BigDecimal price = rows.getBigDecimal(3);
                    if (price == null) {
                        continue;
                    }
                    String currency = rows.getString(5);
                    found.putIfAbsent(
                            rows.getString(1) + '\u0000' + nullToEmpty(rows.getString(2)),
                            new CatalogPrice(
                                    price.stripTrailingZeros(),
                                    rows.getBigDecimal(4),
                                    currency == null || currency.isBlank() ? defaultCurrency : currency.strip()));
                }
            }
        } catch (SQLException e) {
            LOG.warnf("catalog fallback unavailable (%s.EcomProducts): %s", config.schema(), e.getMessage());
        }
        return found;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
