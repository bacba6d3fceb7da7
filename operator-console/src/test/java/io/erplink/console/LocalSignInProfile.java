package io.erplink.console;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The console as the local run starts it: local sign-in on, the tokens in {@link #CREDENTIALS} (written by the
 * test, signed with {@code OperatorJwtTestResource}'s key), services at a port where nothing listens.
 */
public class LocalSignInProfile implements QuarkusTestProfile {
    static final Path CREDENTIALS = Path.of("target", "test-credentials").toAbsolutePath();
    static final String NOWHERE = "http://localhost:9";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "erplink.console.local.enabled", "true",
                "erplink.console.local.credentials-dir", CREDENTIALS.toString(),
                "erplink.console.services.batch", NOWHERE,
                "erplink.console.services.mapping", NOWHERE,
                "erplink.console.services.order-queue", NOWHERE,
                "erplink.console.services.live", NOWHERE,
                "erplink.console.services.timeout", "2s");
    }
}
