package io.erplink.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17: nothing secret is logged. After an import and an order through an ERP outage (retries,
 * errors, the queue, every service logging what went wrong), no log of any process of the suite holds
 * the shared ERP signing secret or the storefront API key.
 */
@ExtendWith(SuiteExtension.class)
class SecretsStayOutOfLogsTest {

    @AfterEach
    void clearFaults() {
        Simulator.clearFaults(SuiteExtension.suite());
    }

    @Test
    void theErpSecretAndTheApiKeyAreInNoLogAfterARunAndAnOrderThroughAnOutage() throws Exception {
        Suite suite = SuiteExtension.suite();
        suite.startOrderServices();
        ServedMetricsTest.exerciseThroughAnOutage(suite);

        Map<String, String> secrets = Map.of("the ERP secret", suite.secret(), "the storefront API key", Suite.API_KEY);
        List<Path> logs;
        try (Stream<Path> files = Files.list(Path.of("target", "e2e-logs"))) {
            logs = files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
        List<String> names = logs.stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(
                names.containsAll(List.of(
                        "live-service.log", "order-queue-service.log", "mapping-service.log", "erp-simulator.log")),
                "the services' logs: " + names);
        List<String> leaks = new ArrayList<>();
        long bytes = 0;
        for (Path log : logs) {
            String text = Files.readString(log);
            bytes += text.length();
            secrets.forEach((what, secret) -> {
                if (text.contains(secret)) {
                    leaks.add(log.getFileName() + " holds " + what);
                }
            });
        }
        assertEquals(List.of(), leaks);
        assertTrue(bytes > 10_000, "the logs were read (" + bytes + " characters)");
    }
}
