package io.erplink.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, storefront load (short version; {@code StorefrontLoadBenchmark} runs 200 clients for 60 s a
 * phase): storefront clients on prices, cart and orders against a live-service replica whose ERP endpoint
 * has a call budget, while the ERP answers in 200 ms and then is down. Only documented answers, the ERP
 * never sees more calls at once than the budget allows, and during the outage no price claims to come
 * from the ERP and no order claims to be created.
 */
@ExtendWith(SuiteExtension.class)
class StorefrontLoadTest {
    static final int BUDGET = 6;

    @Test
    void storefrontUnderLoadWhileTheErpSlowsThenFailsGetsOnlyDocumentedAnswersWithinTheErpBudget() throws Exception {
        Result result = run(SuiteExtension.suite(), 24, Duration.ofSeconds(8));
        result.print();
        assertEquals(
                "0 problems", StorefrontLoad.problems(result.samples()), "every answer as docs/storefront-api.md says");
        assertTrue(
                result.erpHighWater() <= BUDGET,
                "the ERP saw " + result.erpHighWater() + " calls at once, the budget is " + BUDGET);
        assertTrue(result.erpHighWater() >= 2, "the load used the budget: high water " + result.erpHighWater());
        List<StorefrontLoad.Sample> slow = result.slowPhase();
        assertTrue(slow.stream().anyMatch(StorefrontLoad.Sample::erpPrice), "the slow ERP answered prices");
        assertTrue(slow.stream().anyMatch(s -> s.status() == 201), "the slow ERP created orders");
        assertTrue(slow.stream().anyMatch(s -> s.endpoint().equals("cart") && s.status() == 200), "and carts");
        List<StorefrontLoad.Sample> down = result.outagePhase();
        assertTrue(down.size() > 20, "calls during the outage: " + down.size());
        assertEquals(
                List.of(),
                down.stream().filter(StorefrontLoad.Sample::erpPrice).toList(),
                "prices from the ERP while it was down");
        assertEquals(
                List.of(),
                down.stream()
                        .filter(s -> s.endpoint().equals("orders") && s.status() != 202)
                        .toList(),
                "orders not queued while the ERP was down");
        assertEquals(
                List.of(),
                down.stream()
                        .filter(s -> s.endpoint().equals("cart") && s.status() != 503)
                        .toList(),
                "carts calculated while the ERP was down");
    }

    /** The load's samples, the instant the ERP went down, and the ERP's in-flight high-water mark until then. */
    record Result(
            List<StorefrontLoad.Sample> samples, long startNanos, long downNanos, long endNanos, int erpHighWater) {
        /** Calls started after the ERP answered slowly for a second, until it went down. */
        List<StorefrontLoad.Sample> slowPhase() {
            return between(startNanos + Duration.ofSeconds(1).toNanos(), downNanos);
        }

        /** Calls started a second after the ERP went down (earlier ones may have had their answer). */
        List<StorefrontLoad.Sample> outagePhase() {
            return between(downNanos + Duration.ofSeconds(1).toNanos(), endNanos);
        }

        private List<StorefrontLoad.Sample> between(long from, long to) {
            return samples.stream()
                    .filter(s -> s.startedNanos() >= from && s.startedNanos() < to)
                    .toList();
        }

        void print() {
            System.out.printf(
                    "[storefront load] ERP 200 ms: %s%n", StorefrontLoad.summary(samples, startNanos, downNanos));
            System.out.printf(
                    "[storefront load] ERP down:   %s%n", StorefrontLoad.summary(samples, downNanos, endNanos));
            System.out.printf(
                    "[storefront load] ERP calls in flight at most %d (budget %d); %s%n",
                    erpHighWater, BUDGET, StorefrontLoad.problems(samples));
        }
    }

    /**
     * {@code clients} storefront clients for {@code phase} with the ERP at 200 ms latency, then for
     * {@code phase} with the ERP down, against one more live-service replica with an ERP call budget of
     * {@link #BUDGET} calls at once and an erp-simulator of its own, so that the simulator's in-flight
     * high-water mark counts this replica's calls only (the suite's services call the shared simulator
     * whenever they like). Its queued orders reach the suite's ERP through the suite's queue afterwards.
     */
    static Result run(Suite suite, int clients, Duration phase) throws Exception {
        suite.startOrderServices();
        AppProcess erp = suite.startSimulatorInstance("erp-simulator-load");
        AppProcess live = null;
        try {
            live = suite.startLiveInstance(
                    "live-service-load",
                    Map.of(
                            "ERPLINK_ERP_URL",
                            erp.url() + "/connector",
                            "ERPLINK_ERP_BUDGET_ENDPOINTS_DEFAULT_CONCURRENCY",
                            Integer.toString(BUDGET)));
            faults(erp, "{\"latencyMs\":200}");
            given().baseUri(erp.url()).delete("/admin/stats").then().statusCode(204);
            StorefrontLoad load = new StorefrontLoad(live, Suite.API_KEY, "E2E-LOAD-" + UUID.randomUUID() + "-");
            long start = System.nanoTime();
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    load.run(clients, phase.multipliedBy(2));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(phase.toMillis());
            JsonPath stats = given().baseUri(erp.url())
                    .get("/admin/stats")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            long down = System.nanoTime();
            faults(erp, "{\"outage\":true}");
            running.join();
            return new Result(load.samples(), start, down, System.nanoTime(), stats.getInt("highWater"));
        } finally {
            if (live != null) {
                live.stop();
            }
            erp.stop();
        }
    }

    private static void faults(AppProcess erp, String json) {
        given().baseUri(erp.url())
                .contentType(ContentType.JSON)
                .body(json)
                .put("/admin/faults")
                .then()
                .statusCode(200);
    }
}
