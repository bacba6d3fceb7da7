package io.erplink.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chart's PrometheusRule and Grafana dashboards (issue 17), as the production values render them:
 * the rules pass {@code promtool check rules} and their unit tests ({@code promtool test rules},
 * src/test/resources/promtool/alerts-test.yaml); every alert has a summary and a runbook URL whose
 * anchor is a section of docs/operations.md; the dashboards are ConfigMaps with the
 * {@code grafana_dashboard} label, their queries are valid PromQL (promtool checks them as recording
 * rules) and name only metrics of the runbook's metric table, which e2e-tests' ServedMetricsTest
 * checks against the services' {@code /q/metrics}.
 */
class AlertsAndDashboardsTest {
    static final String RUNBOOK_URL = "https://runbook.example/operations.md";
    static final Path PRODUCTION = HelmChart.CHART.resolve("ci/production-values.yaml");
    static final Path WORK = HelmChart.ROOT.resolve("deploy-tests/target/promtool");

    /** The services' metric names (the Kafka client's and Micrometer's too); not kube-state-metrics'. */
    static final Pattern METRIC =
            Pattern.compile("\\b(?:erplink|kafka_consumer|kafka_producer|http_server|ft|jvm|process)_[a-z0-9_]*\\*?");

    private static List<ObjectNode> rendered() {
        return Manifests.parse(
                HelmChart.template(PRODUCTION, Map.of("metrics.prometheusRule.runbookUrl", RUNBOOK_URL)), "production");
    }

    private static JsonNode rules() {
        List<ObjectNode> rules = Manifests.ofKind(rendered(), "PrometheusRule");
        assertEquals(1, rules.size(), "one PrometheusRule");
        return rules.get(0).path("spec");
    }

