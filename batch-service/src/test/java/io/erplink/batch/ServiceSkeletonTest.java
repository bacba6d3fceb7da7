package io.erplink.batch;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;
import io.erplink.testsupport.ServiceSkeletonContract;

/**
 * The walking skeleton of batch-service: health, metrics, OpenAPI and its schema on real PostgreSQL and Kafka. Its
 * test resources are those of BcBlueprintActivitiesTest and ApiAuthTest, so the three share one Quarkus build and
 * one start (the JWT resource is unused here).
 */
@QuarkusTest
@WithTestResource(PostgresKafkaTestResource.class)
@WithTestResource(OperatorJwtTestResource.class)
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
