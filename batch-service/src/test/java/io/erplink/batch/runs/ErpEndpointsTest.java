package io.erplink.batch.runs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

import io.erplink.batch.erp.ErpClient;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.testsupport.OperatorJwtTestResource.asAdmin;
import static io.erplink.testsupport.OperatorJwtTestResource.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Named ERP endpoints against two real erp-simulators with different secrets: {@code default}
 * (erplink.erp.url, 300 products) and {@code second} (erplink.batch.endpoints.second, 200 products).
 * A simulator answers a request signed with another secret with 401, which fails the run, so a run
 * that completes was signed with its endpoint's secret.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(
        value = ErpSimulatorTestResource.class,
        restrictToAnnotatedClass = true,
        initArgs = {
            @ResourceArg(name = "erplink.simulator.products", value = "300"),
            @ResourceArg(name = "erplink.simulator.page-size", value = "100")
        })
@QuarkusTestResource(
        value = ErpSimulatorTestResource.class,
        restrictToAnnotatedClass = true,
        initArgs = {
            @ResourceArg(name = ErpSimulatorTestResource.ENDPOINT, value = "second"),
            @ResourceArg(name = "erplink.simulator.products", value = "200"),
            @ResourceArg(name = "erplink.simulator.page-size", value = "100")
        })
