package io.erplink.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
 * k8s/: the kustomize base and the production overlay, built with the real `kubectl kustomize` and
 * put through the same validation as the chart; the overlay's patches are also checked strictly
 * (OverlayPatches).
 */
class KustomizeManifestsTest {

    static final Path K8S = HelmChart.ROOT.resolve("k8s");

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
        List<HasMetadata> base = validated("base", Kustomize.build(K8S.resolve("base")));
        assertEquals(4, Policies.of(base, Deployment.class).size());
        for (HasMetadata o : base) {
            assertEquals("kustomize", o.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
            assertNull(o.getMetadata().getNamespace(), "the base leaves the namespace to kubectl -n or an overlay");
        }
    }

    @Test
    void productionOverlayPatchesExistingObjectsAndStaysValid() throws Exception {
        OverlayPatches kustomize = OverlayPatches.check(K8S, K8S.resolve("overlays/production"));
        List<HasMetadata> prod = validated("overlays/production", kustomize.rendered);
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

    /** A Deployment whose three containers name an image on a registry with a port. */
    private static final String REGISTRY_PORT_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app}
            spec:
              template:
                spec:
                  containers:
                    - {name: untagged, image: registry:5000/img}
                    - {name: tagged, image: "registry:5000/img:1.0"}
                    - {name: pinned, image: "registry:5000/img@sha256:%s"}
                    - {name: other, image: "registry:5000/other:1.0"}
            """.formatted("0".repeat(64));

    @Test
    void anImageOnARegistryWithAPortIsRetaggedWithoutTakingThePortForATag(@TempDir Path dir) throws Exception {
        write(dir, "app.yaml", REGISTRY_PORT_DEPLOYMENT);
        write(dir, "kustomization.yaml", """
                resources: [app.yaml]
                images:
                  - {name: "registry:5000/img", newName: "mirror:5443/team/img", newTag: "2.0"}
                """);

        assertEquals(
                List.of(
                        "mirror:5443/team/img:2.0",
                        "mirror:5443/team/img:2.0",
                        "mirror:5443/team/img:2.0",
                        "registry:5000/other:1.0"),
                images(Kustomize.build(dir)));
    }

    @Test
    void anImagePinnedByDigestGetsTheNewDigest(@TempDir Path dir) throws Exception {
        String digest = "sha256:" + "1".repeat(64);
        write(dir, "app.yaml", REGISTRY_PORT_DEPLOYMENT);
        write(dir, "kustomization.yaml", """
                resources: [app.yaml]
                images:
                  - {name: "registry:5000/img", digest: "%s"}
                """.formatted(digest));

        assertEquals(
                List.of(
                        "registry:5000/img@" + digest,
                        "registry:5000/img@" + digest,
                        "registry:5000/img@" + digest,
                        "registry:5000/other:1.0"),
                images(Kustomize.build(dir)));
    }

    @Test
    void aPatchReplacingAMissingFieldFailsTheCheckThoughKustomizeAddsIt(@TempDir Path tree) throws Exception {
        Path overlay = overlayWithPatch(tree, "- {op: replace, path: /data/MISSING, value: c}", "name: settings");

        assertEquals(
                "c",
                Manifests.find(Kustomize.build(overlay), "ConfigMap", "settings")
                        .at("/data/MISSING")
                        .asText(),
                "kustomize alone lets the typo through");
        AssertionError e = assertThrows(AssertionError.class, () -> OverlayPatches.check(tree, overlay));
        assertTrue(e.getMessage().contains("patch patch.yaml on ConfigMap/settings"), e.getMessage());
    }

    @Test
    void aPatchWhoseTargetMatchesNothingFailsTheCheck(@TempDir Path tree) throws Exception {
        Path overlay = overlayWithPatch(tree, "- {op: replace, path: /data/A, value: c}", "name: renamed");

        AssertionError e = assertThrows(AssertionError.class, () -> OverlayPatches.check(tree, overlay));
        assertTrue(e.getMessage().contains("patch patch.yaml targets no object"), e.getMessage());
    }

    @Test
    void aPatchThatAppliesIsReportedPerObject(@TempDir Path tree) throws Exception {
        Path overlay = overlayWithPatch(tree, "- {op: replace, path: /data/A, value: c}", "kind: ConfigMap");

        OverlayPatches checked = OverlayPatches.check(tree, overlay);

        assertEquals(Map.of("patch.yaml", List.of("ConfigMap/settings")), checked.applied);
        assertEquals(
                "c",
                Manifests.find(checked.rendered, "ConfigMap", "settings")
                        .at("/data/A")
                        .asText());
    }

    /** tree/base with ConfigMap "settings", tree/overlay patching it with {@code patch} at {@code target}. */
    private static Path overlayWithPatch(Path tree, String patch, String target) throws IOException {
        write(
                tree.resolve("base"),
                "settings.yaml",
                "{apiVersion: v1, kind: ConfigMap, metadata: {name: settings}, data: {A: b}}\n");
        write(tree.resolve("base"), "kustomization.yaml", "resources: [settings.yaml]\n");
        write(tree.resolve("overlay"), "patch.yaml", patch + "\n");
        write(tree.resolve("overlay"), "kustomization.yaml", """
                resources: [../base]
                patches:
                  - path: patch.yaml
                    target: {%s}
                """.formatted(target));
        return tree.resolve("overlay");
    }

    private static void write(Path dir, String name, String content) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), content);
    }

    private static List<String> images(List<ObjectNode> objects) {
        List<String> images = new ArrayList<>();
        Manifests.find(objects, "Deployment", "app")
                .at("/spec/template/spec/containers")
                .forEach(c -> images.add(c.path("image").asText()));
        return images;
    }
}
