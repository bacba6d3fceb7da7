package io.erplink.orderqueue;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Settings an operator changes, in one profile so their tests share one application start: the
 * operator API opened for a local demo, and a short hard ceiling for CreateOrder calls.
 */
public class OperatorSettingsProfile implements QuarkusTestProfile {
    /** The CreateOrder ceiling the profile sets, in milliseconds. */
    public static final long CREATE_CEILING_MILLIS = 1500;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "erplink.orderqueue.operator.auth-enabled",
                "false",
                "erplink.orderqueue.erp.create-ceiling-millis",
                Long.toString(CREATE_CEILING_MILLIS));
    }
}
