package io.erplink.mapping.execution;

import java.util.Map;

import org.flywaydb.core.Flyway;

import io.erplink.infra.PostgresServer;

/** For merge tests outside Quarkus: a database with mapping-service's schemas migrated as the service migrates them. */
final class MigratedDatabase {
    private MigratedDatabase() {}

    /** Creates database {@code name} on {@code postgres} and runs the service's migrations (mapping, commerce). */
    static void create(PostgresServer postgres, String name) {
        String url = postgres.createDatabase(name);
        Flyway.configure()
                .dataSource(url, postgres.username(), postgres.password())
                .schemas("mapping", "commerce")
                .createSchemas(true)
                .locations("classpath:db/migration", "classpath:db/service-kit")
                .placeholders(Map.of("commerce_schema", "commerce"))
                .load()
                .migrate();
    }
}
