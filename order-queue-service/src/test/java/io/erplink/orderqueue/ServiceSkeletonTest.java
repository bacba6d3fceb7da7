package io.erplink.orderqueue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.erplink.testsupport.PostgresKafkaTestResource;
import io.erplink.testsupport.ServiceSkeletonContract;

/** The walking skeleton of order-queue-service: health, metrics, OpenAPI and its schema on real PostgreSQL and Kafka. */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
class ServiceSkeletonTest extends ServiceSkeletonContract {

    @Override
    protected String schema() {
        return "orderqueue";
    }

    @Override
    protected String openApiTitle() {
        return "erplink order-queue-service";
    }
}
