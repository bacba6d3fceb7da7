package io.erplink.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tracing, log format and the optional KEDA autoscaling as the chart renders them: JSON logs on and
 * tracing off by default, the OTLP settings when tracing is switched on, and the two ScaledObjects
 * (batch-service on the due-run backlog, mapping-service on the lag of batch.records) in place of the
 * CPU HPA, never beside it.
 */
class ObservabilityChartTest {
    private static final List<String> KIT_SERVICES =
            List.of("live-service", "batch-service", "mapping-service", "order-queue-service");

    @Test
    void jsonLogsAreOnAndTracingOffByDefault() {
        List<HasMetadata> prod = render(Map.of());
        for (String component : KIT_SERVICES) {
            Map<String, String> data = HelmChartTest.configMap(prod, component).getData();
            assertEquals("true", data.get("QUARKUS_LOG_CONSOLE_JSON_ENABLED"), component);
            assertNull(data.get("QUARKUS_OTEL_SDK_DISABLED"), component + ": the service's own default (off) applies");
            assertNull(data.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT"), component);
        }
        assertNull(
                HelmChartTest.configMap(prod, "operator-console").getData().get("QUARKUS_LOG_CONSOLE_JSON_ENABLED"),
                "the console has no JSON formatter to switch on");
    }

    @Test
    void tracingSendsEveryServicesSpansToTheCollector() {
        List<HasMetadata> prod = render(Map.of(
                "tracing.enabled", "true",
                "tracing.otlpEndpoint", "http://otel-collector.monitoring:4318",
                "tracing.protocol", "http/protobuf",
                "logging.json", "false"));
        for (String component : KIT_SERVICES) {
            Map<String, String> data = HelmChartTest.configMap(prod, component).getData();
            assertEquals("false", data.get("QUARKUS_OTEL_SDK_DISABLED"), component);
            assertEquals("http://otel-collector.monitoring:4318", data.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT"));
            assertEquals("http/protobuf", data.get("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL"));
            assertEquals("false", data.get("QUARKUS_LOG_CONSOLE_JSON_ENABLED"));
        }
    }

    @Test
    void tracingWithoutACollectorIsRefused() {
        Exception e = assertThrows(Exception.class, () -> render(Map.of("tracing.enabled", "true")));
        assertTrue(e.getMessage().contains("tracing.otlpEndpoint is required"), e.getMessage());
        Exception protocol = assertThrows(Exception.class, () -> render(Map.of("tracing.protocol", "zipkin")));
        assertTrue(protocol.getMessage().contains("/tracing/protocol': value must be one of"), protocol.getMessage());
    }

    @Test
    void kedaScalesBatchWorkersOnTheDueRunBacklogAndMappingOnTheLagOfBatchRecords() {
        Map<String, String> sets = new HashMap<>();
        sets.put("batchService.autoscaling.enabled", "false");
        sets.put("batchService.keda.enabled", "true");
        sets.put("batchService.keda.prometheusServerAddress", "http://prometheus-operated.monitoring:9090");
        sets.put("batchService.keda.maxReplicaCount", "6");
        sets.put("mappingService.keda.enabled", "true");
        sets.put("mappingService.keda.authenticationRef", "kafka-scram");
        List<ObjectNode> objects =
                Manifests.parse(HelmChart.template(HelmChartTest.variant("production"), sets), "keda");
        List<ObjectNode> scaled = objects.stream()
                .filter(o -> Manifests.kind(o).equals("ScaledObject"))
                .toList();
        List<ObjectNode> rest = new ArrayList<>(objects);
        rest.removeAll(scaled);
        List<HasMetadata> typed = KubernetesValidator.validateAll(rest, "keda");

        assertEquals(
                List.of("erplink-batch-service", "erplink-mapping-service"),
                scaled.stream()
                        .map(o -> o.path("metadata").path("name").asText())
                        .sorted()
                        .toList());
        for (ObjectNode object : scaled) {
            assertEquals("keda.sh/v1alpha1", object.path("apiVersion").asText());
            JsonNode target = object.path("spec").path("scaleTargetRef");
            assertEquals("Deployment", target.path("kind").asText());
            assertEquals(
                    object.path("metadata").path("name").asText(),
                    target.path("name").asText());
            object.path("spec")
                    .path("triggers")
                    .forEach(trigger -> trigger.path("metadata")
                            .forEach(value ->
                                    assertTrue(value.isTextual(), "KEDA trigger metadata are strings: " + trigger)));
        }
        JsonNode batch = scaledObject(scaled, "erplink-batch-service").path("spec");
        assertEquals(1, batch.path("minReplicaCount").asInt());
        assertEquals(6, batch.path("maxReplicaCount").asInt());
        JsonNode backlog = batch.path("triggers").get(0);
        assertEquals("prometheus", backlog.path("type").asText());
        assertEquals(
                "http://prometheus-operated.monitoring:9090",
                backlog.path("metadata").path("serverAddress").asText());
        assertEquals(
                "max(erplink_batch_runs_due{namespace=\"erplink\"})",
                backlog.path("metadata").path("query").asText());
        assertEquals("2", backlog.path("metadata").path("threshold").asText());
        JsonNode lag = scaledObject(scaled, "erplink-mapping-service")
                .path("spec")
                .path("triggers")
                .get(0);
        assertEquals("kafka", lag.path("type").asText());
        assertEquals(
                "mapping-service", lag.path("metadata").path("consumerGroup").asText());
        assertEquals("prod.batch.records", lag.path("metadata").path("topic").asText(), "the topic prefix applies");
        assertEquals("50", lag.path("metadata").path("lagThreshold").asText());
        assertTrue(lag.path("metadata").path("bootstrapServers").asText().startsWith("kafka-0.kafka.data.svc:9093,"));
        assertEquals("kafka-scram", lag.path("authenticationRef").path("name").asText());

        List<String> hpas = Policies.of(typed, HorizontalPodAutoscaler.class).stream()
                .map(h -> h.getMetadata().getName())
                .collect(Collectors.toList());
        assertFalse(hpas.contains("erplink-batch-service"), "KEDA owns the workers' HPA: " + hpas);
        assertTrue(hpas.contains("erplink-live-service"), "other services keep their CPU HPA: " + hpas);
        assertNull(HelmChartTest.deployment(typed, "batch-service").getSpec().getReplicas(), "KEDA owns the replicas");
        assertNull(HelmChartTest.deployment(typed, "mapping-service").getSpec().getReplicas());
    }

    @Test
    void kedaAndTheCpuHpaExcludeEachOther() {
        Exception e = assertThrows(
                Exception.class,
                () -> render(Map.of(
                        "batchService.keda.enabled",
                        "true",
                        "batchService.keda.prometheusServerAddress",
                        "http://prometheus:9090")));
        assertTrue(
                e.getMessage()
                        .contains("batchService.autoscaling.enabled and batchService.keda.enabled exclude each other"),
                e.getMessage());
        Exception noPrometheus = assertThrows(
                Exception.class,
                () -> render(Map.of("batchService.autoscaling.enabled", "false", "batchService.keda.enabled", "true")));
        assertTrue(
                noPrometheus.getMessage().contains("batchService.keda.prometheusServerAddress is required"),
                noPrometheus.getMessage());
    }

    @Test
    void kedaIsOffByDefault() {
        List<ObjectNode> objects =
                Manifests.parse(HelmChart.template(HelmChartTest.variant("production"), Map.of()), "prod");
        assertEquals(
                List.of(),
                objects.stream()
                        .filter(o -> Manifests.kind(o).equals("ScaledObject"))
                        .toList());
    }

    private static List<HasMetadata> render(Map<String, String> sets) {
        return KubernetesValidator.validateAll(
                Manifests.parse(HelmChart.template(HelmChartTest.variant("production"), sets), "production"),
                "production");
    }

    private static JsonNode scaledObject(List<ObjectNode> scaled, String name) {
        return scaled.stream()
                .filter(o -> o.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
