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

    @Test
    void readsAnODataEndpointFromTheEnvironmentVariablesTheChartSets() {
        ErpEndpoints endpoints = endpoints(
                Map.of(
                        "ERPLINK_BATCH_ENDPOINTS_BC_PROTOCOL", "odata-v4",
                        "ERPLINK_BATCH_ENDPOINTS_BC_URL",
                                "https://api.businesscentral.dynamics.com/v2.0/t1/Production/ODataV4",
                        "ERPLINK_BATCH_ENDPOINTS_BC_COMPANY", "CRONUS USA, Inc.",
                        "ERPLINK_BATCH_ENDPOINTS_BC_COMPANY_ID", "5a2b1c3d-0000-4000-8000-00000000abcd",
                        "ERPLINK_BATCH_ENDPOINTS_BC_MAX_PAGE_SIZE", "5000",
                        "ERPLINK_BATCH_ENDPOINTS_BC_AUTH_TYPE", "oauth2",
                        "ERPLINK_BATCH_ENDPOINTS_BC_AUTH_TOKEN_URL",
                                "https://login.microsoftonline.com/t1/oauth2/v2.0/token",
                        "ERPLINK_BATCH_ENDPOINTS_BC_AUTH_CLIENT_ID", "app-1",
                        "ERPLINK_BATCH_ENDPOINTS_BC_AUTH_CLIENT_SECRET", SECRET),
                Map.of());
        assertEquals(List.of("default", "bc"), endpoints.names());
        BatchConfig.Endpoint bc = endpoints.odata("bc").orElseThrow();
        assertEquals(BatchConfig.Protocol.ODATA_V4, bc.protocol());
        assertEquals("CRONUS USA, Inc.", bc.company().orElseThrow(), "a comma in a company name is kept");
        assertEquals("5a2b1c3d-0000-4000-8000-00000000abcd", bc.companyId().orElseThrow());
        assertEquals(5000, bc.maxPageSize());
        assertEquals(BatchConfig.AuthType.OAUTH2, bc.auth().type());
        assertEquals("app-1", bc.auth().clientId().orElseThrow());
        assertEquals(SECRET, bc.auth().clientSecret().orElseThrow());
        assertEquals(
                "https://api.businesscentral.dynamics.com/.default", bc.auth().scope());
        assertEquals(Optional.empty(), endpoints.odata("default"));
    }

    @Test
    void refusesAnODataEndpointWithoutItsCredentialsWithoutShowingAnySecret() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> endpoints(
                        Map.of(),
                        Map.of(
                                "erplink.batch.endpoints.bc.protocol", "odata-v4",
                                "erplink.batch.endpoints.bc.url", "https://bc.example.com/ODataV4",
                                "erplink.batch.endpoints.bc.auth.type", "oauth2",
                                "erplink.batch.endpoints.bc.auth.client-id", "app-1",
                                "erplink.batch.endpoints.bc.auth.client-secret", SECRET)));
        assertEquals(
                "erplink.batch.endpoints.bc.auth.type=oauth2 needs auth.token-url, auth.client-id and auth.client-secret",
                e.getMessage());
        IllegalStateException basic = assertThrows(
                IllegalStateException.class,
                () -> endpoints(
                        Map.of(),
                        Map.of(
                                "erplink.batch.endpoints.bc.protocol", "odata-v4",
                                "erplink.batch.endpoints.bc.url", "https://bc.example.com/ODataV4",
                                "erplink.batch.endpoints.bc.auth.type", "basic",
                                "erplink.batch.endpoints.bc.auth.password", SECRET)));
        assertFalse(basic.getMessage().contains(SECRET), basic.getMessage());
        IllegalStateException noSecret = assertThrows(
                IllegalStateException.class,
                () -> endpoints(Map.of(), Map.of("erplink.batch.endpoints.second.url", "https://erp2.example.com/c")));
        assertTrue(
                noSecret.getMessage().contains("secret is required for a connector-xml endpoint"),
                noSecret.getMessage());
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
