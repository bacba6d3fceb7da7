package io.erplink.mapping.execution;

import java.sql.Connection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

import io.erplink.mapping.config.MappingConfig;

/**
 * Purges abandoned runs: a run never sealed (or whose chunks never all arrived) within
 * {@code erplink.mapping.staged-run-retention} is failed, which drops its staged rows. Runs every
 * {@code erplink.mapping.purge-interval}.
 */
@ApplicationScoped
class StagingPurger {
    private final AgroalDataSource dataSource;
    private final MappingRunRepository runs;
    private final RunFailer failer;
    private final RunTransactions transactions;
    private final MappingConfig config;

    StagingPurger(
            AgroalDataSource dataSource,
            MappingRunRepository runs,
            RunFailer failer,
            RunTransactions transactions,
            MappingConfig config) {
        this.dataSource = dataSource;
        this.runs = runs;
        this.failer = failer;
        this.transactions = transactions;
        this.config = config;
    }

    @Scheduled(
            every = "${erplink.mapping.purge-interval:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeAbandoned() {
        List<String> abandoned = transactions.call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return runs.startedBefore(connection, config.stagedRunRetention());
            }
        });
        for (String runId : abandoned) {
            transactions.run(() -> failer.fail(
                    runId,
                    null,
                    "the run was not sealed (or not all its chunks arrived) within " + config.stagedRunRetention()
                            + "; its staged rows were dropped",
                    null));
        }
    }
}
