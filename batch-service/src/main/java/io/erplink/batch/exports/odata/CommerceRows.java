package io.erplink.batch.exports.odata;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

import io.erplink.batch.BatchConfig;
import io.erplink.kit.api.DatabaseFailure;

/**
 * The commerce side of an OData export: rows of a commerce table (mapping-service's schema, through the
 * {@code commerce} datasource) as lower-case column name to text, and the write-back of the ERP's values
 * into the row they came from. Table and column names are checked identifiers ({@link ODataExport#problem}).
 */
@ApplicationScoped
public class CommerceRows {
    private static final int FETCH_SIZE = 500;

    /** A commerce row: values as text by lower-case column name, and the raw values of the same columns. */
    public record Row(Map<String, String> text, Map<String, Object> raw) {
        String get(String column) {
            return text.getOrDefault(column.toLowerCase(Locale.ROOT), "");
        }
    }

    private final AgroalDataSource commerce;
    private final String schema;

    CommerceRows(@DataSource("commerce") AgroalDataSource commerce, BatchConfig config) {
        this.commerce = commerce;
        this.schema = config.export().commerceSchema().toLowerCase(Locale.ROOT);
        if (!ODataExport.SQL_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException(
                    "erplink.batch.export.commerce-schema is not a plain identifier: " + schema);
        }
    }

    /**
     * Streams the rows of a table (those whose {@code link} columns have the given values; all for an
     * empty link), ordered by {@code order}, one at a time: a large table is never held in memory.
     */
    public void each(String table, Map<String, Object> link, List<String> order, Consumer<Row> action) {
        StringBuilder sql = new StringBuilder("select * from " + schema + "." + name(table));
        List<Object> values = new ArrayList<>();
        String glue = " where ";
        for (Map.Entry<String, Object> e : link.entrySet()) {
            sql.append(glue).append(name(e.getKey())).append(" = ?");
            values.add(e.getValue());
            glue = " and ";
        }
        if (!order.isEmpty()) {
            sql.append(" order by ")
                    .append(String.join(
                            ", ", order.stream().map(CommerceRows::name).toList()));
        }
        try (Connection c = commerce.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false); // a cursor: PostgreSQL streams FETCH_SIZE rows at a time only in a transaction
            try (PreparedStatement select = c.prepareStatement(sql.toString())) {
                select.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < values.size(); i++) {
                    select.setObject(i + 1, values.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, String> text = new LinkedHashMap<>();
                        Map<String, Object> raw = new LinkedHashMap<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            String column = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
                            Object value = rs.getObject(i);
                            raw.put(column, value);
                            text.put(column, text(value));
                        }
                        action.accept(new Row(text, raw));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new DatabaseFailure("cannot read " + schema + "." + name(table) + " to export", e);
        }
    }

    /** The primary key columns of a commerce table, in key order (lower case); empty when it has none. */
    public List<String> primaryKey(String table) {
        try (Connection c = commerce.getConnection();
                PreparedStatement select = c.prepareStatement("""
                        select a.attname from pg_index i
                        join pg_class t on t.oid = i.indrelid
                        join pg_namespace n on n.oid = t.relnamespace
                        join lateral unnest(i.indkey) with ordinality as k(attnum, position) on true
                        join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
                        where i.indisprimary and n.nspname = ? and t.relname = ?
                        order by k.position""")) {
            select.setString(1, schema);
            select.setString(2, name(table));
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
            return columns;
        } catch (SQLException e) {
            throw new DatabaseFailure("cannot read the primary key of " + schema + "." + name(table), e);
        }
    }

    /** Writes the ERP's values into the row whose {@code key} columns have the given raw values. */
    public int writeBack(String table, Map<String, Object> key, Map<String, String> values) {
        if (values.isEmpty()) {
            return 0;
        }
        StringBuilder sql = new StringBuilder("update " + schema + "." + name(table) + " set ");
        List<Object> params = new ArrayList<>();
        String glue = "";
        for (Map.Entry<String, String> e : values.entrySet()) {
            sql.append(glue).append(name(e.getKey())).append(" = ?");
            params.add(e.getValue());
            glue = ", ";
        }
        glue = " where ";
        for (Map.Entry<String, Object> e : key.entrySet()) {
            sql.append(glue).append(name(e.getKey())).append(" = ?");
            params.add(e.getValue());
            glue = " and ";
        }
        try (Connection c = commerce.getConnection();
                PreparedStatement update = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                update.setObject(i + 1, params.get(i));
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseFailure("cannot write the ERP's values back into " + schema + "." + name(table), e);
        }
    }

    /** An identifier as PostgreSQL folds an unquoted one (the commerce tables are created unquoted). */
    private static String name(String identifier) {
        if (!ODataExport.SQL_NAME.matcher(identifier).matches()) {
            throw new IllegalArgumentException(identifier + " is not a table or column name");
        }
        return identifier.toLowerCase(Locale.ROOT);
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Timestamp ts) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(ts.toLocalDateTime());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }
}
