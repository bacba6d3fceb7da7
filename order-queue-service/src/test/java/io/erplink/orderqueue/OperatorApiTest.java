package io.erplink.orderqueue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import io.erplink.orderqueue.orders.AttemptKind;
import io.erplink.orderqueue.orders.AttemptOutcome;
import io.erplink.orderqueue.orders.OrderStatus;
import io.erplink.orderqueue.orders.QueuedOrder;
import io.erplink.orderqueue.orders.QueuedOrderRepository;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.orderqueue.QueueFixtures.clearFaults;
import static io.erplink.orderqueue.QueueFixtures.erpCreateRequests;
import static io.erplink.orderqueue.QueueFixtures.faults;
import static io.erplink.orderqueue.QueueFixtures.orderId;
import static io.erplink.orderqueue.QueueFixtures.publish;
import static io.erplink.orderqueue.QueueFixtures.queued;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
@QuarkusTestResource(ErpSimulatorTestResource.class)
@QuarkusTestResource(OperatorJwtTestResource.class)
class OperatorApiTest {
    private static final String API = "/api/v1/queued-orders";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    QueueState state;

    @Inject
    QueuedOrderRepository orders;

    @AfterEach
    void erpHealthy() {
        clearFaults();
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(OperatorJwtTestResource.token("ops", "admin"));
    }

    private long idOf(String shopOrderId) {
        return state.order(shopOrderId).orElseThrow().id;
    }

    @Test
    void erpEndpointStateShowsTheBreakerTheBudgetAndTheQueueToOperators() {
        given().get("/api/v1/erp/endpoints").then().statusCode(401);
        io.restassured.path.json.JsonPath state = given().auth()
                .oauth2(OperatorJwtTestResource.token("reader", "operator"))
                .get("/api/v1/erp/endpoints")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        // The breaker and whether a drain runs right now depend on the other tests: their values are named,
        // everything else is exact (no call budget is configured here, no 429 paused the queue).
        assertEquals(1, state.getList("$").size());
        assertEquals(
                java.util.Set.of("endpoint", "breaker", "breakers", "budget", "queue"),
                state.getMap("[0]").keySet());
        assertEquals("default", state.getString("[0].endpoint"));
        assertTrue(java.util.Set.of("CLOSED", "OPEN", "HALF_OPEN").contains(state.getString("[0].breaker")));
        assertEquals(java.util.Set.of("erp"), state.getMap("[0].breakers").keySet());
        assertEquals(state.getString("[0].breaker"), state.getString("[0].breakers.erp"));
        assertNull(state.get("[0].budget"));
        assertEquals(
                java.util.Set.of("draining", "pausedUntil"),
                state.getMap("[0].queue").keySet());
        assertNull(state.get("[0].queue.pausedUntil"));
    }

