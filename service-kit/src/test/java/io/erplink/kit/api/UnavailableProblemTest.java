package io.erplink.kit.api;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.erplink.protocol.api.Problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one 503 builder every service answers an outage with: body and headers, exactly. */
class UnavailableProblemTest {

    @Test
    void aDatabaseOutageIsTheDatabaseUnavailableProblemRetriedAfterTwoSeconds() {
        Response answer = Problems.unavailable(
                Problems.Outage.DATABASE, "the database failed to answer; retry the same request", "/api/v1/runs");

        assertEquals(503, answer.getStatus());
        assertEquals(
                "application/problem+json",
                answer.getMetadata().getFirst("Content-Type").toString());
        assertEquals(List.of(2), answer.getMetadata().get("Retry-After"));
        assertEquals(
                new Problem(
                        URI.create("urn:erplink:problem:database-unavailable"),
                        "Database unavailable",
                        503,
                        "the database failed to answer; retry the same request",
                        URI.create("/api/v1/runs"),
                        List.of()),
                answer.getEntity());
    }

    @Test
    void anErpOutageIsTheErpUnavailableProblemRetriedAfterFiveSeconds() {
        Response answer = Problems.unavailable(
                Problems.Outage.ERP, "the ERP is unavailable: ERP circuit breaker open", "/api/v1/cart/calculate");

        assertEquals(503, answer.getStatus());
        assertEquals(
                "application/problem+json",
                answer.getMetadata().getFirst("Content-Type").toString());
        assertEquals(List.of(5), answer.getMetadata().get("Retry-After"));
        assertEquals(
                new Problem(
                        URI.create("urn:erplink:problem:erp-unavailable"),
                        "ERP unavailable",
                        503,
                        "the ERP is unavailable: ERP circuit breaker open",
                        URI.create("/api/v1/cart/calculate"),
                        List.of()),
                answer.getEntity());
    }
}
