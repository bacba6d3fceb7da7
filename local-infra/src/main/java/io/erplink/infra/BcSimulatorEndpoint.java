package io.erplink.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The batch-service endpoint {@code bc}: the simulator's Business Central (OData v4 under {@code /bc},
 * OAuth 2.0 client credentials against its token endpoint), set up the way docs/operations.md section 7
 * sets up a real one, so the local run and the e2e suite can run Business Central activities.
 */
public final class BcSimulatorEndpoint {
    /** The endpoint's name, as activities name it. */
    public static final String NAME = "bc";
    /** A company the simulator has (its first default). */
    public static final String COMPANY = "CRONUS USA, Inc.";
    /** The OAuth client the simulator accepts (its default); the client secret is the simulator's secret. */
    public static final String CLIENT_ID = "erplink-bc-simulator";

    private static final String TENANT = "local";

    private BcSimulatorEndpoint() {}

    /**
     * batch-service's environment for the endpoint.
     *
     * @param simulatorUrl the simulator's base URL, e.g. {@code http://localhost:8090}
     * @param secret       the simulator's secret ({@code ERPLINK_SIMULATOR_SECRET}), its OAuth client secret
     */
    public static Map<String, String> batchEnv(String simulatorUrl, String secret) {
        String prefix = "ERPLINK_BATCH_ENDPOINTS_BC_";
        Map<String, String> env = new LinkedHashMap<>();
        env.put(prefix + "PROTOCOL", "odata-v4");
        env.put(prefix + "URL", simulatorUrl + "/bc/v2.0/" + TENANT + "/production/ODataV4");
        env.put(prefix + "COMPANY", COMPANY);
        env.put(prefix + "AUTH_TYPE", "oauth2");
        env.put(prefix + "AUTH_TOKEN_URL", simulatorUrl + "/bc/" + TENANT + "/oauth2/v2.0/token");
        env.put(prefix + "AUTH_CLIENT_ID", CLIENT_ID);
        env.put(prefix + "AUTH_CLIENT_SECRET", secret);
        return env;
    }
}
