package io.erplink.orderqueue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.erplink.orderqueue.orders.OrderStatus;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.orderqueue.QueueFixtures.orderId;
import static io.erplink.orderqueue.QueueFixtures.publish;
import static io.erplink.orderqueue.QueueFixtures.queued;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** {@code erplink.orderqueue.operator.auth-enabled=false} (local demos): the operator API answers without a token. */
@QuarkusTest
@TestProfile(OperatorSettingsProfile.class)
@QuarkusTestResource(PostgresKafkaTestResource.class)
@QuarkusTestResource(ErpSimulatorTestResource.class)
@QuarkusTestResource(OperatorJwtTestResource.class)
class OperatorAuthDisabledTest {
    private static final String API = "/api/v1/queued-orders";

    @Inject
    QueueState state;

    @Test
    void operatorApiAnswersWithoutATokenWhenAuthIsDisabled() {
        given().get(API + "/counts").then().statusCode(200).body("byStatus.QUEUED", notNullValue());
        given().get(API + "/999999999").then().statusCode(404);

        String id = orderId("open");
        publish(queued(id, "SHOP1", "C11"));
        await().atMost(Duration.ofSeconds(60)).until(() -> state.hasStatus(id, OrderStatus.SYNCED));
        long key = state.order(id).orElseThrow().id;
        given().get(API + "/" + key).then().statusCode(200).body("order.shopOrderId", equalTo(id));
        given().post(API + "/" + key + "/park").then().statusCode(409);
        // A token is not needed, and one with the role is still accepted.
        given().auth()
                .oauth2(OperatorJwtTestResource.token("ops", "admin"))
                .get(API + "/counts")
                .then()
                .statusCode(200);
    }
}
