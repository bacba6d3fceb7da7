package io.erplink.testsupport;

import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

/**
 * The walking-skeleton checks every erplink service passes, written once: a service's test extends
 * this class, adds {@code @QuarkusTest} and {@code @QuarkusTestResource(PostgresKafkaTestResource.class)},
 * and names its schema and OpenAPI title.
 */
public abstract class ServiceSkeletonContract {

    /** The service's own PostgreSQL schema, e.g. {@code live}. */
    protected abstract String schema();

    /** The OpenAPI document's title, e.g. {@code erplink live-service}. */
    protected abstract String openApiTitle();

    /** Every JDBC pool of the service (inject them into the test: {@code @Inject AgroalDataSource}, ...). */
    protected abstract List<? extends DataSource> dataSources();

    /** Whether readiness depends on Kafka (false for a service that must stay ready through an outage). */
    protected boolean readyNeedsKafka() {
        return true;
    }

    @Test
    void isReadyWithItsDatabaseAndKafkaChecks() {
        ServiceChecks.assertReady(readyNeedsKafka());
    }

    /**
     * CI (issue 16): after a PostgreSQL restart batch-service lent a connection the server had ended and
     * an export run failed on it; the pools validate a connection idle for more than 5 s before lending it.
     */
    @Test
    void everyPoolLendsLiveConnectionsAfterPostgresEndedItsIdleOnes() throws Exception {
        ServiceChecks.assertPoolsLendLiveConnectionsAfterTheServerEndedTheIdleOnes(
                dataSources(), 3, Duration.ofMillis(5_500));
    }

    @Test
    void isLive() {
        ServiceChecks.assertLive();
    }

    @Test
    void servesPrometheusMetricsWithJvmMetrics() {
        ServiceChecks.assertPrometheusMetricsWithJvm();
    }

    @Test
    void servesOpenApi() {
        ServiceChecks.assertOpenApi(openApiTitle());
    }

    @Test
    void flywayCreatedTheOutboxAndProcessedEventTablesInItsSchema() throws Exception {
        ServiceChecks.assertMigratedTables(schema(), "outbox_event", "processed_event");
    }
}
