package io.erplink.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.LintResult;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chart rendered by a real helm for each ci/*-values.yaml variant, and validated. */
class HelmChartTest {

    /** Component -> key of its values block. */
    static final Map<String, String> COMPONENTS = new LinkedHashMap<>(Map.of(
            "live-service",
            "liveService",
            "batch-service",
            "batchService",
            "mapping-service",
            "mappingService",
            "order-queue-service",
            "orderQueueService",
            "erp-simulator",
            "erpSimulator",
            "operator-console",
            "operatorConsole"));

    static List<Path> variants() {
        List<Path> variants = HelmChart.variants();
        assertTrue(
                variants.size() >= 4, "expected default, minimal, production and simulator-demo variants: " + variants);
        return variants;
    }

    /** Every object of a variant: the manifests and the test hooks, parsed. */
    static List<ObjectNode> render(Path variant) {
        List<ObjectNode> objects =
                new ArrayList<>(Manifests.parse(HelmChart.template(variant, Map.of()), variant.toString()));
        objects.addAll(Manifests.parse(HelmChart.templateTestHooks(variant), variant + " (tests)"));
        return objects;
    }

    static JsonNode values(Path variant) throws Exception {
        return Manifests.merge(
                Manifests.YAML.readTree(HelmChart.CHART.resolve("values.yaml").toFile()),
                Manifests.YAML.readTree(variant.toFile()));
    }

