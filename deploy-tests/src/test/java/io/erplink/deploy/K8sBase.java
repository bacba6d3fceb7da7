package io.erplink.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * k8s/base generated from the chart: `helm template` with the documented values
 * (ci/default-values.yaml and the base's ERP URL), minus what only Helm adds (the namespace, the
 * helm.sh/chart label, the checksum/config annotation), managed-by kustomize, one file per
 * component. `k8s/generate-base.sh` runs {@link #main}; K8sBaseTest fails when k8s/base differs.
 */
public final class K8sBase {

    static final Path DIRECTORY = HelmChart.ROOT.resolve("k8s/base");
    static final Path VALUES = HelmChart.CHART.resolve("ci/default-values.yaml");
    /** The ERP URL the base carries (the chart has no default for it). */
    static final String ERP_URL = "http://erp-connector:8080/connector";

    static final String GENERATED = "# Generated from helm/erplink by k8s/generate-base.sh: helm template with\n"
            + "# helm/erplink/ci/default-values.yaml --set erp.url=" + ERP_URL + "\n"
            + "# Do not edit: change the chart and run the script; deploy-tests (K8sBaseTest) fails\n"
            + "# when this file differs from a fresh render.\n";

    private static final String KUSTOMIZATION_HEAD = """
            # erplink without Helm: the chart's defaults (helm/erplink/values.yaml) as plain manifests.
            #   kubectl create namespace erplink
            #   kubectl -n erplink create secret generic erplink-secrets \\
            #     --from-literal=database-password='...' --from-literal=erp-secret='...'
            #   kubectl apply -n erplink -k k8s/base        # or an overlay: kubectl apply -k k8s/overlays/production
            # Before applying the base, point the ConfigMaps at your PostgreSQL, Kafka and ERP connector
            # (QUARKUS_DATASOURCE_JDBC_URL, KAFKA_BOOTSTRAP_SERVERS, ERPLINK_ERP_URL) or do it in an overlay.
            """;

    private static final YAMLMapper WRITER = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private K8sBase() {}

    /** Writes k8s/base afresh. Argument: the repository root (default: erplink.root or ..). */
    public static void main(String[] args) throws IOException {
        Map<String, String> files = render();
        try (var old = Files.list(DIRECTORY)) {
            for (Path f : old.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.delete(f);
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(DIRECTORY.resolve(file.getKey()), file.getValue());
        }
        System.out.println("k8s/base: wrote " + files.keySet());
    }

    /** File name to content, as the script writes them: one file per component, plus kustomization.yaml. */
    static Map<String, String> render() {
        List<ObjectNode> objects = Manifests.parse(HelmChart.template(VALUES, Map.of("erp.url", ERP_URL)), "chart");
        Map<String, List<ObjectNode>> byFile = new TreeMap<>();
        for (ObjectNode o : objects) {
            ObjectNode plain = withoutHelm(o);
            String component = plain.path("metadata")
                    .path("labels")
                    .path("app.kubernetes.io/component")
                    .asText(null);
            String file = (component == null ? Manifests.kind(plain).toLowerCase() : component) + ".yaml";
            byFile.computeIfAbsent(file, f -> new ArrayList<>()).add(plain);
        }
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder kustomization = new StringBuilder(KUSTOMIZATION_HEAD)
                .append(GENERATED)
                .append("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n");
        byFile.keySet().forEach(f -> kustomization.append("  - ").append(f).append('\n'));
        files.put("kustomization.yaml", kustomization.toString());
        byFile.forEach((file, list) -> {
            StringBuilder text = new StringBuilder(GENERATED);
            for (int i = 0; i < list.size(); i++) {
                text.append(i == 0 ? "" : "---\n").append(yaml(list.get(i)));
            }
            files.put(file, text.toString());
        });
        return files;
    }

    /** The object without what only Helm adds, labelled as managed by kustomize. */
    static ObjectNode withoutHelm(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        ObjectNode metadata = (ObjectNode) copy.get("metadata");
        metadata.remove("namespace");
        relabel(metadata.get("labels"));
        if (copy.at("/spec/template/metadata") instanceof ObjectNode template) {
            relabel(template.get("labels"));
            if (template.get("annotations") instanceof ObjectNode annotations) {
                annotations.remove("checksum/config");
                if (annotations.isEmpty()) {
                    template.remove("annotations");
                }
            }
        }
        return copy;
    }

    private static void relabel(JsonNode labels) {
        if (labels instanceof ObjectNode l) {
            l.remove("helm.sh/chart");
            if (l.has("app.kubernetes.io/managed-by")) {
                l.put("app.kubernetes.io/managed-by", "kustomize");
            }
        }
    }

    private static String yaml(JsonNode object) {
        try {
            return WRITER.writeValueAsString(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
