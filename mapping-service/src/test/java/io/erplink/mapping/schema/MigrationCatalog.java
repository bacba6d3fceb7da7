package io.erplink.mapping.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SchemaCatalog read from the commerce migration itself (no database), for plain unit tests:
 * the same tables, columns, types and keys the database gets, folded to lower case as PostgreSQL does.
 */
public final class MigrationCatalog {
    private static final Pattern TABLE =
            Pattern.compile("create table \\$\\{commerce_schema}\\.(\\w+) \\((.*?)\\n\\);", Pattern.DOTALL);
    private static final Pattern PK = Pattern.compile("primary key \\(([^)]*)\\)");

    private MigrationCatalog() {}

    public static SchemaCatalog load() {
        String sql;
        try (InputStream in = MigrationCatalog.class.getResourceAsStream("/db/migration/V2__commerce_schema.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<TableInfo> tables = new ArrayList<>();
        Matcher table = TABLE.matcher(sql);
        while (table.find()) {
            String body = table.group(2);
            Matcher pk = PK.matcher(body);
            Set<String> keys = pk.find() ? Set.of(pk.group(1).toLowerCase().split(",\\s*")) : Set.of();
            List<ColumnInfo> columns = new ArrayList<>();
            for (String line : body.split("\\n")) {
                String l = line.trim();
                if (l.isEmpty() || l.startsWith("constraint")) {
                    continue;
                }
                String[] parts = l.replaceAll(",$", "").split("\\s+", 2);
                String name = parts[0].toLowerCase();
                String rest = parts[1].toLowerCase();
                ColumnType type = rest.startsWith("numeric")
                        ? ColumnType.NUMERIC
                        : rest.startsWith("bigint")
                                ? ColumnType.BIGINT
                                : rest.startsWith("integer")
                                        ? ColumnType.INTEGER
                                        : rest.startsWith("boolean")
                                                ? ColumnType.BOOLEAN
                                                : rest.startsWith("timestamp")
                                                        ? ColumnType.TIMESTAMP
                                                        : rest.startsWith("jsonb") ? ColumnType.JSONB : ColumnType.TEXT;
                boolean identity = rest.contains("identity");
                columns.add(new ColumnInfo(
                        name,
                        type,
                        !rest.contains("not null") && !keys.contains(name),
                        identity || rest.contains("default"),
                        identity,
                        keys.contains(name),
                        columns.size()));
            }
            tables.add(new TableInfo("commerce", table.group(1).toLowerCase(), columns));
        }
        return new SchemaCatalog(
                "commerce",
                tables,
                Map.of("EcomVariantOptions", "EcomVariantsOptions", "EcomVariantsGroups", "EcomVariantGroups"));
    }
}
