package io.erplink.orderqueue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import io.erplink.testsupport.DatabaseOutage;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.testsupport.ApiAuthChecks.assertBearerScheme;
import static io.erplink.testsupport.OperatorJwtTestResource.asAdmin;
import static io.erplink.testsupport.OperatorJwtTestResource.asOperator;
import static io.erplink.testsupport.Problems.assertDatabaseUnavailable;
import static io.erplink.testsupport.Problems.assertProblem;
import static io.erplink.testsupport.Problems.assertRoleForbidden;
import static io.erplink.testsupport.Problems.assertUnauthorizedWithoutAValidToken;
import static io.erplink.testsupport.Problems.field;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * order-queue-service answers every kind of error in service-kit's one problem format, pages the
 * queued orders with Link headers, and names its security scheme in the OpenAPI document.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
@QuarkusTestResource(ErpSimulatorTestResource.class)
@QuarkusTestResource(OperatorJwtTestResource.class)
class ApiContractTest {
    private static final String API = "/api/v1/queued-orders";

    @Test
    void anUnknownOrderIsANotFoundProblem() {
        assertProblem(
                asOperator().get(API + "/987654321"),
                404,
                "not-found",
                "Not found",
                "no queued order 987654321",
                API + "/987654321");
    }

    @Test
    void aBodyThatIsNotJsonIsAMalformedBodyProblem() {
        assertProblem(
                asAdmin().contentType(ContentType.JSON).body("{\"ids\": ").post(API + "/replay"),
                400,
                "malformed-body",
                "Malformed request body",
                "the body is not valid JSON: Unexpected end-of-input within/between Object entries",
                API + "/replay");
    }

    @Test
    void aSelectionWithoutIdsOrFilterNamesTheRule() {
        assertProblem(
                asAdmin().contentType(ContentType.JSON).body(Map.of("limit", 0)).post(API + "/replay"),
                400,
                "validation-failed",
                "Validation failed",
                "limit must be greater than 0; selective give ids or at least one filter (status, shop, customer,"
                        + " olderThan)",
                API + "/replay",
                List.of(
                        field("limit", "must be greater than 0"),
                        field("selective", "give ids or at least one filter (status, shop, customer, olderThan)")));
    }

    @Test
    void anUnreadableFilterNamesTheField() {
        assertProblem(
                asOperator().get(API + "?olderThan=yesterday"),
                400,
                "invalid-input",
                "Invalid input",
                "olderThan: not an ISO-8601 duration such as PT30M: yesterday",
                API,
                List.of(field("olderThan", "not an ISO-8601 duration such as PT30M: yesterday")));
    }

    @Test
    void anOperatorReplayingIsAForbiddenProblem() {
        assertRoleForbidden(asOperator().post(API + "/987654321/replay"), API + "/987654321/replay");
    }

    @Test
    void aFailingDatabaseIsA503ProblemWithoutSql() throws Exception {
        try (DatabaseOutage outage = DatabaseOutage.begin()) {
            assertDatabaseUnavailable(asOperator().get(API + "/987654321"), API + "/987654321");
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> asOperator().get(API + "/counts").statusCode() == 200);
    }

    @Test
    void aPageNamesItsNeighboursInLinkHeaders() {
        Response answer = asOperator().get(API + "?shop=no-such-shop&size=10&page=2");

        assertEquals(200, answer.statusCode(), answer.asString());
        JsonPath page = answer.jsonPath();
        assertEquals(List.of(2, 10, 0), List.of(page.getInt("page"), page.getInt("size"), page.getInt("total")));
        assertEquals(
                List.of(
                        "</api/v1/queued-orders?shop=no-such-shop&size=10&page=0>; rel=\"first\"",
                        "</api/v1/queued-orders?shop=no-such-shop&size=10&page=0>; rel=\"prev\"",
                        "</api/v1/queued-orders?shop=no-such-shop&size=10&page=0>; rel=\"last\""),
                answer.headers().getValues("Link"));
    }

    @Test
    void theOpenApiDocumentNamesTheBearerScheme() {
        assertBearerScheme("operator-jwt", "post", "/api/v1/queued-orders/{id}/replay");
    }

    @Test
    void aRequestWithoutOrWithABrokenTokenIsAnUnauthorizedProblemWithTheBearerChallenge() {
        assertUnauthorizedWithoutAValidToken("/api/v1/queued-orders");
    }
}
