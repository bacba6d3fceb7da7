package io.erplink.kit;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;

import io.erplink.kit.outbox.OutboxConfig;

/**
 * The schema holding this service's {@code outbox_event} and {@code processed_event} tables:
 * {@code erplink.outbox.schema}, else the first schema Flyway manages for the service. The name is
 * spliced into SQL, so it is checked against a strict identifier pattern first.
 */
@ApplicationScoped
public class KitSchema {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String name;

    KitSchema(OutboxConfig config) {
        String schema = config.schema()
                .or(() -> ConfigProvider.getConfig()
                        .getOptionalValue("quarkus.flyway.schemas", String.class)
                        .map(s -> s.split(",")[0].trim()))
                .orElse("public");
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException(
                    "erplink.outbox.schema: '" + schema + "' is not a plain lower-case PostgreSQL identifier");
        }
        this.name = schema;
    }

    /** The checked schema name, safe to use in SQL. */
    public String name() {
        return name;
    }

    /** {@code schema.table} for one of the kit's tables. */
    public String table(String table) {
        return name + "." + table;
    }
}
