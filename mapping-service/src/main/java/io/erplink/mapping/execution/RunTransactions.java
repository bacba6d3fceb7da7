package io.erplink.mapping.execution;

import java.sql.SQLException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.erplink.mapping.config.MappingConfig;

/**
 * New transactions for the execution's steps (a chunk, a merge, a failure), each bounded by
 * {@code erplink.mapping.merge-timeout}; an {@link SQLException} rolls it back as an
 * {@link IllegalStateException} (the consumer retries the event).
 */
@ApplicationScoped
class RunTransactions {
    /** Work on the database in a transaction. */
    @FunctionalInterface
    interface SqlWork {
        void run() throws SQLException;
    }

    /** Work on the database in a transaction, with a result. */
    @FunctionalInterface
    interface SqlCall<T> {
        T call() throws SQLException;
    }

    private final MappingConfig config;

    RunTransactions(MappingConfig config) {
        this.config = config;
    }

    void run(SqlWork work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    <T> T call(SqlCall<T> work) {
        return QuarkusTransaction.requiringNew()
                .timeout(timeoutSeconds(config.mergeTimeout()))
                .call(() -> {
                    try {
                        return work.call();
                    } catch (SQLException e) {
                        throw new IllegalStateException("database error: " + e.getMessage(), e);
                    }
                });
    }

    private static int timeoutSeconds(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.getSeconds()));
    }
}