@QuarkusTestResource(value = OperatorJwtTestResource.class, restrictToAnnotatedClass = true)
class ErpEndpointsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void freshSimulators() throws Exception {
        for (String admin :
                new String[] {ErpSimulatorTestResource.adminUrl(), ErpSimulatorTestResource.adminUrl("second")}) {
            send(admin + "/admin/faults", "DELETE", null);
            send(admin + "/admin/stats", "DELETE", null);
        }
        breakers.resetAll();
    }

    @AfterEach
    void clearFaults() throws Exception {
        send(ErpSimulatorTestResource.adminUrl("second") + "/admin/faults", "DELETE", null);
    }

    @Test
    void importsFromTheSecondEndpointWithRequestsSignedByItsOwnSecret() throws Exception {
        assertFalse(ErpSimulatorTestResource.secret().equals(ErpSimulatorTestResource.secret("second")));
        activity("second-products", "second");
        UUID run = Runs.runNow("second-products");
        JsonPath sealed = Runs.awaitSealed(run, Duration.ofSeconds(90));

        assertEquals(
                3 * 200,
                sealed.getLong("progress.rowsRead"),
                "the second simulator's 200 products, not the default's 300");
        assertEquals(2, sealed.getInt("progress.pagesFetched"));
        JsonPath second = stats(ErpSimulatorTestResource.adminUrl("second"));
        assertEquals(2, second.getLong("total"), "both pages from the second simulator: " + second.prettify());
        assertEquals(
                Map.of("200", 2),
                second.getMap("byTypeAndStatus.find { it.key.contains('Products') }.value"),
                "accepted, i.e. signed with the second secret: " + second.prettify());
        assertEquals(
                0, stats(ErpSimulatorTestResource.adminUrl()).getLong("total"), "nothing went to the default endpoint");

        String metrics =
                RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(
                metrics.lines()
                        .anyMatch(l -> l.startsWith("erplink_erp_requests_seconds_count{")
                                && l.contains("endpoint=\"second\"")
                                && l.contains("outcome=\"ok\"")),
                "ERP calls are tagged by endpoint");
    }

    @Test
    void refusesAnUnknownEndpointNameAtSaveListingTheConfiguredOnes() {
        Map<String, Object> body = body("third-products", "third");
        String error = asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/activities")
                .then()
                .statusCode(400)
                .extract()
                .path("detail");
        assertTrue(error.contains("endpoint third is not configured") && error.contains("default, second"), error);

        activity("renamed-products", "second");
        String update = asAdmin()
                .contentType(ContentType.JSON)
                .body(body("renamed-products", "https://other-erp.example/connector"))
                .put("/api/v1/activities/renamed-products")
                .then()
                .statusCode(400)
                .extract()
                .path("detail");
        assertTrue(update.contains("default, second"), update);
        assertEquals(
                "second",
                asAdmin()
                        .get("/api/v1/activities/renamed-products")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("endpoint"),
                "a refused update changes nothing");

        String stored = asAdmin()
                .contentType(ContentType.JSON)
                .body(body("legacy-url", ErpSimulatorTestResource.connectorUrl()))
                .post("/api/v1/activities")
                .then()
                .statusCode(201)
                .extract()
                .path("endpoint");
        assertEquals("default", stored, "the URL of erplink.erp.url still means the default endpoint");
    }

    @Test
    void failsTheRunWithEndpointWhenItsEndpointLeftTheConfiguration() throws Exception {
        activity("retired-products", "second");
        // The configuration lost "second" since (another replica's config, or a redeploy): the row still names it.
        Runs.execute(
                "update activity set endpoint = 'retired', enabled = true, schedule_interval = 'MINUTES',"
                        + " schedule_every = 1, begin_at = ? where name = 'retired-products'",
                java.sql.Timestamp.from(Instant.now().minusSeconds(90)));
        String refused = asAdmin()
                .post("/api/v1/activities/retired-products/run")
                .then()
                .statusCode(400)
                .extract()
                .path("detail");
        assertTrue(refused.contains("endpoint retired is not configured"), refused);

        // The schedule fires: the run is claimed and fails, it does not go to the default endpoint.
        JsonPath[] failed = new JsonPath[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    failed[0] = asOperator()
                            .get("/api/v1/activities/retired-products/runs")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .setRootPath("items[0]");
                    return "FAILED".equals(failed[0].getString("status"));
                });
        Runs.execute("update activity set enabled = false where name = 'retired-products'");
        JsonPath run = failed[0];
        assertEquals("ENDPOINT", run.getString("exitCode"));
        assertTrue(
                run.getString("exitMessage")
                        .contains("endpoint retired is not configured; the configured endpoints are"
                                + " default, second"),
                run.getString("exitMessage"));
        assertEquals(
                0, stats(ErpSimulatorTestResource.adminUrl()).getLong("total"), "no fallback to the default endpoint");
        assertEquals(0, stats(ErpSimulatorTestResource.adminUrl("second")).getLong("total"));
    }

    @Test
    void anOpenBreakerOfTheSecondEndpointDoesNotStopDefaultEndpointRuns() throws Exception {
        send(ErpSimulatorTestResource.adminUrl("second") + "/admin/faults", "PUT", "{\"outage\":true}");
        activity("second-down", "second");
        UUID waiting = Runs.runNow("second-down");
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> breakers.currentState(ErpClient.breaker("second")) == CircuitBreakerState.OPEN);
        assertEquals("erp.second", ErpClient.breaker("second"));

        activity("default-products", null);
        UUID run = Runs.runNow("default-products");
        JsonPath sealed = Runs.awaitSealed(run, Duration.ofSeconds(60));
        assertEquals(3 * 300, sealed.getLong("progress.rowsRead"));
        // With one shared breaker this run would have met it open (CIRCUIT_OPEN) and waited.
        assertNull(sealed.getString("waitingSince"), sealed.prettify());
        assertEquals(java.util.List.of(), sealed.getList("errors"), "the default run never waited for the ERP");
        assertEquals(
                CircuitBreakerState.CLOSED, breakers.currentState(ErpClient.BREAKER), "the default endpoint's breaker");
        JsonPath stillWaiting = Runs.get(waiting);
        assertEquals("FETCHING", stillWaiting.getString("phase"));
        assertTrue(stillWaiting.getString("waitingSince") != null, stillWaiting.prettify());

        send(ErpSimulatorTestResource.adminUrl("second") + "/admin/faults", "DELETE", null);
        JsonPath recovered = Runs.awaitSealed(waiting, Duration.ofSeconds(60));
        assertEquals(
                3 * 200, recovered.getLong("progress.rowsRead"), "the waiting run goes on once the second ERP is back");
    }

    @Test
    void exportsOrdersToTheActivitysEndpoint() throws Exception {
        // The columns OrderExporter reads, as mapping-service's commerce schema has them (e2e-tests use the real one).
        Runs.execute("create schema if not exists commerce");
        Runs.execute("create table if not exists commerce.ecomorders (orderid text primary key, ordercomplete boolean,"
                + " orderintegrationorderid text, orderdate timestamp, ordercustomeraccessuserexternalid text,"
                + " ordercurrencycode text, orderpaymentmethodname text, ordershippingmethodname text, ordercustomername text,"
                + " ordercustomeraddress text, ordercustomeraddress2 text, ordercustomercity text, ordercustomercountrycode text,"
                + " ordercustomeremail text, ordercustomerfax text, ordercustomerphone text, ordercustomerzip text,"
                + " orderdeliveryname text, orderdeliveryaddress text, orderdeliveryaddress2 text, orderdeliverycity text,"
                + " orderdeliverycountrycode text, orderdeliveryemail text, orderdeliveryfax text, orderdeliveryphone text,"
                + " orderdeliveryzip text)");
        Runs.execute(
                "create table if not exists commerce.ecomorderlines (orderlineid text primary key, orderlineorderid text,"
                        + " orderlineproductid text, orderlineproductnumber text, orderlineproductvariantid text,"
                        + " orderlinequantity numeric, orderlinetype int, orderlinepricewithoutvat numeric,"
                        + " orderlineunitpricewithoutvat numeric)");
        String orderId = "EXP2-" + UUID.randomUUID().toString().substring(0, 8);
        Runs.execute(
                "insert into commerce.ecomorders (orderid, ordercomplete, orderdate, ordercustomeraccessuserexternalid,"
                        + " ordercurrencycode, ordercustomername, ordercustomercountrycode, orderdeliverycountrycode)"
                        + " values (?, true, now(), '50000', 'EUR', 'Ada Buyer', 'DK', 'DK')",
                orderId);
        Runs.execute(
                "insert into commerce.ecomorderlines (orderlineid, orderlineorderid, orderlineproductid,"
                        + " orderlineproductnumber, orderlinequantity, orderlinetype) values (?, ?, '10001', '10001', 2, 0)",
                orderId + "-L1",
                orderId);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "export-second");
        body.put("type", "EXPORT");
        body.put("endpoint", "second");
        Runs.createActivity(body);
        UUID run = Runs.runNow("export-second");
        JsonPath done = Runs.await(run, Duration.ofSeconds(60), json -> "COMPLETED".equals(json.getString("status")));
        assertEquals(1, done.getLong("progress.rowsWritten"), done.prettify());

        JsonPath second =
                new JsonPath(send(ErpSimulatorTestResource.adminUrl("second") + "/admin/orders", "GET", null));
        String erpNumber = second.getString("find { it.shopOrderId == '" + orderId + "' }.erpOrderNumber");
        assertTrue(erpNumber != null && !erpNumber.isBlank(), "created in the second ERP: " + second.prettify());
        JsonPath first = new JsonPath(send(ErpSimulatorTestResource.adminUrl() + "/admin/orders", "GET", null));
        assertNull(first.get("find { it.shopOrderId == '" + orderId + "' }"), "not in the default ERP");
        assertEquals(
                1,
                Runs.scalar(
                        "select count(*) from commerce.ecomorders where orderid = ? and orderintegrationorderid = ?",
                        orderId,
                        erpNumber),
                "the second ERP's order number written back");
    }

    private static Map<String, Object> body(String name, String endpoint) {
        Map<String, Object> body = Runs.productsImport(name);
        body.put("endpoint", endpoint);
        return body;
    }

    private static void activity(String name, String endpoint) {
        Runs.createActivity(body(name, endpoint));
    }

    private static JsonPath stats(String admin) throws Exception {
        return new JsonPath(send(admin + "/admin/stats", "GET", null));
    }

    private static String send(String url, String method, String json) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json");
        request = json == null
                ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.method(method, HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(
                response.statusCode() / 100 == 2,
                method + " " + url + ": " + response.statusCode() + " " + response.body());
        return response.body();
    }
}