    static Path variant(String name) {
        return HelmChart.CHART.resolve("ci/" + name + "-values.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void lintsCleanInStrictMode(Path variant) {
        LintResult result = HelmChart.lint(variant);
        assertFalse(result.isFailed(), () -> "helm lint --strict failed: " + result.getMessages());
        List<String> findings = result.getMessages().stream()
                .filter(m -> m.contains("[ERROR]") || m.contains("[WARNING]"))
                .toList();
        assertEquals(List.of(), findings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void rendersOnlyValidKubernetesObjects(Path variant) {
        List<ObjectNode> objects = render(variant);
        List<HasMetadata> typed = KubernetesValidator.validateAll(objects, variant.toString());
        Map<String, Long> kinds = typed.stream()
                .collect(Collectors.groupingBy(HasMetadata::getKind, TreeMap::new, Collectors.counting()));
        System.out.printf(
                "helm %s: %d rendered objects validated %s%n", HelmChart.variantName(variant), typed.size(), kinds);
        assertTrue(typed.size() >= 13, "too few objects: " + kinds);
        for (HasMetadata o : typed) {
            assertEquals(
                    HelmChart.NAMESPACE,
                    o.getMetadata().getNamespace(),
                    o.getKind() + "/" + o.getMetadata().getName() + " namespace");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyPodMeetsTheRestrictedPodSecurityStandard(Path variant) {
        List<HasMetadata> typed = KubernetesValidator.validateAll(render(variant), variant.toString());
        Map<String, PodSpec> pods = Policies.podSpecs(typed);
        assertFalse(pods.isEmpty());
        List<String> problems = new ArrayList<>();
        pods.forEach((where, spec) -> problems.addAll(Policies.restrictedPss(where, spec)));
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyServiceHasProbesResourcesAndConsistentReferences(Path variant) {
        List<HasMetadata> typed = KubernetesValidator.validateAll(
                Manifests.parse(HelmChart.template(variant, Map.of()), variant.toString()), variant.toString());
        List<String> problems = new ArrayList<>(Policies.references(typed));
        for (Deployment d : Policies.of(typed, Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                problems.addAll(Policies.serviceContainer(
                        "Deployment/" + d.getMetadata().getName(), c));
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void eachEnabledServiceGetsItsObjects(Path variant) throws Exception {
        JsonNode values = values(variant);
        List<ObjectNode> objects = render(variant);
        Set<String> ids = objects.stream().map(Manifests::id).collect(Collectors.toSet());
        int enabled = 0;
        for (Map.Entry<String, String> c : COMPONENTS.entrySet()) {
            JsonNode svc = values.path(c.getValue());
            String name = HelmChart.RELEASE + "-" + c.getKey();
            boolean on = svc.path("enabled").asBoolean();
            enabled += on ? 1 : 0;
            assertEquals(on, ids.contains("Deployment/" + name), name + " Deployment");
            assertEquals(on, ids.contains("Service/" + name), name + " Service");
            assertEquals(on, ids.contains("ConfigMap/" + name), name + " ConfigMap");
            assertEquals(
                    on && svc.path("pdb").path("enabled").asBoolean(),
                    ids.contains("PodDisruptionBudget/" + name),
                    name + " PDB");
            assertEquals(
                    on && svc.path("autoscaling").path("enabled").asBoolean(),
                    ids.contains("HorizontalPodAutoscaler/" + name),
                    name + " HPA");
            assertEquals(
                    on
                            && values.path("metrics")
                                    .path("serviceMonitor")
                                    .path("enabled")
                                    .asBoolean(),
                    ids.contains("ServiceMonitor/" + name),
                    name + " ServiceMonitor");
            assertEquals(
                    on && values.path("networkPolicy").path("enabled").asBoolean(),
                    ids.contains("NetworkPolicy/" + name),
                    name + " NetworkPolicy");
            assertEquals(
                    on && values.path("tests").path("enabled").asBoolean(),
                    ids.contains("Pod/" + name + "-test"),
                    name + " test pod");
        }
        assertTrue(enabled >= 4, "the four services are on in every variant");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void chartTestPodsCheckReadinessOfEachService(Path variant) throws Exception {
        JsonNode values = values(variant);
        List<Pod> pods = Policies.of(
                KubernetesValidator.validateAll(
                        Manifests.parse(HelmChart.templateTestHooks(variant), variant.toString()), variant.toString()),
                Pod.class);
        for (Pod pod : pods) {
            String component = pod.getMetadata()
                    .getName()
                    .replaceFirst("^" + HelmChart.RELEASE + "-", "")
                    .replaceFirst("-test$", "");
            String script =
                    String.join(" ", pod.getSpec().getContainers().get(0).getCommand());
            assertTrue(
                    script.contains("curl -fsS --max-time 5 http://" + HelmChart.RELEASE + "-" + component
                            + ":8080/q/health/ready"),
                    pod.getMetadata().getName() + ": " + script);
            assertEquals("Never", pod.getSpec().getRestartPolicy());
        }
        long expected = values.path("tests").path("enabled").asBoolean()
                ? COMPONENTS.values().stream()
                        .filter(k -> values.path(k).path("enabled").asBoolean())
                        .count()
                : 0;
        assertEquals(expected, pods.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyObjectCarriesTheStandardLabels(Path variant) {
        for (HasMetadata o : KubernetesValidator.validateAll(render(variant), variant.toString())) {
            Map<String, String> labels = o.getMetadata().getLabels();
            for (String key : List.of(
                    "app.kubernetes.io/name",
                    "app.kubernetes.io/instance",
                    "app.kubernetes.io/version",
                    "app.kubernetes.io/managed-by",
                    "app.kubernetes.io/part-of",
                    "helm.sh/chart")) {
                assertNotNull(
                        labels.get(key), o.getKind() + "/" + o.getMetadata().getName() + " lacks " + key);
            }
            if (!Set.of("ServiceAccount", "Secret").contains(o.getKind())) {
                assertNotNull(
                        labels.get("app.kubernetes.io/component"),
                        o.getKind() + "/" + o.getMetadata().getName() + " lacks component");
            }
            assertEquals("erplink", labels.get("app.kubernetes.io/part-of"));
            assertEquals("Helm", labels.get("app.kubernetes.io/managed-by"));
        }
    }

    @Test
    void refusesToRenderWithoutASecret() {
        Exception e = assertThrows(Exception.class, () -> HelmChart.template(null, Map.of()));
        assertTrue(e.getMessage().contains("erplink needs credentials: set secrets.existingSecret"), e.getMessage());
    }

    @Test
    void lintsTheBareChartCleanlyToo() {
        // helm lint renders in lint mode, where `fail` and `required` only log: `helm lint helm/erplink`
        // is clean although `helm template`/`install` without a Secret refuse (test above).
        LintResult result = HelmChart.lint(null);
        assertFalse(result.isFailed(), () -> result.getMessages().toString());
        assertEquals(
                List.of(),
                result.getMessages().stream()
                        .filter(m -> m.contains("[ERROR]") || m.contains("[WARNING]"))
                        .toList());
    }

    @Test
    void neverRendersASecretValueWhenAnExistingSecretIsNamed() {
        String dbSentinel = "SENTINEL-db-password-7f3a9c";
        String erpSentinel = "SENTINEL-erp-signing-secret-4b1d";
        Map<String, String> sets = Map.of(
                "secrets.create",
                "true",
                "secrets.values.databasePassword",
                dbSentinel,
                "secrets.values.erpSecret",
                erpSentinel,
                "secrets.values.extra.kafka-sasl-jaas-config",
                "SENTINEL-jaas");
        for (Path variant : List.of(variant("default"), variant("production"), variant("minimal"))) {
            String rendered = HelmChart.template(variant, sets)
                    + HelmChart.templateTestHooks(variant)
                    + HelmChart.notes(variant, sets);
            for (String sentinel : List.of(dbSentinel, erpSentinel, "SENTINEL-jaas")) {
                assertFalse(rendered.contains(sentinel), variant + " renders " + sentinel);
                assertFalse(
                        rendered.contains(
                                Base64.getEncoder().encodeToString(sentinel.getBytes(StandardCharsets.UTF_8))),
                        variant + " renders base64 of " + sentinel);
            }
            List<HasMetadata> typed = KubernetesValidator.validateAll(
                    Manifests.parse(HelmChart.template(variant, sets), variant.toString()), variant.toString());
            assertEquals(List.of(), Policies.of(typed, Secret.class), "no Secret object next to an existing one");
            String existing = variant.toString().contains("production") ? "erplink-prod" : "erplink-secrets";
            for (Deployment d : Policies.of(typed, Deployment.class)) {
                for (EnvVar env : d.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getEnv()) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        assertEquals(
                                existing,
                                env.getValueFrom().getSecretKeyRef().getName(),
                                d.getMetadata().getName() + " " + env.getName());
                    } else {
                        assertFalse(
                                env.getName().contains("PASSWORD")
                                        || env.getName().contains("SECRET"),
                                "plain " + env.getName());
                    }
                }
            }
        }
    }

    @Test
    void createsTheSecretOnlyFromInstallTimeValues() {
        Path demo = variant("simulator-demo");
        List<HasMetadata> typed =
                KubernetesValidator.validateAll(Manifests.parse(HelmChart.template(demo, Map.of()), "demo"), "demo");
        Secret secret = Policies.of(typed, Secret.class).get(0);
        assertEquals("erplink-secrets", secret.getMetadata().getName());
        assertEquals("demo-password-only-for-ci", decode(secret.getData().get("database-password")));
        assertEquals("demo-signing-secret-only-for-ci", decode(secret.getData().get("erp-secret")));

        Exception noPassword = assertThrows(
                Exception.class,
                () -> HelmChart.template(
                        null,
                        Map.of(
                                "secrets.create",
                                "true",
                                "secrets.values.erpSecret",
                                "0123456789abcdef",
                                "erp.url",
                                "http://erp:8080/connector")));
        assertTrue(
                noPassword.getMessage().contains("secrets.create=true needs secrets.values.databasePassword"),
                noPassword.getMessage());
        Exception shortSecret = assertThrows(
                Exception.class,
                () -> HelmChart.template(
                        null,
                        Map.of(
                                "secrets.create",
                                "true",
                                "secrets.values.databasePassword",
                                "pw",
                                "secrets.values.erpSecret",
                                "short",
                                "erp.url",
                                "http://erp:8080/connector")));
        assertTrue(shortSecret.getMessage().contains("at least 16 bytes"), shortSecret.getMessage());
    }

    @Test
    void needsAnErpUrlUnlessTheSimulatorRuns() {
        Exception e =
                assertThrows(Exception.class, () -> HelmChart.template(null, Map.of("secrets.existingSecret", "s")));
        assertTrue(e.getMessage().contains("erp.url is empty"), e.getMessage());

        List<HasMetadata> demo = KubernetesValidator.validateAll(
                Manifests.parse(HelmChart.template(variant("simulator-demo"), Map.of()), "demo"), "demo");
        for (String component : List.of("live-service", "batch-service", "order-queue-service")) {
            assertEquals(
                    "http://erplink-erp-simulator:8080/connector",
                    configMap(demo, component).getData().get("ERPLINK_ERP_URL"));
        }
        Deployment simulator = deployment(demo, "erp-simulator");
        EnvVar secret = env(simulator, "ERPLINK_SIMULATOR_SECRET");
        assertEquals("erp-secret", secret.getValueFrom().getSecretKeyRef().getKey());
        assertNull(
                configMap(demo, "erp-simulator").getData().get("QUARKUS_DATASOURCE_JDBC_URL"),
                "the simulator has no database");
    }

    @Test
    void configMapsCarryTheDocumentedSettings() {
        List<HasMetadata> prod = KubernetesValidator.validateAll(
                Manifests.parse(HelmChart.template(variant("production"), Map.of()), "production"), "production");
        for (String component : List.of("live-service", "batch-service", "mapping-service", "order-queue-service")) {
            Map<String, String> data = configMap(prod, component).getData();
            assertEquals(
                    "jdbc:postgresql://pg-primary.data.svc:5432/erplink?sslmode=require",
                    data.get("QUARKUS_DATASOURCE_JDBC_URL"));
            assertEquals("erplink", data.get("QUARKUS_DATASOURCE_USERNAME"));
            assertTrue(data.get("KAFKA_BOOTSTRAP_SERVERS").startsWith("kafka-0.kafka.data.svc:9093,"));
            assertEquals("prod.", data.get("ERPLINK_TOPIC_PREFIX"));
            assertEquals("SASL_SSL", data.get("KAFKA_SECURITY_PROTOCOL"));
            assertEquals("SCRAM-SHA-512", data.get("KAFKA_SASL_MECHANISM"));
            assertEquals("true", data.get("ERPLINK_KAFKA_TOPICS_CREATE"));
            assertEquals("6", data.get("ERPLINK_KAFKA_TOPICS_PARTITIONS"));
            assertEquals("3", data.get("ERPLINK_KAFKA_TOPICS_REPLICATION_FACTOR"));
            assertEquals("8080", data.get("QUARKUS_HTTP_PORT"));
            assertEquals(
                    !component.equals("mapping-service"),
                    data.containsKey("ERPLINK_ERP_URL"),
                    component + " ERPLINK_ERP_URL");
            Deployment d = deployment(prod, component);
            assertEquals(
                    "kafka-sasl-jaas-config",
                    env(d, "KAFKA_SASL_JAAS_CONFIG")
                            .getValueFrom()
                            .getSecretKeyRef()
                            .getKey());
            assertEquals(
                    "database-password",
                    env(d, "QUARKUS_DATASOURCE_PASSWORD")
                            .getValueFrom()
                            .getSecretKeyRef()
                            .getKey());
            assertEquals(
                    !component.equals("mapping-service"),
                    d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                            .anyMatch(e -> e.getName().equals("ERPLINK_ERP_SECRET")),
                    component + " ERPLINK_ERP_SECRET");
            assertTrue(d.getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .getImage()
                    .equals("registry.example.com/erplink/" + component + ":0.1.0"));
            assertEquals(
                    "regcred",
                    d.getSpec()
                            .getTemplate()
                            .getSpec()
                            .getImagePullSecrets()
                            .get(0)
                            .getName());
        }
        assertEquals("4", configMap(prod, "batch-service").getData().get("ERPLINK_BATCH_WORKER_CONCURRENCY"));
        assertEquals(
                "file:/etc/erplink/jwt/public-key.pem",
                configMap(prod, "order-queue-service").getData().get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        Map<String, String> live = configMap(prod, "live-service").getData();
        assertEquals("file:/etc/erplink/jwt/public-key.pem", live.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        assertEquals("https://login.example.com/realms/shop", live.get("ERPLINK_JWT_ISSUER"));
        assertEquals("false", live.get("ERPLINK_LIVE_ANONYMOUS_ALLOWED"));
        assertEquals("/etc/erplink/config/application.properties", live.get("QUARKUS_CONFIG_LOCATIONS"));
        PodSpec liveSpec =
                deployment(prod, "live-service").getSpec().getTemplate().getSpec();
        assertEquals(
                "erplink-live-api-keys",
                liveSpec.getVolumes().stream()
                        .filter(v -> v.getName().equals("extra-config"))
                        .findFirst()
                        .orElseThrow()
                        .getSecret()
                        .getSecretName());
        assertEquals(
                "erplink-storefront-jwt",
                liveSpec.getVolumes().stream()
                        .filter(v -> v.getName().equals("jwt-key"))
                        .findFirst()
                        .orElseThrow()
                        .getSecret()
                        .getSecretName());
        assertTrue(liveSpec.getContainers().get(0).getVolumeMounts().stream()
                .anyMatch(m -> m.getMountPath().equals("/etc/erplink/config") && Boolean.TRUE.equals(m.getReadOnly())));
        Map<String, String> batch = configMap(prod, "batch-service").getData();
        assertEquals("true", batch.get("ERPLINK_BATCH_AUTH_ENABLED"));
        assertEquals("operator", batch.get("ERPLINK_BATCH_AUTH_READ_ROLE"));
        assertEquals("admin", batch.get("ERPLINK_BATCH_AUTH_ADMIN_ROLE"));
        assertEquals("https://login.example.com/realms/erplink", batch.get("ERPLINK_JWT_ISSUER"));
        assertEquals("file:/etc/erplink/jwt/public-key.pem", batch.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        assertEquals(
                "erplink-operator-jwt",
                jwtKeyVolume(prod, "batch-service").getSecret().getSecretName());
        Map<String, String> mapping = configMap(prod, "mapping-service").getData();
        assertEquals("erplink-viewer", mapping.get("ERPLINK_MAPPING_AUTH_READ_ROLE"));
        assertEquals("https://login.example.com/realms/erplink", mapping.get("ERPLINK_JWT_ISSUER"));
        assertEquals("file:/etc/erplink/jwt/public-key.pem", mapping.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        assertEquals(
                "erplink-operator-jwt-public",
                jwtKeyVolume(prod, "mapping-service").getConfigMap().getName());
        assertTrue(
                deployment(prod, "mapping-service")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getVolumeMounts()
                        .stream()
                        .anyMatch(m ->
                                m.getMountPath().equals("/etc/erplink/jwt") && Boolean.TRUE.equals(m.getReadOnly())),
                "the key is mounted read-only");
        assertEquals(
                "erplink-batch-archive",
                deployment(prod, "batch-service").getSpec().getTemplate().getSpec().getVolumes().stream()
                        .filter(v -> v.getName().equals("archive"))
                        .findFirst()
                        .orElseThrow()
                        .getPersistentVolumeClaim()
                        .getClaimName());
    }

    @Test
    void batchServiceGetsEachNamedErpEndpointWithItsSigningSecretFromASecret() {
        List<HasMetadata> prod = KubernetesValidator.validateAll(
                Manifests.parse(HelmChart.template(variant("production"), Map.of()), "production"), "production");
        Map<String, String> batch = configMap(prod, "batch-service").getData();
        assertEquals(
                "https://erp-connector-2.internal.example.com/connector",
                batch.get("ERPLINK_BATCH_ENDPOINTS_MANDANT2_URL"));
        assertEquals("15m", batch.get("ERPLINK_BATCH_ENDPOINTS_MANDANT2_PAGE_TIMEOUT"));
        EnvVar secret = env(deployment(prod, "batch-service"), "ERPLINK_BATCH_ENDPOINTS_MANDANT2_SECRET");
        assertEquals(
                "erplink-prod",
                secret.getValueFrom().getSecretKeyRef().getName(),
                "without existingSecret: the chart's Secret");
        assertEquals(
                "erp-secret-mandant2", secret.getValueFrom().getSecretKeyRef().getKey());
        for (String component : List.of("live-service", "order-queue-service", "mapping-service")) {
            assertTrue(
                    configMap(prod, component).getData().keySet().stream()
                            .noneMatch(k -> k.startsWith("ERPLINK_BATCH_ENDPOINTS_")),
                    component);
            assertTrue(
                    deployment(prod, component)
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getEnv()
                            .stream()
                            .noneMatch(e -> e.getName().startsWith("ERPLINK_BATCH_ENDPOINTS_")),
                    component);
        }

        Map<String, String> own = Map.of(
                "erp.endpoints[0].name",
                "export",
                "erp.endpoints[0].url",
                "http://erp-export.erp.svc:8080/connector",
                "erp.endpoints[0].existingSecret",
                "erplink-erp-export",
                "erp.endpoints[0].secretKey",
                "signing-secret");
        List<HasMetadata> typed = KubernetesValidator.validateAll(
                Manifests.parse(HelmChart.template(variant("default"), own), "default"), "default");
        EnvVar exportSecret = env(deployment(typed, "batch-service"), "ERPLINK_BATCH_ENDPOINTS_EXPORT_SECRET");
        assertEquals(
                "erplink-erp-export",
                exportSecret.getValueFrom().getSecretKeyRef().getName());
        assertEquals(
                "signing-secret", exportSecret.getValueFrom().getSecretKeyRef().getKey());
        assertEquals(
                "http://erp-export.erp.svc:8080/connector",
                configMap(typed, "batch-service").getData().get("ERPLINK_BATCH_ENDPOINTS_EXPORT_URL"));
        assertNull(configMap(typed, "batch-service").getData().get("ERPLINK_BATCH_ENDPOINTS_EXPORT_PAGE_TIMEOUT"));
        assertEquals(
                0,
                configMap(
                                KubernetesValidator.validateAll(
                                        Manifests.parse(HelmChart.template(variant("default"), Map.of()), "default"),
                                        "default"),
                                "batch-service")
                        .getData()
                        .keySet()
                        .stream()
                        .filter(k -> k.startsWith("ERPLINK_BATCH_ENDPOINTS_"))
                        .count(),
                "none by default");
    }

    @ParameterizedTest(name = "{0}={1}")
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "name      | default        | name",
                "name      | Mandant-2      | name",
                "url       | erp:8080       | url",
                "secretKey | ''             | secretKey",
                "pageTimeout | soon         | pageTimeout",
                "secret    | plain-text     | secret",
            })
    void refusesAnErpEndpointTheServiceCouldNotUse(String key, String value, String mentioned) {
        Map<String, String> sets = new LinkedHashMap<>(Map.of(
                "erp.endpoints[0].name",
                "mandant2",
                "erp.endpoints[0].url",
                "https://erp2.example.com/connector",
                "erp.endpoints[0].secretKey",
                "erp-secret-2"));
        sets.put("erp.endpoints[0]." + key, value);
        Exception e =
                assertThrows(Exception.class, () -> HelmChart.template(variant("default"), sets), key + "=" + value);
        assertTrue(
                e.getMessage().contains("values don't meet the specifications of the schema")
                        && e.getMessage().contains(mentioned),
                e.getMessage());
    }

    @Test
    void everyServiceThatCallsTheErpGetsTheSameCallBudgetsAndMappingServiceNone() {
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("erp.budget.concurrency", "8");
        sets.put("erp.endpoints[0].name", "bc");
        sets.put("erp.endpoints[0].protocol", "odata-v4");
        sets.put("erp.endpoints[0].url", "https://api.businesscentral.dynamics.com/v2.0/t1/Production/ODataV4");
        sets.put("erp.endpoints[0].company", "CRONUS International Ltd.");
        sets.put("erp.endpoints[0].auth.type", "none");
        sets.put("erp.endpoints[0].budget.permitsPerWindow", "6000");
        sets.put("erp.endpoints[0].budget.window", "5m");
        sets.put("erp.endpoints[0].budget.concurrency", "5");
        List<HasMetadata> typed = KubernetesValidator.validateAll(
                Manifests.parse(HelmChart.template(variant("default"), sets), "default"), "default");
        Map<String, String> expected = Map.of(
                "ERPLINK_ERP_BUDGET_ENDPOINTS_DEFAULT_CONCURRENCY", "8",
                "ERPLINK_ERP_BUDGET_ENDPOINTS_DEFAULT_WINDOW", "5m",
                "ERPLINK_ERP_BUDGET_ENDPOINTS_BC_PERMITS_PER_WINDOW", "6000",
                "ERPLINK_ERP_BUDGET_ENDPOINTS_BC_WINDOW", "5m",
                "ERPLINK_ERP_BUDGET_ENDPOINTS_BC_CONCURRENCY", "5");
        for (String service : List.of("live-service", "batch-service", "order-queue-service")) {
            Map<String, String> budgets = new java.util.TreeMap<>();
            configMap(typed, service).getData().forEach((k, v) -> {
                if (k.startsWith("ERPLINK_ERP_BUDGET_")) {
                    budgets.put(k, v);
                }
            });
            assertEquals(new java.util.TreeMap<>(expected), budgets, service);
        }
        assertTrue(
                configMap(typed, "mapping-service").getData().keySet().stream()
                        .noneMatch(k -> k.startsWith("ERPLINK_ERP_BUDGET_")),
                "mapping-service never calls the ERP");
    }

    @Test
    void anODataEndpointGetsItsSettingsInTheConfigMapAndItsClientSecretFromTheSecret() {
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("erp.endpoints[0].name", "bc");
        sets.put("erp.endpoints[0].protocol", "odata-v4");
        sets.put("erp.endpoints[0].url", "https://api.businesscentral.dynamics.com/v2.0/t1/Production/ODataV4");
        sets.put("erp.endpoints[0].company", "CRONUS International Ltd.");
        sets.put("erp.endpoints[0].maxPageSize", "5000");
        sets.put("erp.endpoints[0].existingSecret", "erplink-bc");
        sets.put("erp.endpoints[0].auth.type", "oauth2");
        sets.put("erp.endpoints[0].auth.tokenUrl", "https://login.microsoftonline.com/t1/oauth2/v2.0/token");
        sets.put("erp.endpoints[0].auth.clientId", "app-1");
        sets.put("erp.endpoints[0].auth.clientSecretKey", "client-secret");
        sets.put("erp.endpoints[1].name", "onprem");
        sets.put("erp.endpoints[1].protocol", "odata-v4");
        sets.put("erp.endpoints[1].url", "https://bc.example.com:7048/BC240/ODataV4");
        sets.put("erp.endpoints[1].company", "Main");
        sets.put("erp.endpoints[1].auth.type", "basic");
        sets.put("erp.endpoints[1].auth.username", "ERPLINK");
        sets.put("erp.endpoints[1].auth.passwordKey", "bc-password");
        List<HasMetadata> typed = KubernetesValidator.validateAll(
                Manifests.parse(HelmChart.template(variant("default"), sets), "default"), "default");
        Map<String, String> data = configMap(typed, "batch-service").getData();
        assertEquals("odata-v4", data.get("ERPLINK_BATCH_ENDPOINTS_BC_PROTOCOL"));
        assertEquals(
                "https://api.businesscentral.dynamics.com/v2.0/t1/Production/ODataV4",
                data.get("ERPLINK_BATCH_ENDPOINTS_BC_URL"));
        assertEquals("CRONUS International Ltd.", data.get("ERPLINK_BATCH_ENDPOINTS_BC_COMPANY"));
        assertEquals("5000", data.get("ERPLINK_BATCH_ENDPOINTS_BC_MAX_PAGE_SIZE"));
        assertEquals("oauth2", data.get("ERPLINK_BATCH_ENDPOINTS_BC_AUTH_TYPE"));
        assertEquals(
                "https://login.microsoftonline.com/t1/oauth2/v2.0/token",
                data.get("ERPLINK_BATCH_ENDPOINTS_BC_AUTH_TOKEN_URL"));
        assertEquals("app-1", data.get("ERPLINK_BATCH_ENDPOINTS_BC_AUTH_CLIENT_ID"));
        assertEquals("basic", data.get("ERPLINK_BATCH_ENDPOINTS_ONPREM_AUTH_TYPE"));
        assertEquals("ERPLINK", data.get("ERPLINK_BATCH_ENDPOINTS_ONPREM_AUTH_USERNAME"));
        assertTrue(
                data.keySet().stream().noneMatch(k -> k.endsWith("_SECRET") || k.endsWith("_PASSWORD")),
                "no secret in the ConfigMap: " + data.keySet());
        EnvVar clientSecret = env(deployment(typed, "batch-service"), "ERPLINK_BATCH_ENDPOINTS_BC_AUTH_CLIENT_SECRET");
        assertEquals("erplink-bc", clientSecret.getValueFrom().getSecretKeyRef().getName());
        assertEquals(
                "client-secret", clientSecret.getValueFrom().getSecretKeyRef().getKey());
        EnvVar password = env(deployment(typed, "batch-service"), "ERPLINK_BATCH_ENDPOINTS_ONPREM_AUTH_PASSWORD");
        assertEquals("bc-password", password.getValueFrom().getSecretKeyRef().getKey());
        assertTrue(
                deployment(typed, "batch-service")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getEnv()
                        .stream()
                        .noneMatch(e -> e.getName().equals("ERPLINK_BATCH_ENDPOINTS_BC_SECRET")),
                "an OData endpoint has no signing secret");
    }

    @ParameterizedTest(name = "{0}={1}")
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "auth.type          | token       | type",
                "auth.tokenUrl      | ''          | tokenUrl",
                "auth.clientSecretKey | ''        | clientSecretKey",
                "secretKey          | signing     | secretKey",
                "protocol           | odata       | protocol",
                "companyId          | CRONUS      | companyId",
                "maxPageSize        | 50000       | maxPageSize",
            })
    void refusesAnODataEndpointTheServiceCouldNotUse(String key, String value, String mentioned) {
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("erp.endpoints[0].name", "bc");
        sets.put("erp.endpoints[0].protocol", "odata-v4");
        sets.put("erp.endpoints[0].url", "https://bc.example.com/ODataV4");
        sets.put("erp.endpoints[0].company", "Main");
        sets.put("erp.endpoints[0].auth.type", "oauth2");
        sets.put("erp.endpoints[0].auth.tokenUrl", "https://login.example.com/token");
        sets.put("erp.endpoints[0].auth.clientId", "app-1");
        sets.put("erp.endpoints[0].auth.clientSecretKey", "client-secret");
        sets.put("erp.endpoints[0]." + key, value);
        Exception e =
                assertThrows(Exception.class, () -> HelmChart.template(variant("default"), sets), key + "=" + value);
        assertTrue(
                e.getMessage().contains("values don't meet the specifications of the schema")
                        && e.getMessage().contains(mentioned),
                e.getMessage());
    }

    @Test
    void refusesTwoErpEndpointsWithOneName() {
        Map<String, String> sets = new LinkedHashMap<>();
        for (int i = 0; i < 2; i++) {
            sets.put("erp.endpoints[" + i + "].name", "mandant2");
            sets.put("erp.endpoints[" + i + "].url", "https://erp" + i + ".example.com/connector");
            sets.put("erp.endpoints[" + i + "].secretKey", "erp-secret-" + i);
        }
        Exception e = assertThrows(Exception.class, () -> HelmChart.template(variant("default"), sets));
        assertTrue(e.getMessage().contains("erp.endpoints: the name mandant2 is given twice"), e.getMessage());
    }

    @Test
    void productionAutoscalesLiveServiceAndBatchWorkers() {
        List<HasMetadata> prod = KubernetesValidator.validateAll(
                Manifests.parse(HelmChart.template(variant("production"), Map.of()), "production"), "production");
        var hpas = Policies.of(prod, io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class);
        assertEquals(
                Set.of("erplink-live-service", "erplink-batch-service"),
                hpas.stream().map(h -> h.getMetadata().getName()).collect(Collectors.toSet()));
        assertNull(deployment(prod, "live-service").getSpec().getReplicas(), "the HPA owns the replica count");
        assertEquals(3, deployment(prod, "order-queue-service").getSpec().getReplicas());
        var live = hpas.stream()
                .filter(h -> h.getMetadata().getName().equals("erplink-live-service"))
                .findFirst()
                .orElseThrow();
        assertEquals(3, live.getSpec().getMinReplicas());
        assertEquals(20, live.getSpec().getMaxReplicas());
        assertEquals(
                65, live.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization());
        assertEquals(300, live.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds());
        var ingress = Policies.of(prod, io.fabric8.kubernetes.api.model.networking.v1.Ingress.class)
                .get(0);
        assertEquals("nginx", ingress.getSpec().getIngressClassName());
        assertEquals(
                "erplink-live-service",
                ingress.getSpec()
                        .getRules()
                        .get(0)
                        .getHttp()
                        .getPaths()
                        .get(0)
                        .getBackend()
                        .getService()
                        .getName());
        assertEquals("erplink-shop-tls", ingress.getSpec().getTls().get(0).getSecretName());
        var spread = deployment(prod, "live-service")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getTopologySpreadConstraints()
                .get(0);
        assertEquals(
                "live-service",
                spread.getLabelSelector().getMatchLabels().get("app.kubernetes.io/component"),
                "the chart fills in the pod selector of a spread constraint");
    }

    @Test
    void operatorConsoleSignsInWithTheProviderAndCallsTheServicesOfTheRelease() {
        List<HasMetadata> prod = KubernetesValidator.validateAll(
                Manifests.parse(HelmChart.template(variant("production"), Map.of()), "production"), "production");
        Map<String, String> console = configMap(prod, "operator-console").getData();
        assertEquals("true", console.get("QUARKUS_OIDC_TENANT_ENABLED"));
        assertEquals("https://sso.example.com/realms/erplink", console.get("QUARKUS_OIDC_AUTH_SERVER_URL"));
        assertEquals("erplink-console", console.get("QUARKUS_OIDC_CLIENT_ID"));
        assertEquals("realm_access/roles", console.get("QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH"));
        assertEquals("erplink-operator", console.get("ERPLINK_CONSOLE_ROLES_OPERATOR"));
        assertEquals("erplink-admin,erplink-sre", console.get("ERPLINK_CONSOLE_ROLES_ADMIN"));
        assertEquals("http://erplink-batch-service:8080", console.get("ERPLINK_CONSOLE_SERVICES_BATCH"));
        assertEquals("http://erplink-order-queue-service:8080", console.get("ERPLINK_CONSOLE_SERVICES_ORDER_QUEUE"));
        assertEquals("http://erplink-mapping-service:8080", console.get("ERPLINK_CONSOLE_SERVICES_MAPPING"));
        assertEquals("http://erplink-live-service:8080", console.get("ERPLINK_CONSOLE_SERVICES_LIVE"));
        assertTrue(
                console.keySet().stream().noneMatch(k -> k.startsWith("QUARKUS_DATASOURCE") || k.startsWith("KAFKA")),
                "the console owns no data: " + console.keySet());
        Deployment d = deployment(prod, "operator-console");
        EnvVar clientSecret = env(d, "QUARKUS_OIDC_CREDENTIALS_SECRET");
        assertEquals(
                "erplink-prod", clientSecret.getValueFrom().getSecretKeyRef().getName());
        assertEquals(
                "console-client-secret",
                clientSecret.getValueFrom().getSecretKeyRef().getKey());
        assertEquals(
                "console-session-key",
                env(d, "QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET")
                        .getValueFrom()
                        .getSecretKeyRef()
                        .getKey());
        io.fabric8.kubernetes.api.model.networking.v1.Ingress ingress =
                Policies.of(prod, io.fabric8.kubernetes.api.model.networking.v1.Ingress.class).stream()
                        .filter(i -> i.getMetadata().getName().equals("erplink-operator-console"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(
                "console.erplink.example.com",
                ingress.getSpec().getRules().get(0).getHost());
        assertEquals(
                "erplink-operator-console",
                ingress.getSpec()
                        .getRules()
                        .get(0)
                        .getHttp()
                        .getPaths()
                        .get(0)
                        .getBackend()
                        .getService()
                        .getName());

        Exception noProvider = assertThrows(
                Exception.class,
                () -> HelmChart.template(variant("default"), Map.of("operatorConsole.enabled", "true")));
        assertTrue(
                noProvider.getMessage().contains("operatorConsole.oidc.authServerUrl is required"),
                noProvider.getMessage());
        Exception noSecret = assertThrows(
                Exception.class,
                () -> HelmChart.template(
                        variant("default"),
                        Map.of(
                                "operatorConsole.enabled",
                                "true",
                                "operatorConsole.oidc.authServerUrl",
                                "https://sso.example.com/realms/erplink")));
        assertTrue(
                noSecret.getMessage().contains("operatorConsole.oidc.existingSecret is required"),
                noSecret.getMessage());
    }

    @Test
    void batchWorkerCountIsTheReplicaCountKnob() {
        List<HasMetadata> typed = KubernetesValidator.validateAll(
                Manifests.parse(
                        HelmChart.template(variant("default"), Map.of("batchService.replicaCount", "6")), "default"),
                "default");
        assertEquals(6, deployment(typed, "batch-service").getSpec().getReplicas());
    }

    @Test
    void notesTellWhatWasDeployedAndHowToReachIt() {
        String notes = HelmChart.notes(variant("default"), Map.of());
        assertTrue(notes.contains("NOTE: batchService.auth has no JWT verification key yet"), notes);
        assertTrue(HelmChart.notes(variant("simulator-demo"), Map.of())
                .contains("WARNING: the mappingService API is open (mappingService.auth.enabled=false)"));
        assertFalse(HelmChart.notes(variant("production"), Map.of()).contains("mappingService.auth"));
        for (String component : List.of("live-service", "batch-service", "mapping-service", "order-queue-service")) {
            assertTrue(notes.contains("http://erplink-" + component + ".erplink.svc:8080"), notes);
        }
        assertTrue(notes.contains("kubectl -n erplink port-forward svc/erplink-live-service 8080:8080"), notes);
        assertTrue(notes.contains("helm test erplink -n erplink"), notes);
        assertTrue(notes.contains("Secret:     erplink-secrets"), notes);
        assertTrue(HelmChart.notes(variant("production"), Map.of()).contains("https://erplink.shop.example.com/api"));
        String demo = HelmChart.notes(variant("simulator-demo"), Map.of());
        assertTrue(
                demo.contains("(the erp-simulator: demo only)")
                        && demo.contains("WARNING: the order-queue operator API is open"),
                demo);
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    @Test
    void operatorJwtKeyOfBatchAndMappingComesFromAValueOrAUrlWhenNoSecretOrConfigMapIsNamed() {
        String pem =
                "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----";
        List<HasMetadata> typed = KubernetesValidator.validateAll(
                Manifests.parse(
                        HelmChart.template(
                                variant("default"),
                                Map.of(
                                        "mappingService.auth.publicKey",
                                        pem,
                                        "batchService.auth.publicKeyLocation",
                                        "https://login.example.com/realms/erplink/certs")),
                        "default"),
                "default");
        assertEquals(pem, configMap(typed, "mapping-service").getData().get("MP_JWT_VERIFY_PUBLICKEY"));
        assertNull(configMap(typed, "mapping-service").getData().get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        assertEquals(
                "https://login.example.com/realms/erplink/certs",
                configMap(typed, "batch-service").getData().get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        for (String component : List.of("batch-service", "mapping-service")) {
            assertEquals(
                    "https://erplink.io/operators",
                    configMap(typed, component).getData().get("ERPLINK_JWT_ISSUER"));
            assertTrue(
                    deployment(typed, component).getSpec().getTemplate().getSpec().getVolumes().stream()
                            .noneMatch(v -> v.getName().equals("jwt-key")),
                    component + " mounts no key");
        }

        List<HasMetadata> demo = KubernetesValidator.validateAll(
                Manifests.parse(HelmChart.template(variant("simulator-demo"), Map.of()), "demo"), "demo");
        assertEquals("false", configMap(demo, "batch-service").getData().get("ERPLINK_BATCH_AUTH_ENABLED"));
        assertEquals("false", configMap(demo, "mapping-service").getData().get("ERPLINK_MAPPING_AUTH_ENABLED"));
    }

    private static io.fabric8.kubernetes.api.model.Volume jwtKeyVolume(List<HasMetadata> typed, String component) {
        return deployment(typed, component).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("jwt-key"))
                .findFirst()
                .orElseThrow();
    }

    static ConfigMap configMap(List<HasMetadata> typed, String component) {
        return Policies.of(typed, ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(HelmChart.RELEASE + "-" + component))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap of " + component));
    }

    static Deployment deployment(List<HasMetadata> typed, String component) {
        return Policies.of(typed, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals(HelmChart.RELEASE + "-" + component))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment of " + component));
    }

    static EnvVar env(Deployment d, String name) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(d.getMetadata().getName() + " has no env " + name));
    }
}
