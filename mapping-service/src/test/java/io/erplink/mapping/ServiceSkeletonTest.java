package io.erplink.mapping;

import org.junit.jupiter.api.Test;

import io.erplink.testsupport.PostgresKafkaTestResource;
import io.erplink.testsupport.ServiceChecks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The walking skeleton of mapping-service: health, metrics, OpenAPI and its schema on real PostgreSQL and Kafka. */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
class ServiceSkeletonTest {

    @Test
    void isReadyWithDatabaseAndKafkaChecks() {
        ServiceChecks.assertReadyWithDatabaseAndKafkaChecks();
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
        ServiceChecks.assertOpenApi("erplink mapping-service");
    }

    @Test
    void flywayCreatedTheOutboxAndProcessedEventTablesInItsSchema() throws Exception {
        ServiceChecks.assertMigratedTables("mapping", "outbox_event", "processed_event");
    }
}