    @Test
    void operatorApiReadsWithTheOperatorRoleAndChangesOnlyWithTheAdminRole() {
        given().get(API + "/counts").then().statusCode(401);
        given().auth().oauth2("not-a-jwt").get(API + "/counts").then().statusCode(401);
        given().auth()
                .oauth2(OperatorJwtTestResource.token("viewer", "viewer"))
                .get(API + "/counts")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(OperatorJwtTestResource.token("reader", "operator"))
                .get(API + "/counts")
                .then()
                .statusCode(200)
                .body("byStatus.QUEUED", notNullValue());
        given().auth()
                .oauth2(OperatorJwtTestResource.token("reader", "operator"))
                .post(API + "/1/replay")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(OperatorJwtTestResource.token("viewer", "viewer"))
                .post(API + "/1/replay")
                .then()
                .statusCode(403);
        admin().get(API + "/counts").then().statusCode(200).body("byStatus.QUEUED", notNullValue());
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void replayOfASyncedOrderIsRefusedUnlessForcedAndForcedItCreatesNoSecondOrder() {
        String id = orderId("replay");
        publish(queued(id, "SHOP1", "C10"));
        await().atMost(WAIT).until(() -> state.hasStatus(id, OrderStatus.SYNCED));
        long orderKey = idOf(id);

        admin().post(API + "/" + orderKey + "/replay").then().statusCode(409).body("detail", containsString("force"));

        admin().queryParam("force", true)
                .post(API + "/" + orderKey + "/replay")
                .then()
                .statusCode(200);
        await().atMost(WAIT)
                .until(() -> state.attempts(id, AttemptKind.LOOKUP, AttemptOutcome.FOUND) == 1
                        && state.hasStatus(id, OrderStatus.SYNCED));

        assertEquals(1, state.attempts(id, AttemptKind.CREATE, AttemptOutcome.CREATED));
        assertEquals(1, erpCreateRequests().getOrDefault(id, 0), "forced replay created no second order");
    }

    @Test
    void parkedOrderIsNotSentUntilUnparked() throws Exception {
        faults("{\"outage\":true}");
        String id = orderId("parked");
        publish(queued(id, "SHOP1", "C11"));
        await().atMost(WAIT).until(() -> state.order(id).isPresent());
        long orderKey = idOf(id);
        // Parking waits while a sender is trying it right now (409), then holds it.
        await().atMost(WAIT)
                .until(() -> admin().post(API + "/" + orderKey + "/park").statusCode() == 200);
        admin().get(API + "/" + orderKey).then().statusCode(200).body("order.status", equalTo("PARKED"));

        clearFaults();
        QueueFixtures.publishErpUp();
        Thread.sleep(3000); // several drain intervals with the ERP up
        assertEquals(OrderStatus.PARKED, state.order(id).orElseThrow().status);
        assertFalse(erpCreateRequests().containsKey(id), "a parked order is never sent");

        admin().post(API + "/" + orderKey + "/unpark").then().statusCode(200).body("status", equalTo("QUEUED"));
        admin().post(API + "/" + orderKey + "/unpark").then().statusCode(409);
        await().atMost(WAIT).until(() -> state.hasStatus(id, OrderStatus.SYNCED));
        admin().post(API + "/" + orderKey + "/park").then().statusCode(409);
        assertEquals(1, erpCreateRequests().getOrDefault(id, 0));
    }

    @Test
    void operatorFiltersOrdersInspectsOneAndReplaysASelection() {
        faults("{\"outage\":true}");
        String shop = "SHOP-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> ids = List.of(orderId("sel"), orderId("sel"), orderId("sel"));
        publish(queued(ids.get(0), shop, "C-A"));
        publish(queued(ids.get(1), shop, "C-A"));
        publish(queued(ids.get(2), shop, "C-B"));
        await().atMost(WAIT)
                .until(() -> ids.stream().allMatch(id -> state.order(id).isPresent()));

        admin().queryParam("shop", shop)
                .queryParam("customer", "C-A")
                .get(API)
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.shopOrderId", hasItems(ids.get(0), ids.get(1)));
        admin().queryParam("shop", shop)
                .queryParam("olderThan", "PT1H")
                .get(API)
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        admin().queryParam("shop", shop)
                .queryParam("size", 1)
                .queryParam("page", 1)
                .get(API)
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items.size()", equalTo(1));
        admin().queryParam("olderThan", "yesterday").get(API).then().statusCode(400);

        long first = idOf(ids.get(0));
        await().atMost(WAIT).until(() -> state.attempts(ids.get(0)).size() > 0);
        admin().get(API + "/" + first)
                .then()
                .statusCode(200)
                .body("order.shopOrderId", equalTo(ids.get(0)))
                .body("request", containsString(ids.get(0)))
                .body("attempts.size()", org.hamcrest.Matchers.greaterThan(0))
                .body("attempts[0].outcome", equalTo("UNAVAILABLE"));
        admin().get(API + "/999999999").then().statusCode(404);

        clearFaults();
        var replay = admin().contentType(ContentType.JSON)
                .body("{\"shop\":\"" + shop + "\"}")
                .post(API + "/replay")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                3,
                replay.getList("replayed").size() + replay.getMap("refused").size(),
                "every order of the shop replayed, or refused because it is being sent right now");
        admin().contentType(ContentType.JSON)
                .body("{}")
                .post(API + "/replay")
                .then()
                .statusCode(400);
        await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> state.hasStatus(id, OrderStatus.SYNCED)));
        admin().contentType(ContentType.JSON)
                .body("{\"ids\":[" + first + "]}")
                .post(API + "/replay")
                .then()
                .statusCode(200)
                .body("refused.'" + first + "'", containsString("force"));
        admin().get(API + "/counts")
                .then()
                .statusCode(200)
                .body("byStatus.SYNCED", org.hamcrest.Matchers.greaterThanOrEqualTo(3));
        ids.forEach(id -> assertEquals(1, erpCreateRequests().getOrDefault(id, 0)));
    }

    /**
     * A replay of a selection loads the orders by its search first and locks them one by one after:
     * a claim another replica committed in between must be seen under the lock (and the replay
     * refused), never overwritten by the state the search loaded (which let the order be created twice).
     */
    @Test
    void lockSeesAClaimCommittedAfterTheOrderWasLoaded() {
        faults("{\"outage\":true}");
        String id = orderId("race");
        publish(queued(id, "SHOP-" + UUID.randomUUID().toString().substring(0, 6), "C-R"));
        await().atMost(WAIT)
                .until(() -> state.hasStatus(id, OrderStatus.QUEUED)
                        && !state.attempts(id).isEmpty());

        OrderStatus underLock = QuarkusTransaction.requiringNew().call(() -> {
            QueuedOrder loaded = orders.findByShopOrderId(id).orElseThrow();
            QuarkusTransaction.requiringNew()
                    .run(() -> orders.getEntityManager()
                            .createNativeQuery(
                                    "update {h-schema}queued_order set status = 'SENDING', lease_owner = 'other-replica',"
                                            + " lease_until = now() + interval '1 minute' where id = :id")
                            .setParameter("id", loaded.id)
                            .executeUpdate());
            return orders.lock(loaded.id).orElseThrow().status;
        });
        assertEquals(OrderStatus.SENDING, underLock);
        admin().contentType(ContentType.JSON)
                .body("{\"ids\":[" + idOf(id) + "]}")
                .post(API + "/replay")
                .then()
                .statusCode(200)
                .body("refused.'" + idOf(id) + "'", containsString("being sent right now"));
        assertEquals("other-replica", state.order(id).orElseThrow().leaseOwner);
        admin().post(API + "/" + idOf(id) + "/park").then().statusCode(409); // still the other replica's
    }
}
