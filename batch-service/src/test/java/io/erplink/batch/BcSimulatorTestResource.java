package io.erplink.batch;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import io.erplink.testsupport.ErpSimulatorTestResource;

/**
 * The erp-simulator's Business Central OData v4 service ({@code /bc}) as two OData endpoints of
 * batch-service, both with OAuth client credentials against the simulator's token endpoint:
 * {@value #ENDPOINT} (company {@value #COMPANY}) and {@value #OBRIEN} (company {@value #OBRIEN_COMPANY},
 * every character that needs escaping in a company path), and {@value #BASIC} (company {@value #COMPANY}
 * with Basic authentication, answered when the simulator runs with {@code erplink.simulator.bc.basic-auth}). Init args go to the simulator as for
 * {@link ErpSimulatorTestResource}.
 */
public class BcSimulatorTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String ENDPOINT = "bc";
    public static final String OBRIEN = "bcobrien";
    /** The same company through Basic authentication (BC on-premises), when the simulator accepts it. */
    public static final String BASIC = "bcbasic";

    public static final String BASIC_USER = "ERPLINK";
    public static final String COMPANY = "CRONUS USA, Inc.";
    public static final String OBRIEN_COMPANY = "O'Brien & Sons, 100% / Café";
    public static final String TENANT = "tenant-1";
    public static final String CLIENT_ID = "erplink-bc-simulator";

    private final ErpSimulatorTestResource simulator = new ErpSimulatorTestResource();

    @Override
    public void init(Map<String, String> initArgs) {
        Map<String, String> args = new HashMap<>(initArgs);
        args.put(ErpSimulatorTestResource.ENDPOINT, ENDPOINT);
        simulator.init(args);
    }

    @Override
    public Map<String, String> start() {
        simulator.start();
        String base = ErpSimulatorTestResource.adminUrl(ENDPOINT);
        Map<String, String> config = new HashMap<>();
        String tokenUrl = base + "/bc/" + URLEncoder.encode(TENANT, StandardCharsets.UTF_8) + "/oauth2/v2.0/token";
        Map<String, String> oauth = Map.of(
                "auth.type",
                "oauth2",
                "auth.token-url",
                tokenUrl,
                "auth.client-id",
                CLIENT_ID,
                "auth.client-secret",
                clientSecret());
        endpoint(config, ENDPOINT, base, COMPANY, oauth);
        endpoint(config, OBRIEN, base, OBRIEN_COMPANY, oauth);
        endpoint(
                config,
                BASIC,
                base,
                COMPANY,
                Map.of("auth.type", "basic", "auth.username", BASIC_USER, "auth.password", clientSecret()));
        return config;
    }

    private static void endpoint(
            Map<String, String> config, String name, String base, String company, Map<String, String> auth) {
        String prefix = "erplink.batch.endpoints." + name + ".";
        config.put(prefix + "protocol", "odata-v4");
        config.put(prefix + "url", base + "/bc/v2.0/" + TENANT + "/production/ODataV4");
        config.put(prefix + "company", company);
        config.put(prefix + "max-page-size", "100");
        auth.forEach((key, value) -> config.put(prefix + key, value));
    }

    /** The simulator's OAuth client secret (its signing secret). */
    public static String clientSecret() {
        return ErpSimulatorTestResource.secret(ENDPOINT);
    }

    /** The simulator's base URL (admin API under {@code /admin/bc}). */
    public static String baseUrl() {
        return ErpSimulatorTestResource.adminUrl(ENDPOINT);
    }

    @Override
    public void stop() {
        simulator.stop();
    }
}
