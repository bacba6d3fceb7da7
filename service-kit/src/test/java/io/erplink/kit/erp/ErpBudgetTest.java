package io.erplink.kit.erp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two {@link ErpBudgets} with their own holder ids stand for two replicas (of any services) calling one
 * endpoint of the connector simulator through {@link ErpTransport}; what they sent together is counted
 * at the simulator ({@code /admin/stats}: requests by status and the high-water mark of requests in
 * flight), the budget's state in PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
@QuarkusTestResource(ErpSimulatorTestResource.class)
class ErpBudgetTest {
    private static final String REQUEST =
            "<GetEcomData shopID=\"SHOP1\"><tables><Currencies type=\"all\"/></tables></GetEcomData>";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    BudgetStore store;

    @Inject
    ErpConfig erpConfig;

    private final List<ErpBudgets> replicas = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    @BeforeEach
    void cleanSimulator() throws Exception {
        admin("DELETE", "/admin/faults", null);
        admin("DELETE", "/admin/stats", null);
    }

    @AfterEach
    void stop() throws Exception {
        pool.shutdownNow();
        replicas.forEach(ErpBudgets::close);
        admin("DELETE", "/admin/faults", null);
    }

    @Test
    void twoReplicasTogetherNeverHaveMoreRequestsInFlightThanTheConcurrency() throws Exception {
        admin("PUT", "/admin/faults", "{\"latencyMs\":150}");
        ErpTransport a = transport(replica(endpoint("concurrency", null, 3)), "concurrency");
        ErpTransport b = transport(replica(endpoint("concurrency", null, 3)), "concurrency");

        List<Future<String>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(pool.submit(() -> call(a)));
            calls.add(pool.submit(() -> call(b)));
        }
        for (Future<String> call : calls) {
            call.get(60, TimeUnit.SECONDS);
        }

