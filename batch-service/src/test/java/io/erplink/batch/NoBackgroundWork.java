package io.erplink.batch;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * This replica's workers and scheduler off, so only the test touches runs (the API, or the run store
 * itself); a run is claimed at most twice; Business Central's limits on the default endpoint's call
 * budget. One profile for the tests that need any of it (ApiContractTest, DatabaseFailureTest,
 * ConcurrentClaimTest, ErpEndpointResourceTest): with the same test resources they share one Quarkus
 * build and one start, and none of them calls the ERP.
 */
public class NoBackgroundWork implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "erplink.batch.worker.enabled", "false",
                "erplink.batch.scheduling.enabled", "false",
                "erplink.batch.worker.max-attempts", "2",
                "erplink.erp.budget.endpoints.default.permits-per-window", "6000",
                "erplink.erp.budget.endpoints.default.window", "5m",
                "erplink.erp.budget.endpoints.default.concurrency", "5");
    }
}
