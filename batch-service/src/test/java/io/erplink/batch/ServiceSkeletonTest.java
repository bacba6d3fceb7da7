package io.erplink.batch;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.erplink.testsupport.PostgresKafkaTestResource;
import io.erplink.testsupport.ServiceSkeletonContract;

/** The walking skeleton of batch-service: health, metrics, OpenAPI and its schema on real PostgreSQL and Kafka. */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
class ServiceSkeletonTest extends ServiceSkeletonContract {

    @Override
    protected String schema() {
        return "batch";
    }

    @Override
    protected String openApiTitle() {
        return "erplink batch-service";
    }
}
