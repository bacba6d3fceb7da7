package io.erplink.simulator.bc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Injected faults of BC data calls, request counts and the concurrency high-water mark. */
@QuarkusTest
class BcFaultTest {

    @BeforeEach
    @AfterEach
    void reset() {
        Bc.reset();
    }

    private static void faults(String json) {
        Bc.Answer answer = Bc.admin("PUT", "/faults", json);
        assertEquals(200, answer.status(), answer.body());
    }

    private static Bc.Answer items() {
        return Bc.get(Bc.set("DynamicwebItemCard") + "?$select=No", "Prefer", "odata.maxpagesize=100");
    }

    @Test
    void throttlesWithAndWithoutRetryAfter() {
        faults("{\"throttle429\":{\"rate\":1,\"retryAfterSeconds\":7}}");
        Bc.Answer with = items();
        assertEquals(429, with.status());
        assertEquals("Application_TooManyRequests", with.errorCode());
        assertEquals("7", with.header("Retry-After"));
        faults("{\"throttle429\":{\"rate\":1,\"retryAfterSeconds\":0}}");
        Bc.Answer without = items();
        assertEquals(429, without.status());
        assertNull(without.header("Retry-After"));
    }

    @Test
    void answers408AfterTheDelay() {
        faults("{\"timeout408\":{\"rate\":1,\"delayMs\":300}}");
        long start = System.nanoTime();
        Bc.Answer answer = items();
        assertEquals(408, answer.status());
        assertTrue(System.nanoTime() - start >= 300_000_000L);
    }

    @Test
    void answersAGatewayTimeoutAndHtmlErrorPages() {
        faults("{\"gatewayTimeout504Rate\":1}");
        Bc.Answer gateway = items();
        assertEquals(504, gateway.status());
        assertTrue(gateway.header("Content-Type").startsWith("text/html"));
        faults("{\"htmlError\":{\"rate\":1,\"status\":200}}");
        Bc.Answer ok = items();
        assertEquals(200, ok.status());
        assertTrue(ok.body().startsWith("<!DOCTYPE html>"));
        faults("{\"htmlError\":{\"rate\":1,\"status\":500}}");
        assertEquals(500, items().status());
        faults("{\"errorRate\":1}");
        assertEquals("Internal_ServerError", items().errorCode());
    }

    @Test
    void truncatesAPageBodyWithStatus200() {
        faults("{\"truncate\":{\"rate\":1,\"afterBytes\":300}}");
        Bc.Answer answer = items();
        assertEquals(200, answer.status());
        assertEquals(300, answer.body().length());
        assertThrows(RuntimeException.class, answer::json);
    }

    @Test
    void truncatesOnlyPagesAfterTheConfiguredRequests() {
        faults("{\"afterRequests\":1,\"truncate\":{\"rate\":1,\"afterBytes\":100}}");
        Bc.Answer first = items();
        assertEquals(100, first.json().path("value").size());
        Bc.Answer second = items();
        assertEquals(100, second.body().length());
    }

    @Test
    void startsAfterTheConfiguredRequestsAndOnlyForTheNamedSets() {
        faults("{\"afterRequests\":2,\"errorRate\":1,\"entitySets\":[\"DynamicwebItemCard\"]}");
        assertEquals(200, Bc.get(Bc.set("DynamicwebCountries")).status());
        assertEquals(200, items().status());
        assertEquals(200, items().status());
        assertEquals(500, items().status());
        assertEquals(200, Bc.get(Bc.set("DynamicwebCountries")).status());
    }

    @Test
    void answers503DuringAnOutage() {
        faults("{\"outage\":true}");
        assertEquals(503, items().status());
        Bc.admin("DELETE", "/faults", null);
        assertEquals(200, items().status());
    }

    @Test
    void refusesFaultSettingsOutOfRange() {
        assertEquals(400, Bc.admin("PUT", "/faults", "{\"errorRate\":2}").status());
        assertEquals(
                400,
                Bc.admin("PUT", "/faults", "{\"htmlError\":{\"rate\":1,\"status\":404}}")
                        .status());
    }

    @Test
    void countsRequestsPerSetAndTheConcurrentHighWaterMark() throws Exception {
        faults("{\"latencyMs\":800,\"maxConcurrentRequests\":2}");
        Bc.cachedToken();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(pool.submit(() -> items().status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
            assertEquals(2, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        JsonNode stats = Bc.admin("GET", "/stats", null).json();
        assertEquals(3, stats.path("concurrentHighWater").intValue());
        assertEquals(0, stats.path("inFlight").intValue(), "every answered call left");
        assertEquals(
                2, stats.path("requests").path("DynamicwebItemCard").path("200").intValue());
        assertEquals(
                1, stats.path("requests").path("DynamicwebItemCard").path("429").intValue());
    }
}
