package io.erplink.mapping;

import java.util.List;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.erplink.testsupport.PostgresKafkaTestResource;
import io.erplink.testsupport.ServiceSkeletonContract;

/** The walking skeleton of mapping-service: health, metrics, OpenAPI and its schema on real PostgreSQL and Kafka. */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
class ServiceSkeletonTest extends ServiceSkeletonContract {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    @DataSource("merge")
    AgroalDataSource merge;

    @Override
    protected List<AgroalDataSource> dataSources() {
        return List.of(dataSource, merge);
    }

    @Override
    protected String schema() {
        return "mapping";
    }

    @Override
    protected String openApiTitle() {
        return "erplink mapping-service";
    }
}
