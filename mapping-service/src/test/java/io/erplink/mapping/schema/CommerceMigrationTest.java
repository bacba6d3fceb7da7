package io.erplink.mapping.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the real migrations on a real PostgreSQL and reads the commerce schema back. */
class CommerceMigrationTest {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void migrate() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure()
                .dataSource(postgres.getPostgresDatabase())
                .schemas("mapping", "commerce")
                .createSchemas(true)
                .locations("classpath:db/migration", "classpath:db/service-kit")
                .placeholders(Map.of("commerce_schema", "commerce"))
                .load()
                .migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void unquotedNamesWorkAsWrittenInTheSourceDocuments() throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "INSERT INTO commerce.EcomProducts (ProductId, ProductLanguageId, ProductPrice, ProductActive)"
                            + " VALUES ('D0005', 'en-us', 19.99, true)");
            try (ResultSet rows =
                    statement.executeQuery("SELECT ProductId, ProductPrice, ProductVariantId, CustomFields::text"
                            + " FROM commerce.EcomProducts")) {
                rows.next();
                assertEquals("D0005", rows.getString(1));
                assertEquals("19.99000000", rows.getBigDecimal(2).toPlainString());
                assertEquals("", rows.getString(3));
                assertEquals("{}", rows.getString(4));
            }
        }
    }

    @Test
    void catalogReadFromTheDatabaseMatchesTheMigration() throws Exception {
        SchemaCatalog expected = MigrationCatalog.load();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            SchemaCatalog actual =
                    SchemaCatalog.load(connection, "commerce", Map.of("EcomVariantOptions", "EcomVariantsOptions"));
            assertEquals(expected.tables().size(), actual.tables().size());
            for (TableInfo table : expected.tables()) {
                TableInfo real = actual.table(table.name());
                assertEquals(
                        table.columns().stream()
                                .map(c -> c.name() + ":" + c.type() + ":" + c.primaryKey() + ":" + c.identity())
                                .toList(),
                        real.columns().stream()
                                .map(c -> c.name() + ":" + c.type() + ":" + c.primaryKey() + ":" + c.identity())
                                .toList(),
                        table.name());
            }
            assertTrue(actual.table("AccessUser").column("AccessUserId").identity());
            assertEquals(
                    "ecomvariantsoptions", actual.table("EcomVariantOptions").name());
        }
    }
}
