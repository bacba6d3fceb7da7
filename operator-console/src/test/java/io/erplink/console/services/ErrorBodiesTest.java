package io.erplink.console.services;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The services' RFC 9457 problems read as one line; anything else as its text or its status. */
class ErrorBodiesTest {
    final ObjectMapper json = new ObjectMapper();

    String read(int status, String body) {
        return ErrorBodies.message(json, status, body);
    }

    @Test
    void aProblemShowsItsDetailAndFieldErrors() {
        assertEquals(
                "every must be greater than 0; name must not be blank; every: must be greater than 0; name: must not"
                        + " be blank",
                read(
                        400,
                        "{\"type\":\"urn:erplink:problem:validation-failed\",\"title\":\"Validation failed\","
                                + "\"status\":400,\"detail\":\"every must be greater than 0; name must not be blank\","
                                + "\"instance\":\"/api/v1/activities\",\"errors\":[{\"field\":\"every\",\"message\":"
                                + "\"must be greater than 0\"},{\"field\":\"name\",\"message\":\"must not be blank\"}]}"));
    }

    @Test
    void aProblemWithoutDetailShowsItsTitle() {
        assertEquals(
                "Conflict with the resource's state",
                read(
                        409,
                        "{\"type\":\"urn:erplink:problem:conflict\",\"title\":\"Conflict with the resource's state\","
                                + "\"status\":409}"));
    }

    @Test
    void aBodyThatIsNoProblemShowsAsText() {
        assertEquals("upstream timed out", read(504, "upstream timed out\n"));
        assertEquals(
                "{\"error\":\"run 42 is finished already\"}", read(409, "{\"error\":\"run 42 is finished already\"}"));
        assertEquals("[1,2]", read(500, "[1,2]"));
    }

    @Test
    void anEmptyBodyFallsBackToItsStatus() {
        assertEquals("your role may not do this", read(403, ""));
        assertEquals("your sign-in was not accepted (sign in again)", read(401, null));
        assertEquals("not found", read(404, ""));
        assertEquals("HTTP 500", read(500, " "));
    }
}
