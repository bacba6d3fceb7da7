package io.erplink.batch.erp;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.erplink.batch.NoBackgroundWork;
import io.erplink.kit.erp.ErpBudget;
import io.erplink.kit.erp.ErpBudgets;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.testsupport.OperatorJwtTestResource.asOperator;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(NoBackgroundWork.class)
@WithTestResource(PostgresKafkaTestResource.class)
@WithTestResource(OperatorJwtTestResource.class)
class ErpEndpointResourceTest {

    @Inject
    ErpBudgets budgets;

    @Test
    void showsEachEndpointsBreakersAndTheBudgetsUseOverAllReplicas() {
        try (ErpBudget.Permit permit = budgets.of("default").acquire()) {
            String json = asOperator()
                    .get("/api/v1/erp/endpoints")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertEquals(
                    "[{\"endpoint\":\"default\",\"breaker\":\"CLOSED\","
                            + "\"breakers\":{\"erp\":\"CLOSED\",\"erp-export\":\"CLOSED\"},"
                            + "\"budget\":{\"permitsPerWindow\":6000,\"window\":\"PT5M\",\"concurrency\":5,"
                            + "\"used\":1,\"inFlight\":1,\"pausedUntil\":null},\"queue\":null}]",
                    json);
        }
        Instant before = Instant.now();
        budgets.of("default").throttled(Optional.of(Duration.ofSeconds(60)));
        Instant pausedUntil = Instant.parse(asOperator()
                .get("/api/v1/erp/endpoints")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("[0].budget.pausedUntil"));
        assertTrue(
                !pausedUntil.isBefore(before.plusSeconds(59))
                        && pausedUntil.isBefore(Instant.now().plusSeconds(61)),
                "a 429's Retry-After of 60 s pauses the endpoint until " + pausedUntil);
        assertEquals(
                0,
                asOperator()
                        .get("/api/v1/erp/endpoints")
                        .then()
                        .extract()
                        .jsonPath()
                        .getInt("[0].budget.inFlight"),
                "the permit was given back");
    }

    @Test
    void needsAnOperatorToken() {
        given().get("/api/v1/erp/endpoints").then().statusCode(401);
    }
}
