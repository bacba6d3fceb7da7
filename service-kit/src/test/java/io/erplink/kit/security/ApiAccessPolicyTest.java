package io.erplink.kit.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpMethod;

/** Which requests the read role may make; the role checks themselves run in the services' ApiAuthTests. */
class ApiAccessPolicyTest {
    private final ApiAccessPolicy policy = new ApiAccessPolicy("test", "test.auth.enabled", true, "operator", "admin",
            Set.of("/api/v1/preview")) {
    };

    @Test
    void readMethodsOnlyRead() {
        assertTrue(policy.readsOnly(HttpMethod.GET, "/api/v1/jobs"));
        assertTrue(policy.readsOnly(HttpMethod.HEAD, "/api/v1/jobs"));
        assertTrue(policy.readsOnly(HttpMethod.OPTIONS, "/api/v1/jobs"));
    }

    @Test
    void onlyListedPostsOnlyRead() {
        assertTrue(policy.readsOnly(HttpMethod.POST, "/api/v1/preview"));
        assertTrue(policy.readsOnly(HttpMethod.POST, "/api/v1/preview/"));
        assertFalse(policy.readsOnly(HttpMethod.POST, "/api/v1/preview/more"));
        assertFalse(policy.readsOnly(HttpMethod.POST, "/api/v1/jobs"));
        assertFalse(policy.readsOnly(HttpMethod.POST, null));
    }

    @Test
    void everyOtherMethodChangesEvenOnAListedPath() {
        for (HttpMethod method : Set.of(HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.TRACE)) {
            assertFalse(policy.readsOnly(method, "/api/v1/preview"), method.name());
        }
    }
}
