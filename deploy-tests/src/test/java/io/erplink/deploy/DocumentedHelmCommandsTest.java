package io.erplink.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.HasMetadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every `helm install` / `helm upgrade` command in docs/operations.md, rendered with the chart and
 * validated: the runbook's commands must work with the chart as it is.
 */
class DocumentedHelmCommandsTest {

    static final Path RUNBOOK = HelmChart.ROOT.resolve("docs/operations.md");

    /** The helm install/upgrade commands of the runbook, continuation lines joined. */
    static Stream<String> commands() throws Exception {
        List<String> commands = new ArrayList<>();
        String joined = Files.readString(RUNBOOK).replace("\\\n", " ");
        for (String line : joined.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("helm install ") || trimmed.startsWith("helm upgrade ")) {
                commands.add(trimmed.replaceAll("\\s+", " "));
            }
        }
        assertTrue(commands.size() >= 5, "the runbook's helm commands: " + commands);
        return commands.stream();
    }

    /** The Deployments every command installs: the four services. */
    static final Set<String> SERVICES = Set.of(
            "erplink-live-service", "erplink-batch-service", "erplink-mapping-service", "erplink-order-queue-service");

    static final List<String> ALL_CONFIGS = List.copyOf(SERVICES);
    /** The services that call the ERP (mapping-service never does). */
    static final List<String> ERP_CALLERS =
            List.of("erplink-live-service", "erplink-batch-service", "erplink-order-queue-service");

    /**
     * Where each setting the runbook passes with --set must land in the render: the objects (kind and
     * names) and the JSON pointer read there; "env:NAME/..." and "volume:NAME/..." start at the first
     * container's env entry or the pod's volume of that name, "data64:KEY" is a Secret's base64 value,
     * "{NAME}" in a pointer stands for the setting's value upper-cased (an endpoint's name is part of
     * its keys), and a null pointer means the setting (true) makes the object exist.
     */
    record Landing(String kind, List<String> names, String pointer) {}

    static final Map<String, Landing> LANDINGS = Map.ofEntries(
            Map.entry(
                    "secrets.existingSecret",
                    new Landing(
                            "Deployment", ALL_CONFIGS, "env:QUARKUS_DATASOURCE_PASSWORD/valueFrom/secretKeyRef/name")),
            Map.entry("database.jdbcUrl", new Landing("ConfigMap", ALL_CONFIGS, "/data/QUARKUS_DATASOURCE_JDBC_URL")),
            Map.entry("database.username", new Landing("ConfigMap", ALL_CONFIGS, "/data/QUARKUS_DATASOURCE_USERNAME")),
            Map.entry("kafka.bootstrapServers", new Landing("ConfigMap", ALL_CONFIGS, "/data/KAFKA_BOOTSTRAP_SERVERS")),
            Map.entry("erp.url", new Landing("ConfigMap", ERP_CALLERS, "/data/ERPLINK_ERP_URL")),
            Map.entry("kafka.securityProtocol", new Landing("ConfigMap", ALL_CONFIGS, "/data/KAFKA_SECURITY_PROTOCOL")),
            Map.entry("kafka.saslMechanism", new Landing("ConfigMap", ALL_CONFIGS, "/data/KAFKA_SASL_MECHANISM")),
            Map.entry(
                    "secrets.extraEnv.KAFKA_SASL_JAAS_CONFIG",
                    new Landing("Deployment", ALL_CONFIGS, "env:KAFKA_SASL_JAAS_CONFIG/valueFrom/secretKeyRef/key")),
            Map.entry(
                    "secrets.values.databasePassword",
                    new Landing("Secret", List.of("erplink-secrets"), "data64:database-password")),
            Map.entry(
                    "secrets.values.erpSecret", new Landing("Secret", List.of("erplink-secrets"), "data64:erp-secret")),
            Map.entry(
                    "liveService.extraConfigSecret.name",
                    new Landing(
                            "Deployment", List.of("erplink-live-service"), "volume:extra-config/secret/secretName")),
            Map.entry(
                    "batchService.auth.publicKeyConfigMap.name",
                    new Landing("Deployment", List.of("erplink-batch-service"), "volume:jwt-key/configMap/name")),
            Map.entry(
                    "mappingService.auth.publicKeyConfigMap.name",
                    new Landing("Deployment", List.of("erplink-mapping-service"), "volume:jwt-key/configMap/name")),
            Map.entry(
                    "batchService.auth.issuer",
                    new Landing("ConfigMap", List.of("erplink-batch-service"), "/data/ERPLINK_JWT_ISSUER")),
            Map.entry(
                    "mappingService.auth.issuer",
                    new Landing("ConfigMap", List.of("erplink-mapping-service"), "/data/ERPLINK_JWT_ISSUER")),
            Map.entry(
                    "batchService.replicaCount",
                    new Landing("Deployment", List.of("erplink-batch-service"), "/spec/replicas")),
            Map.entry(
                    "batchService.autoscaling.enabled",
                    new Landing("HorizontalPodAutoscaler", List.of("erplink-batch-service"), null)),
            Map.entry(
                    "batchService.autoscaling.maxReplicas",
                    new Landing("HorizontalPodAutoscaler", List.of("erplink-batch-service"), "/spec/maxReplicas")),
            Map.entry("tracing.enabled", new Landing("ConfigMap", ALL_CONFIGS, null)),
            Map.entry(
                    "tracing.otlpEndpoint",
                    new Landing("ConfigMap", ALL_CONFIGS, "/data/QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT")),
            Map.entry(
                    "erp.endpoints[0].name",
                    new Landing(
                            "ConfigMap", List.of("erplink-batch-service"), "/data/ERPLINK_BATCH_ENDPOINTS_{NAME}_URL")),
            Map.entry(
                    "erp.endpoints[0].url",
                    new Landing("ConfigMap", List.of("erplink-batch-service"), "/data/ERPLINK_BATCH_ENDPOINTS_BC_URL")),
            Map.entry(
                    "erp.endpoints[0].protocol",
                    new Landing(
                            "ConfigMap",
                            List.of("erplink-batch-service"),
                            "/data/ERPLINK_BATCH_ENDPOINTS_BC_PROTOCOL")),
            Map.entry(
                    "erp.endpoints[0].company",
                    new Landing(
                            "ConfigMap", List.of("erplink-batch-service"), "/data/ERPLINK_BATCH_ENDPOINTS_BC_COMPANY")),
            Map.entry(
                    "erp.endpoints[0].auth.type",
                    new Landing(
                            "ConfigMap",
                            List.of("erplink-batch-service"),
                            "/data/ERPLINK_BATCH_ENDPOINTS_BC_AUTH_TYPE")),
            Map.entry(
                    "erp.endpoints[0].auth.tokenUrl",
                    new Landing(
                            "ConfigMap",
                            List.of("erplink-batch-service"),
                            "/data/ERPLINK_BATCH_ENDPOINTS_BC_AUTH_TOKEN_URL")),
            Map.entry(
                    "erp.endpoints[0].auth.clientId",
                    new Landing(
                            "ConfigMap",
                            List.of("erplink-batch-service"),
                            "/data/ERPLINK_BATCH_ENDPOINTS_BC_AUTH_CLIENT_ID")),
            Map.entry(
                    "erp.endpoints[0].existingSecret",
                    new Landing(
                            "Deployment",
                            List.of("erplink-batch-service"),
                            "env:ERPLINK_BATCH_ENDPOINTS_BC_AUTH_CLIENT_SECRET/valueFrom/secretKeyRef/name")),
            Map.entry(
                    "erp.endpoints[0].auth.clientSecretKey",
                    new Landing(
                            "Deployment",
                            List.of("erplink-batch-service"),
                            "env:ERPLINK_BATCH_ENDPOINTS_BC_AUTH_CLIENT_SECRET/valueFrom/secretKeyRef/key")),
            // The call budget is shared by every service that calls the ERP: each gets it.
            Map.entry(
                    "erp.endpoints[0].budget.permitsPerWindow",
                    new Landing("ConfigMap", ERP_CALLERS, "/data/ERPLINK_ERP_BUDGET_ENDPOINTS_BC_PERMITS_PER_WINDOW")),
            Map.entry(
                    "erp.endpoints[0].budget.window",
                    new Landing("ConfigMap", ERP_CALLERS, "/data/ERPLINK_ERP_BUDGET_ENDPOINTS_BC_WINDOW")),
            Map.entry(
                    "erp.endpoints[0].budget.concurrency",
                    new Landing("ConfigMap", ERP_CALLERS, "/data/ERPLINK_ERP_BUDGET_ENDPOINTS_BC_CONCURRENCY")));

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void installsTheServicesValidlyWithEverySettingWhereItBelongs(String command) throws Exception {
        List<String> args = tokenize(command);
        Path valuesFile = null;
        Map<String, String> sets = new LinkedHashMap<>();
        boolean reuse = false;
        for (int i = 2; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-f", "--values" -> valuesFile = valuesFile(args.get(++i));
                case "--set" -> {
                    String[] kv = args.get(++i).split("=", 2);
                    sets.put(kv[0], kv[1].contains("$") ? "runbook-value-0123456789abcdef" : kv[1]);
                }
                case "--reuse-values" -> reuse = true;
                case "-n", "--namespace" -> i++;
                default ->
                    assertFalse(
                            a.startsWith("-") && !a.equals("--install"), "unexpected option " + a + " in: " + command);
            }
        }
        if (reuse && valuesFile == null) {
            // --reuse-values continues an installed release: the install of section 1.2.
            valuesFile = HelmChart.CHART.resolve("ci/default-values.yaml");
        }
        List<ObjectNode> objects = Manifests.parse(HelmChart.template(valuesFile, sets), command);
        List<HasMetadata> typed = KubernetesValidator.validateAll(objects, command);
        List<String> problems = new ArrayList<>(Policies.references(typed));
        Policies.podSpecs(typed).forEach((where, spec) -> problems.addAll(Policies.restrictedPss(where, spec)));
        assertEquals(List.of(), problems);

        Set<String> deployments = new TreeSet<>(SERVICES);
        if (valuesFile != null
                && Manifests.YAML
                        .readTree(valuesFile.toFile())
                        .at("/erpSimulator/enabled")
                        .asBoolean()) {
            deployments.add("erplink-erp-simulator");
        }
        if (valuesFile != null
                && Manifests.YAML
                        .readTree(valuesFile.toFile())
                        .at("/operatorConsole/enabled")
                        .asBoolean()) {
            deployments.add("erplink-operator-console");
        }
        assertEquals(
                deployments,
                Manifests.ofKind(objects, "Deployment").stream()
                        .map(Manifests::name)
                        .collect(Collectors.toCollection(TreeSet::new)));
        for (Map.Entry<String, String> set : sets.entrySet()) {
            Landing landing = LANDINGS.get(set.getKey());
            assertNotNull(landing, "the runbook sets " + set.getKey() + ": add where it lands to LANDINGS");
            for (String name : landing.names()) {
                ObjectNode object = Manifests.find(objects, landing.kind(), name);
                if (landing.pointer() != null && landing.pointer().contains("{NAME}")) {
                    String pointer =
                            landing.pointer().replace("{NAME}", set.getValue().toUpperCase(Locale.ROOT));
                    assertFalse(
                            object.at(pointer).isMissingNode(),
                            set.getKey() + " names " + pointer + " in " + landing.kind() + "/" + name);
                } else if (landing.pointer() != null) {
                    assertEquals(
                            set.getValue(),
                            read(object, landing.pointer()),
                            set.getKey() + " in " + landing.kind() + "/" + name + " " + landing.pointer());
                } else {
                    assertEquals("true", set.getValue(), set.getKey() + " makes " + landing.kind() + "/" + name);
                }
            }
        }
    }

    @Test
    void everyLandingIsASettingTheRunbookPasses() throws Exception {
        Set<String> passed = new TreeSet<>();
        commands().forEach(command -> {
            List<String> args = tokenize(command);
            for (int i = 0; i < args.size() - 1; i++) {
                if (args.get(i).equals("--set")) {
                    passed.add(args.get(i + 1).split("=", 2)[0]);
                }
            }
        });
        assertEquals(passed, new TreeSet<>(LANDINGS.keySet()));
    }

    /** The text at a Landing's pointer (see {@link Landing}). */
    static String read(ObjectNode object, String pointer) {
        String[] parts = pointer.split("/", 2);
        if (parts[0].startsWith("data64:")) {
            return new String(
                    Base64.getDecoder()
                            .decode(object.at("/data/" + parts[0].substring(7)).asText()),
                    StandardCharsets.UTF_8);
        }
        if (parts[0].startsWith("env:") || parts[0].startsWith("volume:")) {
            String list = parts[0].startsWith("env:")
                    ? "/spec/template/spec/containers/0/env"
                    : "/spec/template/spec/volumes";
            String name = parts[0].substring(parts[0].indexOf(':') + 1);
            for (JsonNode entry : object.at(list)) {
                if (entry.path("name").asText().equals(name)) {
                    return entry.at("/" + parts[1]).asText(null);
                }
            }
            return null;
        }
        return object.at(pointer).asText(null);
    }

    /** Files the runbook names: the chart's ci files, and the reader's own copy of the production one. */
    private static Path valuesFile(String name) {
        if (name.equals("my-production-values.yaml")) {
            return HelmChart.CHART.resolve("ci/production-values.yaml");
        }
        Path file = HelmChart.ROOT.resolve(name);
        assertTrue(Files.isRegularFile(file), "the runbook names a values file that does not exist: " + name);
        return file;
    }

    /** Shell words: whitespace-separated, single and double quotes kept together and removed. */
    static List<String> tokenize(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        int depth = 0;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote && depth == 0) {
                    quote = 0;
                } else {
                    word.append(c);
                    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (Character.isWhitespace(c) && depth == 0) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }
}
