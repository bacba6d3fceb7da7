package io.erplink.testsupport;

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

    /** Whether readiness depends on Kafka (false for a service that must stay ready through an outage). */
    protected boolean readyNeedsKafka() {
        return true;
    }

    @Test
    void isReadyWithItsDatabaseAndKafkaChecks() {
        ServiceChecks.assertReady(readyNeedsKafka());
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
