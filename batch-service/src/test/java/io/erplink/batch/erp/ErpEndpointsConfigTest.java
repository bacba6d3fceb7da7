package io.erplink.batch.erp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import io.erplink.batch.BatchConfig;
import io.erplink.kit.erp.ErpConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Endpoint configuration as SmallRye Config reads it (the same mappings the service uses, without
 * starting it): the environment variables the Helm chart sets, and names the service refuses at startup.
 */
class ErpEndpointsConfigTest {
    private static final String DEFAULT_URL = "https://erp.example.com/connector";
    private static final String SECRET = "0123456789abcdef-second";

    @Test
    void readsEndpointsFromTheEnvironmentVariablesTheChartSets() {
        ErpEndpoints endpoints = endpoints(
                Map.of(
                        "ERPLINK_ERP_URL",
                        DEFAULT_URL,
                        "ERPLINK_BATCH_ENDPOINTS_MANDANT2_URL",
                        "https://erp2.example.com/connector",
                        "ERPLINK_BATCH_ENDPOINTS_MANDANT2_SECRET",
                        SECRET,
                        "ERPLINK_BATCH_ENDPOINTS_MANDANT2_PAGE_TIMEOUT",
                        "15m",
                        "ERPLINK_BATCH_ENDPOINTS_EXPORT_URL",
                        "https://erp-export.example.com/connector",
                        "ERPLINK_BATCH_ENDPOINTS_EXPORT_SECRET",
                        SECRET),
                Map.of());
        assertEquals(List.of("default", "export", "mandant2"), endpoints.names());
        assertEquals(Duration.ofMinutes(15), endpoints.pageTimeout("mandant2"));
        assertEquals(Duration.ofMinutes(10), endpoints.pageTimeout("export"), "erplink.batch.erp-wait.page-timeout");
        assertEquals(
                "https://erp2.example.com/connector",
                endpoints.named().get("mandant2").url().toString());
    }

    @Test
    void resolvesNamesAndTheDefaultUrlButNothingElse() {
        ErpEndpoints endpoints = endpoints(
                Map.of(),
                Map.of(
                        "erplink.erp.url",
                        DEFAULT_URL,
                        "erplink.batch.endpoints.second.url",
                        "https://erp2.example.com/connector",
                        "erplink.batch.endpoints.second.secret",
                        SECRET));
        assertEquals(Optional.of("default"), endpoints.resolve(null));
        assertEquals(Optional.of("default"), endpoints.resolve(" "));
        assertEquals(Optional.of("default"), endpoints.resolve("default"));
        assertEquals(
                Optional.of("default"),
                endpoints.resolve(DEFAULT_URL),
                "rows saved with the URL before endpoints had names");
        assertEquals(Optional.of("second"), endpoints.resolve("second"));
        assertEquals(
                Optional.empty(), endpoints.resolve("https://erp2.example.com/connector"), "a name, not another URL");
        assertEquals(Optional.empty(), endpoints.resolve("Second"));
        String message = endpoints.unknown("third");
        assertTrue(
                message.contains("endpoint third is not configured; the configured endpoints are default, second"),
                message);
        assertFalse(message.contains(SECRET));
    }

    @Test
    void refusesAtStartupWhatAnEnvironmentCouldNotNameOrTheReservedDefault() {
        for (String name : List.of("default", "mandant-2", "Mandant2", "2nd")) {
            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> endpoints(
                            Map.of(),
                            Map.of(
                                    "erplink.batch.endpoints.\"" + name + "\".url",
                                    "https://erp2.example.com/connector",
                                    "erplink.batch.endpoints.\"" + name + "\".secret",
                                    SECRET)),
                    name);
            assertTrue(e.getMessage().startsWith("erplink.batch.endpoints." + name), e.getMessage());
        }
    }

    @Test
    void refusesAShortSecretWithoutShowingIt() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> endpoints(
                        Map.of(),
                        Map.of(
                                "erplink.batch.endpoints.second.url", "https://erp2.example.com/connector",
                                "erplink.batch.endpoints.second.secret", "too-short")));
        assertEquals("erplink.batch.endpoints.second.secret is shorter than 16 bytes", e.getMessage());
    }

    private static ErpEndpoints endpoints(Map<String, String> env, Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(env, 300), new PropertiesConfigSource(properties, "test", 250))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withConverter(Path.class, 200, Path::of)
                .withMapping(BatchConfig.class)
                .withMapping(ErpConfig.class)
                .build();
        return new ErpEndpoints(config.getConfigMapping(BatchConfig.class), config.getConfigMapping(ErpConfig.class));
    }
}
