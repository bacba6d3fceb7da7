package io.erplink.orderqueue.tracing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Tracing switched on (it is off by default), spans kept in memory. */
public class TracingProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.otel.sdk.disabled", "false");
    }
}
