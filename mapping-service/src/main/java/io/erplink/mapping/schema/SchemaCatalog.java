package io.erplink.mapping.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The commerce tables and columns as the database reports them (information_schema). Every table
 * and column name that comes from a job, an XML or a JSON row is resolved here first,
 * case-insensitively; only the resolved names, quoted, ever reach SQL.
 */
public final class SchemaCatalog {
    private final String schema;
    private final Map<String, TableInfo> tables = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();

    public SchemaCatalog(String schema, Collection<TableInfo> tables, Map<String, String> aliases) {
        this.schema = schema;
        for (TableInfo table : tables) {
            this.tables.put(table.name().toLowerCase(Locale.ROOT), table);
        }
        aliases.forEach(
                (alias, table) -> this.aliases.put(alias.toLowerCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)));
    }

    public String schema() {
        return schema;
    }

    public Collection<TableInfo> tables() {
        return tables.values();
    }

    public Optional<TableInfo> findTable(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String lower = name.trim().toLowerCase(Locale.ROOT);
        TableInfo table = tables.get(lower);
        if (table == null && aliases.containsKey(lower)) {
            table = tables.get(aliases.get(lower));
        }
        return Optional.ofNullable(table);
    }

    /** Resolves a table or throws with the close matches. */
    public TableInfo table(String name) {
        return findTable(name).orElseThrow(() -> {
            TreeSet<String> names = new TreeSet<>(tables.keySet());
            names.addAll(aliases.keySet());
            return new UnknownNameException("table", name, "schema " + schema, NameSuggestions.closest(name, names));
        });
    }

    /** Parses {@code Alias=Table} entries. */
    public static Map<String, String> parseAliases(List<String> entries) {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("table alias '" + entry + "' is not Alias=Table");
            }
            aliases.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return aliases;
    }

    /** Reads the tables, columns and primary keys of a schema. */
    public static SchemaCatalog load(Connection connection, String schema, Map<String, String> aliases)
            throws SQLException {
        Map<String, List<ColumnInfo>> columns = new LinkedHashMap<>();
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select kcu.table_name, kcu.column_name
                from information_schema.table_constraints tc
                join information_schema.key_column_usage kcu
                  on kcu.constraint_schema = tc.constraint_schema and kcu.constraint_name = tc.constraint_name
                where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = ?""")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.computeIfAbsent(rows.getString(1), k -> new HashSet<>())
                            .add(rows.getString(2));
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                select c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default, c.is_identity
                from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = ? and t.table_type = 'BASE TABLE'
                order by c.table_name, c.ordinal_position""")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String table = rows.getString(1);
                    List<ColumnInfo> list = columns.computeIfAbsent(table, t -> new ArrayList<>());
                    boolean identity = "YES".equals(rows.getString(6));
                    list.add(new ColumnInfo(
                            rows.getString(2),
                            ColumnType.fromSqlType(rows.getString(3)),
                            "YES".equals(rows.getString(4)),
                            identity || rows.getString(5) != null,
                            identity,
                            keys.getOrDefault(table, Set.of()).contains(rows.getString(2)),
                            list.size()));
                }
            }
        }
        List<TableInfo> tables = new ArrayList<>();
        columns.forEach((table, cols) -> tables.add(new TableInfo(schema, table, cols)));
        return new SchemaCatalog(schema, tables, aliases);
    }

    /** Quotes an identifier for SQL (doubling embedded quotes). */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
