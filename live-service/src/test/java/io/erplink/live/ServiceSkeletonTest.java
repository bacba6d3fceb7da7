package io.erplink.live;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.erplink.testsupport.PostgresKafkaTestResource;
import io.erplink.testsupport.ServiceSkeletonContract;

/** The walking skeleton of live-service: health, metrics, OpenAPI and its schema on real PostgreSQL and Kafka. */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
class ServiceSkeletonTest extends ServiceSkeletonContract {

    @Override
    protected String schema() {
        return "live";
    }

    /** Its outbox buffers orders through a Kafka outage, so Kafka is not a readiness check. */
    @Override
    protected boolean readyNeedsKafka() {
        return false;
    }

    @Override
    protected String openApiTitle() {
        return "erplink live-service";
    }
}
