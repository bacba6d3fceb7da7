package io.erplink.kit.health;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16 (e2e: a readiness probe got no answer within its 10 s while the broker was down): with no
 * broker the check answers DOWN, with its reason, within its timeout. UP against a running broker: each
 * Kafka service's {@code ServiceSkeletonTest} (a readiness check named Kafka must be UP).
 */
class KafkaReadinessCheckTest {

    @Test
    void aBrokerThatIsDownIsReportedDownWithItsReasonWithinTheTimeout() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        KafkaReadinessCheck check =
                new KafkaReadinessCheck(Map.of("bootstrap.servers", "localhost:" + port), Duration.ofSeconds(1));
        try {
            long started = System.nanoTime();
            HealthCheckResponse response = check.call();
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
            assertEquals(KafkaReadinessCheck.NAME, response.getName());
            String reason = String.valueOf(response.getData().orElseThrow().get("reason"));
            assertTrue(reason.startsWith("the broker did not answer within 1000 ms"), reason);
            assertTrue(millis < 3000, "answered in " + millis + " ms");
        } finally {
            check.close();
        }
    }
}
