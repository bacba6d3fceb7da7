package io.erplink.mapping.execution;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.erplink.mapping.schema.ColumnInfo;
import io.erplink.mapping.schema.TableInfo;

/**
 * The product ids a merge changed in one table, for its CatalogChanged: read from a bounded sample of
 * the changed rows ({@link #sampleSize}), so a million-row merge never sorts its ids. When more rows
 * changed than the sample holds, or more distinct ids than {@code maxProductIds}, the event says
 * "all products" instead.
 */
final class ProductSample {
    private final int maxProductIds;
    private final Set<String> ids = new LinkedHashSet<>();
    private boolean allProducts;

    ProductSample(int maxProductIds) {
        this.maxProductIds = maxProductIds;
    }

    /** The column identifying products in a table: ProductId, else the first column ending in ProductId. */
    static Optional<ColumnInfo> productIdColumn(TableInfo table) {
        Optional<ColumnInfo> exact = table.findColumn("productid");
        if (exact.isPresent()) {
            return exact;
        }
        return table.columns().stream()
                .filter(c -> c.name().toLowerCase(Locale.ROOT).endsWith("productid"))
                .findFirst();
    }

    /** How many changed rows' ids are read at most: five per listed id (rows repeat ids across variants and languages). */
    static long sampleSize(int maxProductIds) {
        return 5L * maxProductIds + 1;
    }

    long sampleSize() {
        return sampleSize(maxProductIds);
    }

    /**
     * An array of the product ids ({@code pid}) of the first {@code sampleSize} rows of a row source.
     */
    static String idsOf(String source, long sampleSize) {
        return "(select array_agg(pid) from (select pid from (" + source + ") i where pid is not null limit "
                + sampleSize + ") x)";
    }

    /** Product ids from a sample of {@code changed} rows: complete only when the sample holds them all. */
    void add(Array found, long changed) throws SQLException {
        add(strings(found), changed);
    }

    void add(String[] found, long changed) {
        if (allProducts || changed == 0) {
            return;
        }
        if (changed > sampleSize() || found == null) {
            allProducts = true;
            ids.clear();
            return;
        }
        for (String id : found) {
            ids.add(id);
            if (ids.size() > maxProductIds) {
                allProducts = true;
                ids.clear();
                return;
            }
        }
    }

    /** Product ids of a table that was empty before {@code changed} rows went in: read back when few enough. */
    void addInserted(Connection connection, TableInfo table, Optional<ColumnInfo> productId, long changed)
            throws SQLException {
        if (productId.isEmpty() || allProducts || changed == 0) {
            return;
        }
        String[] found = null;
        if (changed <= sampleSize()) {
            try (PreparedStatement select = connection.prepareStatement("select "
                            + idsOf(
                                    "select t." + productId.get().quoted() + "::text as pid from " + table.qualified()
                                            + " t",
                                    sampleSize()));
                    ResultSet rows = select.executeQuery()) {
                rows.next();
                found = strings(rows.getArray(1));
            }
        }
        add(found, changed);
    }

    Set<String> ids() {
        return Set.copyOf(ids);
    }

    boolean allProducts() {
        return allProducts;
    }

    private static String[] strings(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] values = (Object[]) array.getArray();
        String[] result = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (String) values[i];
        }
        return result;
    }
}
