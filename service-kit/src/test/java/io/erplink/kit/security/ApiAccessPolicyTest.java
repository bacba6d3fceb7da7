package io.erplink.kit.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.http.HttpMethod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which requests the read role may make; the role checks themselves run in the services' ApiAuthTests. */
class ApiAccessPolicyTest {
    private final ApiAccessPolicy policy =
            new ApiAccessPolicy("test", "test.auth.enabled", true, "operator", "admin", Set.of("/api/v1/preview")) {};

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

    @Test
    void aKeyFileThatIsNotThereIsNamed(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----\n");
        assertEquals(
                Optional.empty(),
                ApiAccessPolicy.missingKeyFile(config(
                        Map.of("mp.jwt.verify.publickey.location", key.toUri().toString()))));
        assertEquals(
                Optional.empty(),
                ApiAccessPolicy.missingKeyFile(config(Map.of("mp.jwt.verify.publickey.location", "file:" + key))));

        String missing = "file:" + dir.resolve("gone.pem");
        assertEquals(
                Optional.of("mp.jwt.verify.publickey.location=" + missing + " names no readable file"),
                ApiAccessPolicy.missingKeyFile(config(Map.of("mp.jwt.verify.publickey.location", missing))));
        assertTrue(ApiAccessPolicy.missingKeyFile(config(Map.of("smallrye.jwt.verify.key.location", missing)))
                .isPresent());
    }

    @Test
    void keysElsewhereAreLeftToTheJwtLibrary() {
        // An IdP's JWKS URL may be down for a moment at startup, and classpath keys ship in the image.
        assertEquals(
                Optional.empty(),
                ApiAccessPolicy.missingKeyFile(
                        config(Map.of("mp.jwt.verify.publickey.location", "https://login.example.com/jwks"))));
        assertEquals(
                Optional.empty(),
                ApiAccessPolicy.missingKeyFile(
                        config(Map.of("mp.jwt.verify.publickey.location", "classpath:/key.pem"))));
        assertEquals(Optional.empty(), ApiAccessPolicy.missingKeyFile(config(Map.of())));
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 100))
                .build();
    }
}