        JsonNode stats = admin("GET", "/admin/stats", null);
        assertEquals(24, stats.path("total").asLong(), "every call reached the ERP once");
        assertEquals(3, stats.path("highWater").asInt(), "the replicas together never had more than 3 in flight");
        assertEquals(0, store.use("concurrency", Duration.ofMinutes(5)).inFlight(), "every lease was released");
    }

    @Test
    void twoReplicasTogetherNeverSendMoreThanThePermitsOfTheWindow() throws Exception {
        ErpTransport a = transport(replica(endpoint("rate", 10, null)), "rate");
        ErpTransport b = transport(replica(endpoint("rate", 10, null)), "rate");
        long start = System.nanoTime();

        List<Future<String>> calls = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ErpTransport t = i % 2 == 0 ? a : b;
            calls.add(pool.submit(() -> call(t)));
        }
        sleepUntil(start, Duration.ofSeconds(2));
        assertEquals(10, admin("GET", "/admin/stats", null).path("total").asLong(), "the first window's 10");
        sleepUntil(start, Duration.ofSeconds(6));
        assertEquals(20, admin("GET", "/admin/stats", null).path("total").asLong(), "two windows' 20");
        for (Future<String> call : calls) {
            call.get(60, TimeUnit.SECONDS);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(25, admin("GET", "/admin/stats", null).path("total").asLong());
        assertTrue(took.compareTo(Duration.ofSeconds(8)) >= 0, "the 21st to 25th waited for the third window: " + took);
    }

    @Test
    void a429WithRetryAfterPausesEveryReplica() throws Exception {
        ErpBudgets replicaA = replica(endpoint("pause", 1000, 5));
        ErpBudgets replicaB = replica(endpoint("pause", 1000, 5));
        ErpTransport a = transport(replicaA, "pause");
        ErpTransport b = transport(replicaB, "pause");
        admin("PUT", "/admin/faults", "{\"throttle429\":{\"rate\":1.0,\"retryAfterSeconds\":3}}");

        ErpException throttled = assertThrows(ErpException.class, () -> call(a));
        assertEquals(ErpException.Kind.THROTTLED, throttled.kind());
        admin("DELETE", "/admin/faults", null);

        ErpBudget.State paused = replicaB.of("pause").state();
        assertTrue(paused.pausedUntil() != null, "replica B sees the pause replica A's 429 started");
        long start = System.nanoTime();
        Future<String> second = pool.submit(() -> call(b));
        sleepUntil(start, Duration.ofMillis(1500));
        assertEquals(1, admin("GET", "/admin/stats", null).path("total").asLong(), "B sent nothing while paused");
        second.get(30, TimeUnit.SECONDS);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(waited.compareTo(Duration.ofMillis(2000)) >= 0, "B waited for the pause: " + waited);
        assertEquals(
                "{\"200\":1,\"429\":1}",
                admin("GET", "/admin/stats", null)
                        .path("byTypeAndStatus")
                        .path("GetEcomData.Currencies")
                        .toString(),
                "A's 429, then B's call after the pause");
        assertNull(replicaA.of("pause").state().pausedUntil(), "the pause is over");
        assertEquals(
                1.0,
                replicaA.registry()
                        .get(ErpBudgets.THROTTLED)
                        .tag("endpoint", "pause")
                        .counter()
                        .count());
    }

    @Test
    void aKilledReplicasLeaseExpiresAndALivingOnesIsRenewed() throws Exception {
        ErpBudgets killed = replica(endpoint("lease", null, 1));
        ErpBudgets living = replica(endpoint("lease", null, 1));
        ErpBudgets waiting = replica(endpoint("lease", null, 1));

        ErpBudget.Permit held = living.of("lease").acquire();
        Thread.sleep(3500); // more than the 2 s TTL: renewed meanwhile
        assertEquals(1, waiting.of("lease").state().inFlight(), "the living replica's lease is still there");
        held.close();
        assertEquals(0, waiting.of("lease").state().inFlight());

        killed.of("lease").acquire(); // never released ...
        killed.close(); // ... and no longer renewed: a SIGKILLed pod
        long start = System.nanoTime();
        try (ErpBudget.Permit permit = waiting.of("lease").acquire()) {
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(waited.compareTo(Duration.ofMillis(1000)) > 0, "waited for the expiry: " + waited);
            assertTrue(waited.compareTo(Duration.ofSeconds(5)) < 0, "but no longer than the TTL and a bit: " + waited);
            assertEquals(1, waiting.of("lease").state().inFlight(), "only the waiting replica's own lease");
        }
    }

    private String call(ErpTransport transport) {
        return transport.exchange("GetEcomData.Currencies", REQUEST, Duration.ofSeconds(20), in -> {
            in.readAllBytes();
            return "ok";
        });
    }

    private ErpTransport transport(ErpBudgets replica, String endpoint) {
        return ErpTransport.forEndpoint(
                endpoint,
                URI.create(ErpSimulatorTestResource.connectorUrl()),
                ErpSimulatorTestResource.secret(),
                erpConfig,
                replica.registry(),
                replica.of(endpoint));
    }

    private ErpBudgets replica(Map<String, ErpBudgetConfig.Endpoint> endpoints) {
        ErpBudgets replica = new ErpBudgets(
                config(endpoints, Duration.ofSeconds(2)),
                store,
                new SimpleMeterRegistry(),
                "replica-" + (replicas.size() + 1));
        replicas.add(replica);
        return replica;
    }

    private static Map<String, ErpBudgetConfig.Endpoint> endpoint(String name, Integer permits, Integer concurrency) {
        return endpoint(name, permits, Duration.ofSeconds(4), concurrency);
    }

    /** One endpoint's budget (null: that limit is not set). */
    static Map<String, ErpBudgetConfig.Endpoint> endpoint(
            String name, Integer permits, Duration window, Integer concurrency) {
        ErpBudgetConfig.Endpoint endpoint = new ErpBudgetConfig.Endpoint() {
            @Override
            public OptionalInt permitsPerWindow() {
                return permits == null ? OptionalInt.empty() : OptionalInt.of(permits);
            }

            @Override
            public Duration window() {
                return window;
            }

            @Override
            public OptionalInt concurrency() {
                return concurrency == null ? OptionalInt.empty() : OptionalInt.of(concurrency);
            }
        };
        return Map.of(name, endpoint);
    }

    /** The budgets of some endpoints; a 30 s max wait, a 1 s default pause. */
    static ErpBudgetConfig config(Map<String, ErpBudgetConfig.Endpoint> endpoints, Duration leaseTtl) {
        return new ErpBudgetConfig() {
            @Override
            public Map<String, Endpoint> endpoints() {
                return endpoints;
            }

            @Override
            public Duration leaseTtl() {
                return leaseTtl;
            }

            @Override
            public Duration maxWait() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration defaultPause() {
                return Duration.ofSeconds(1);
            }
        };
    }

    private static void sleepUntil(long start, Duration after) throws InterruptedException {
        long left = start + after.toNanos() - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static JsonNode admin(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ErpSimulatorTestResource.adminUrl() + path));
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2, path + ": " + response.statusCode() + " " + response.body());
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
