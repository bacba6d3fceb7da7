package io.erplink.console.services;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every error shape the services answer today, and RFC 9457's, reads as one line. */
class ErrorBodiesTest {
    final ObjectMapper json = new ObjectMapper();

    String read(int status, String body) {
        return ErrorBodies.message(json, status, body);
    }

    @Test
    void problemJsonShowsItsDetailAndFieldErrors() {
        assertEquals(
                "2 fields are invalid; name: must not be blank; every: must be at least 1",
                read(
                        400,
                        "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                                + "\"detail\":\"2 fields are invalid\",\"errors\":[{\"field\":\"name\",\"message\":"
                                + "\"must not be blank\"},{\"field\":\"every\",\"message\":\"must be at least 1\"}]}"));
        assertEquals("Conflict", read(409, "{\"title\":\"Conflict\",\"status\":409}"));
    }

    @Test
    void olderShapesShowTheirReason() {
        assertEquals("run 42 is finished already", read(409, "{\"error\":\"run 42 is finished already\"}"));
        assertEquals("no queued order 7", read(404, "{\"status\":404,\"error\":\"no queued order 7\"}"));
        assertEquals("no mapping run r1", read(404, "{\"problems\":[\"no mapping run r1\"]}"));
    }

    @Test
    void textAndEmptyBodiesFallBackToTheStatus() {
        assertEquals("upstream timed out", read(504, "upstream timed out\n"));
        assertEquals("your role may not do this", read(403, ""));
        assertEquals("your sign-in was not accepted (sign in again)", read(401, null));
        assertEquals("HTTP 500", read(500, " "));
    }
}
