package io.erplink.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real database outage for a service under test: the test database refuses new connections and
 * the service's pooled ones are terminated, until {@link #close()} lets them in again (the pool
 * then replaces them). Use it in try-with-resources around the requests that must fail.
 */
public final class DatabaseOutage implements AutoCloseable {
    private final Connection admin;

    private DatabaseOutage(Connection admin) {
        this.admin = admin;
    }

    /** Cuts {@link PostgresKafkaTestResource}'s database off now. */
    public static DatabaseOutage begin() throws SQLException {
        // A connection to the maintenance database: a database cannot refuse the session altering it.
        String url =
                PostgresKafkaTestResource.jdbcUrl().replace("/" + PostgresKafkaTestResource.database(), "/postgres");
        Connection admin = DriverManager.getConnection(
                url, PostgresKafkaTestResource.username(), PostgresKafkaTestResource.password());
        try {
            allow(admin, false);
        } catch (SQLException e) {
            admin.close();
            throw e;
        }
        return new DatabaseOutage(admin);
    }

    @Override
    public void close() throws SQLException {
        try (admin) {
            allow(admin, true);
        }
    }

    private static void allow(Connection admin, boolean allow) throws SQLException {
        String database = PostgresKafkaTestResource.database();
        try (Statement s = admin.createStatement()) {
            s.execute("alter database \"" + database + "\" allow_connections " + allow);
            if (!allow) {
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database
                        + "' and pid <> pg_backend_pid()");
            }
        }
    }
}
