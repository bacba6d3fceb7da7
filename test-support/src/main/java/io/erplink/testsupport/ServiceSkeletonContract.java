package io.erplink.testsupport;

import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.CDI;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;

import static org.junit.jupiter.api.Assertions.assertFalse;

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

    /** Every JDBC pool of the service: each AgroalDataSource bean, the default one and every named one. */
    protected List<? extends DataSource> dataSources() {
        List<AgroalDataSource> pools = CDI.current().select(AgroalDataSource.class, Any.Literal.INSTANCE).stream()
                .toList();
        assertFalse(pools.isEmpty(), "the service has no JDBC pool");
        return pools;
    }

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
