package io.erplink.kit.erp;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.erplink.testsupport.PostgresKafkaTestResource;

/**
 * What a permit costs: a take and give-back of a permit (rate and concurrency limited, so the
 * window grant, the lease and its release), one caller at a time, against the baseline of one
 * database transaction doing {@code select 1} in the same run. Not a test: run with
 * {@code -Dtest=ErpBudgetBenchmark}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
class ErpBudgetBenchmark {
    private static final int ROUNDS = 2000;

    @Inject
    BudgetStore store;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void permitCostAgainstOneDatabaseRoundTrip() throws Exception {
        ErpBudgets budgets = new ErpBudgets(
                ErpBudgetTest.config(
                        ErpBudgetTest.endpoint("bench", 1_000_000, Duration.ofMinutes(5), 5), Duration.ofSeconds(30)),
                store,
                new SimpleMeterRegistry(),
                "bench");
        ErpBudget budget = budgets.of("bench");
        for (int i = 0; i < 200; i++) { // warm-up
            budget.acquire().close();
            selectOne();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            selectOne();
        }
        long baseline = System.nanoTime() - t0;
        t0 = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            budget.acquire().close();
        }
        long permits = System.nanoTime() - t0;
        budgets.close();
        System.out.printf(
                "ErpBudgetBenchmark: %d permits (take + give back): %.3f ms each; one select-1 transaction: %.3f ms;"
                        + " ratio %.2f%n",
                ROUNDS, permits / 1e6 / ROUNDS, baseline / 1e6 / ROUNDS, (double) permits / baseline);
    }

    private void selectOne() throws Exception {
        QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("select 1");
            }
            return null;
        });
    }
}