    @Test
    void alertRulesPassPromtoolCheckAndTheirUnitTests() throws Exception {
        Files.createDirectories(WORK);
        Manifests.YAML.writeValue(WORK.resolve("rules.yaml").toFile(), rules());
        Files.copy(
                Path.of("src/test/resources/promtool/alerts-test.yaml"),
                WORK.resolve("alerts-test.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String check = promtool("check", "rules", "rules.yaml");
        assertTrue(check.contains("SUCCESS: 12 rules found"), check);
        String test = promtool("test", "rules", "alerts-test.yaml");
        assertTrue(test.contains("SUCCESS"), test);
    }

    @Test
    void everyAlertHasASummaryAndARunbookSectionThatExists() throws Exception {
        Set<String> anchors = anchors(Files.readString(HelmChart.ROOT.resolve("docs/operations.md")));
        List<String> problems = new ArrayList<>();
        Set<String> alerts = new TreeSet<>();
        for (JsonNode group : rules().path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                alerts.add(alert);
                JsonNode annotations = rule.path("annotations");
                if (annotations.path("summary").asText().isBlank()) {
                    problems.add(alert + ": no summary");
                }
                String url = annotations.path("runbook_url").asText();
                if (!url.startsWith(RUNBOOK_URL + "#") || !anchors.contains(url.substring(RUNBOOK_URL.length() + 1))) {
                    problems.add(alert + ": runbook_url " + url + " is no section of docs/operations.md " + anchors);
                }
                if (!Set.of("critical", "warning")
                        .contains(rule.path("labels").path("severity").asText())) {
                    problems.add(alert + ": severity " + rule.path("labels").path("severity"));
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(
                Set.of(
                        "ErplinkErpDown",
                        "ErplinkErpThrottling",
                        "ErplinkErpBudgetSaturated",
                        "ErplinkQueuedOrdersOld",
                        "ErplinkQueuedOrdersGrowingWhileErpUp",
                        "ErplinkOrdersFailed",
                        "ErplinkRunFailed",
                        "ErplinkDueRunBacklog",
                        "ErplinkMergeTooLong",
                        "ErplinkDeadLetters",
                        "ErplinkOutboxBacklog",
                        "ErplinkConsumerLag"),
                alerts);
    }

    @Test
    void dashboardsAreLabelledConfigMapsWithValidQueriesOfDocumentedMetrics() throws Exception {
        List<ObjectNode> dashboards = Manifests.ofKind(rendered(), "ConfigMap").stream()
                .filter(cm -> cm.path("metadata").path("labels").has("grafana_dashboard"))
                .toList();
        assertEquals(
                List.of("erplink-erp", "erplink-order-queue", "erplink-runs", "erplink-storefront"),
                dashboards.stream().map(Manifests::name).sorted().toList());
        Set<String> documented = documentedMetrics();
        Set<String> uids = new HashSet<>();
        List<String> queries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ObjectNode cm : dashboards) {
            assertEquals(
                    "1",
                    cm.path("metadata").path("labels").path("grafana_dashboard").asText());
            JsonNode data = cm.path("data");
            assertEquals(1, data.size(), Manifests.name(cm) + ": one dashboard per ConfigMap");
            String file = data.fieldNames().next();
            JsonNode dashboard = Manifests.JSON.readTree(data.path(file).asText());
            assertTrue(uids.add(dashboard.path("uid").asText()), "unique uid " + dashboard.path("uid"));
            assertTrue(dashboard.path("panels").size() >= 6, file + ": panels");
            for (JsonNode panel : dashboard.path("panels")) {
                assertTrue(panel.path("targets").size() >= 1, file + " " + panel.path("title") + ": no query");
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText();
                    queries.add(expr);
                    Matcher m = METRIC.matcher(expr);
                    while (m.find()) {
                        if (!documented.contains(m.group())) {
                            problems.add(file + " " + panel.path("title").asText() + ": " + m.group());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems, "dashboard metrics missing from the runbook's metric table");
        // promtool parses every query: each becomes a recording rule ($__rate_interval as Grafana fills it).
        StringBuilder recording = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            recording
                    .append("      - record: dashboard:query")
                    .append(i)
                    .append("\n        expr: ")
                    .append(Manifests.JSON.writeValueAsString(queries.get(i).replace("$__rate_interval", "1m")))
                    .append('\n');
        }
        Files.createDirectories(WORK);
        Files.writeString(WORK.resolve("dashboard-queries.yaml"), recording);
        String check = promtool("check", "rules", "dashboard-queries.yaml");
        assertTrue(check.contains("SUCCESS: " + queries.size() + " rules found"), check);
    }

    @Test
    void rulesAndDashboardsAreOffByDefault() {
        List<ObjectNode> defaults = Manifests.parse(
                HelmChart.template(HelmChart.CHART.resolve("ci/default-values.yaml"), Map.of()), "defaults");
        assertEquals(List.of(), Manifests.ofKind(defaults, "PrometheusRule"));
        assertEquals(
                List.of(),
                Manifests.ofKind(defaults, "ConfigMap").stream()
                        .filter(cm -> cm.path("metadata").path("labels").has("grafana_dashboard"))
                        .toList());
    }

    /** Names in backticks of the runbook's "Metrics reference" section: e2e-tests checks each is served. */
    static Set<String> documentedMetrics() throws IOException {
        String runbook = Files.readString(HelmChart.ROOT.resolve("docs/operations.md"));
        int start = runbook.indexOf("\n## Metrics reference");
        assertTrue(start >= 0, "docs/operations.md has a section ## Metrics reference");
        int end = runbook.indexOf("\n## ", start + 1);
        Set<String> names = new LinkedHashSet<>();
        Matcher m = METRIC.matcher(runbook.substring(start, end < 0 ? runbook.length() : end));
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** GitHub's anchors of the Markdown headings: lower case, punctuation dropped, spaces to hyphens. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("#")) {
                String text = line.replaceFirst("^#+\\s*", "").strip();
                String slug = Normalizer.normalize(text, Normalizer.Form.NFKC)
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-');
                anchors.add(slug);
            }
        }
        return anchors;
    }

    /** Runs promtool in {@link #WORK}; its output, or an AssertionError with it. */
    static String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("promtool");
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(WORK.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError(
                    "promtool is missing: apt-get install prometheus (Debian's package ships it; .ci/run installs it)",
                    e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool finished");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
        return output;
    }
}
