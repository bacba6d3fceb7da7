package io.erplink.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * k8s/: the kustomize base and the production overlay, built offline (OfflineKustomize: no
 * kustomize binary on Maven Central) and put through the same validation as the chart.
 */
class KustomizeManifestsTest {

    static final Path K8S = HelmChart.ROOT.resolve("k8s");
    /** The ERP URL the base carries (the chart has no default for it). */
    static final String BASE_ERP_URL = "http://erp-connector:8080/connector";

    static List<HasMetadata> validated(String what, List<ObjectNode> objects) {
        List<HasMetadata> typed = KubernetesValidator.validateAll(objects, what);
        List<String> problems = new ArrayList<>(Policies.references(typed));
        Policies.podSpecs(typed).forEach((where, spec) -> problems.addAll(Policies.restrictedPss(where, spec)));
        for (Deployment d : Policies.of(typed, Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                problems.addAll(Policies.serviceContainer(
                        "Deployment/" + d.getMetadata().getName(), c));
            }
        }
        assertEquals(List.of(), problems, what);
        Map<String, Long> kinds = typed.stream()
                .collect(Collectors.groupingBy(HasMetadata::getKind, TreeMap::new, Collectors.counting()));
        System.out.printf("k8s %s: %d objects validated %s%n", what, typed.size(), kinds);
        return typed;
    }

    @Test
    void baseIsValidAndRestricted() throws Exception {
        List<HasMetadata> base = validated("base", new OfflineKustomize().build(K8S.resolve("base")));
        assertEquals(4, Policies.of(base, Deployment.class).size());
        for (HasMetadata o : base) {
            assertEquals("kustomize", o.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
            assertNull(o.getMetadata().getNamespace(), "the base leaves the namespace to kubectl -n or an overlay");
        }
    }

    @Test
    void baseEqualsTheChartDefaults() throws Exception {
        Map<String, JsonNode> base = normalized(new OfflineKustomize().build(K8S.resolve("base")));
        Map<String, JsonNode> chart = normalized(Manifests.parse(
                HelmChart.template(HelmChart.CHART.resolve("ci/default-values.yaml"), Map.of("erp.url", BASE_ERP_URL)),
                "chart"));
        assertEquals(chart.keySet(), base.keySet(), "the same objects");
        for (String id : chart.keySet()) {
            assertEquals(chart.get(id), base.get(id), id + " differs between k8s/base and the chart's defaults");
        }
    }

    @Test
    void productionOverlayPatchesExistingObjectsAndStaysValid() throws Exception {
        OfflineKustomize kustomize = new OfflineKustomize();
        List<HasMetadata> prod = validated("overlays/production", kustomize.build(K8S.resolve("overlays/production")));
        System.out.println("k8s overlays/production patches applied: " + kustomize.applied);
        assertEquals(
                List.of(
                        "ConfigMap/erplink-batch-service",
                        "ConfigMap/erplink-live-service",
                        "ConfigMap/erplink-mapping-service",
                        "ConfigMap/erplink-order-queue-service"),
                kustomize.applied.get("patches/connections.yaml").stream()
                        .sorted()
                        .toList());
        assertEquals(3, kustomize.applied.get("patches/erp-url.yaml").size());
        for (HasMetadata o : prod) {
            assertEquals(
                    "erplink",
                    o.getMetadata().getNamespace(),
                    o.getKind() + "/" + o.getMetadata().getName());
        }
        var hpas = Policies.of(prod, io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class);
        assertEquals(
                List.of("erplink-batch-service", "erplink-live-service"),
                hpas.stream().map(h -> h.getMetadata().getName()).sorted().toList());
        assertEquals(
                4,
                Policies.of(prod, io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class)
                        .size());
        for (Deployment d : Policies.of(prod, Deployment.class)) {
            String component = d.getMetadata().getLabels().get("app.kubernetes.io/component");
            assertEquals(
                    "registry.example.com/erplink/" + component + ":0.1.0",
                    d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        }
        ConfigMap live = Policies.of(prod, ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals("erplink-live-service"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "https://erp-connector.internal.example.com/connector",
                live.getData().get("ERPLINK_ERP_URL"));
        ConfigMap mapping = Policies.of(prod, ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals("erplink-mapping-service"))
                .findFirst()
                .orElseThrow();
        assertTrue(mapping.getData().get("QUARKUS_DATASOURCE_JDBC_URL").startsWith("jdbc:postgresql://pg-primary"));
        assertNull(mapping.getData().get("ERPLINK_ERP_URL"), "mapping-service never calls the ERP");
        for (String component : List.of("batch-service", "mapping-service", "order-queue-service")) {
            ConfigMap config = Policies.of(prod, ConfigMap.class).stream()
                    .filter(c -> c.getMetadata().getName().equals("erplink-" + component))
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    "file:/etc/erplink/jwt/public-key.pem",
                    config.getData().get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"),
                    component);
            assertEquals(
                    "https://login.example.com/realms/erplink", config.getData().get("ERPLINK_JWT_ISSUER"), component);
            Deployment d = Policies.of(prod, Deployment.class).stream()
                    .filter(x -> x.getMetadata().getName().equals("erplink-" + component))
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    "erplink-operator-jwt-public",
                    d.getSpec().getTemplate().getSpec().getVolumes().stream()
                            .filter(v -> v.getName().equals("jwt-key"))
                            .findFirst()
                            .orElseThrow()
                            .getConfigMap()
                            .getName(),
                    component);
            assertTrue(
                    d.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts().stream()
                            .anyMatch(m -> m.getName().equals("jwt-key")
                                    && m.getMountPath().equals("/etc/erplink/jwt")
                                    && Boolean.TRUE.equals(m.getReadOnly())),
                    component);
        }
        assertEquals(
                3, kustomize.applied.get("patches/operator-jwt-volume.yaml").size());
    }

    @Test
    void aPatchOnAMissingFieldFailsLikeKustomize() {
        ObjectNode cm = Manifests.parse("{apiVersion: v1, kind: ConfigMap, metadata: {name: x}, data: {A: b}}", "test")
                .get(0);
        JsonNode op = Manifests.parse("{op: replace, path: /data/MISSING, value: c}", "op")
                .get(0);
        AssertionError e = assertThrows(AssertionError.class, () -> OfflineKustomize.apply(cm, op, "test"));
        assertTrue(e.getMessage().contains("no such field"), e.getMessage());
    }

    /**
     * "Kind/name" -> the object without what only Helm or only kustomize adds: the namespace, the
     * helm.sh/chart and managed-by labels, the config checksum annotation, and the chart's test hooks.
     */
    static Map<String, JsonNode> normalized(List<ObjectNode> objects) {
        Map<String, JsonNode> result = new TreeMap<>();
        for (ObjectNode o : objects) {
            ObjectNode copy = o.deepCopy();
            ObjectNode metadata = (ObjectNode) copy.get("metadata");
            metadata.remove("namespace");
            stripLabels((ObjectNode) metadata.get("labels"));
            JsonNode template = copy.at("/spec/template/metadata");
            if (template instanceof ObjectNode t) {
                stripLabels((ObjectNode) t.get("labels"));
                if (t.get("annotations") instanceof ObjectNode a) {
                    a.remove("checksum/config");
                    if (a.isEmpty()) {
                        t.remove("annotations");
                    }
                }
            }
            result.put(Manifests.id(copy), copy);
        }
        return result;
    }

    private static void stripLabels(ObjectNode labels) {
        if (labels != null) {
            labels.remove("helm.sh/chart");
            labels.remove("app.kubernetes.io/managed-by");
        }
    }
}
