package io.erplink.orderqueue;

import org.junit.jupiter.api.Test;

import io.erplink.testsupport.PostgresKafkaTestResource;
import io.erplink.testsupport.ServiceChecks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The walking skeleton of order-queue-service: health, metrics, OpenAPI and its schema on real PostgreSQL and Kafka. */
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
        ServiceChecks.assertOpenApi("erplink order-queue-service");
    }

    @Test
    void flywayCreatedTheOutboxAndProcessedEventTablesInItsSchema() throws Exception {
        ServiceChecks.assertMigratedTables("orderqueue", "outbox_event", "processed_event");
    }
}
