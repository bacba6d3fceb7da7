package io.erplink.kit.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Identifier;

/**
 * Readiness on the Kafka broker, answered within {@code erplink.kafka.readiness.timeout}. Quarkus's own
 * Kafka check ({@code quarkus.kafka.health.enabled}) waits for the admin client's default API timeout
 * (60 s) while the broker is down, so a readiness probe got no answer at all instead of a DOWN; this one
 * asks with a bounded timeout and says why it is DOWN. One admin client for the life of the service: it
 * reconnects by itself when the broker is back.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "erplink.kafka.readiness.enabled", stringValue = "true", enableIfMissing = true)
public class KafkaReadinessCheck implements HealthCheck {
    static final String NAME = "Kafka broker";

    private final Admin admin;
    private final Duration timeout;

    @Inject
    KafkaReadinessCheck(@Identifier("default-kafka-broker") Map<String, Object> kafka, KafkaReadinessConfig config) {
        this(kafka, config.timeout());
    }

    KafkaReadinessCheck(Map<String, Object> kafka, Duration timeout) {
        this.timeout = timeout;
        Map<String, Object> settings = new HashMap<>();
        for (String key : AdminClientConfig.configNames()) {
            if (kafka.containsKey(key)) {
                settings.put(key, kafka.get(key));
            }
        }
        String millis = Long.toString(timeout.toMillis());
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        settings.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "erplink-readiness");
        this.admin = Admin.create(settings);
    }

    @Override
    public HealthCheckResponse call() {
        long millis = timeout.toMillis();
        try {
            String nodes = admin
                    .describeCluster(new DescribeClusterOptions().timeoutMs((int) millis))
                    .nodes()
                    .get(millis + 500, TimeUnit.MILLISECONDS)
                    .stream()
                    .map(Node::toString)
                    .collect(Collectors.joining(","));
            return HealthCheckResponse.named(NAME).up().withData("nodes", nodes).build();
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return HealthCheckResponse.named(NAME)
                    .down()
                    .withData(
                            "reason",
                            "the broker did not answer within " + millis + " ms: "
                                    + cause.getClass().getSimpleName()
                                    + (cause.getMessage() == null ? "" : " " + cause.getMessage()))
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResponse.named(NAME)
                    .down()
                    .withData("reason", "interrupted")
                    .build();
        }
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
