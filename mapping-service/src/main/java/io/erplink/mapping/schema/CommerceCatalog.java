package io.erplink.mapping.schema;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import io.erplink.mapping.config.MappingConfig;

/** The commerce schema as the database reports it, read once after Flyway ran and on {@link #reload()}. */
@ApplicationScoped
public class CommerceCatalog {
    private final AgroalDataSource dataSource;
    private final MappingConfig config;
    private volatile SchemaCatalog catalog;

    CommerceCatalog(AgroalDataSource dataSource, MappingConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    public SchemaCatalog get() {
        SchemaCatalog current = catalog;
        return current != null ? current : reload();
    }

    /** Re-reads information_schema, e.g. after a migration added a column. */
    public synchronized SchemaCatalog reload() {
        try (Connection connection = dataSource.getConnection()) {
            catalog = SchemaCatalog.load(
                    connection, config.commerceSchema(), SchemaCatalog.parseAliases(config.tableAliases()));
            if (catalog.tables().isEmpty()) {
                throw new IllegalStateException(
                        "schema " + config.commerceSchema() + " has no tables; did Flyway run?");
            }
            return catalog;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the commerce schema: " + e.getMessage(), e);
        }
    }
}
