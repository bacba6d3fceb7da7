package io.erplink.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;

import io.erplink.infra.InfraFiles;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Docs, alert rules and dashboards cannot name a metric the services do not serve (issue 17): after an
 * ERP outage during an import and an order (so that the waits, the queue and the merge have all been
 * counted), every metric name in {@code docs/*.md}, the chart's PrometheusRule and its Grafana
 * dashboards is in the {@code /q/metrics} of the four services, and every row of the runbook's metric
 * table is served by each service the row names.
 */
@ExtendWith(SuiteExtension.class)
class ServedMetricsTest {

    @AfterEach
    void clearFaults() {
        Simulator.clearFaults(SuiteExtension.suite());
    }

    @Test
    void everyMetricTheDocsTheAlertsAndTheDashboardsNameIsServed() throws Exception {
        Suite suite = SuiteExtension.suite();
        suite.startOrderServices();
        exerciseThroughAnOutage(suite);

        Path repo = InfraFiles.repoRoot();
        Map<String, Set<String>> named = new LinkedHashMap<>();
        try (Stream<Path> docs = Files.list(repo.resolve("docs"))) {
            for (Path doc :
                    docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                named.put(repo.relativize(doc).toString(), MetricNames.inCode(Files.readString(doc)));
            }
        }
        for (Path chartFile : chartFilesNamingMetrics(repo)) {
            named.put(repo.relativize(chartFile).toString(), MetricNames.in(Files.readString(chartFile)));
        }
        assertTrue(
                named.get("helm/erplink/files/prometheus-rules.yaml").contains("erplink_erp_breaker_state"),
                "the alert rules are read: " + named.keySet());
        Map<String, List<String>> table = MetricNames.table(Files.readString(repo.resolve("docs/operations.md")));

        // Micrometer binds a Kafka client's per-partition metrics (records_lag) at its refresh, every
        // 60 s: a name may take that long to appear after the partitions were assigned.
        long deadline = System.nanoTime() + Duration.ofSeconds(75).toNanos();
        List<String> missing = missing(suite, named, table);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5_000);
            missing = missing(suite, named, table);
        }
        assertEquals(List.of(), missing, "named but not served (scrapes in target/e2e-logs/metrics)");
        assertTrue(table.size() >= 30, "the metric table is read: " + table.keySet());
    }

    /** The names of {@code named} and of the runbook's metric {@code table} that the services do not serve. */
    private static List<String> missing(Suite suite, Map<String, Set<String>> named, Map<String, List<String>> table)
            throws IOException {
        Map<String, Set<String>> served = new LinkedHashMap<>();
        for (AppProcess app : List.of(suite.live(), suite.batch(), suite.mapping(), suite.orderQueue())) {
            String exposition = ServedMetrics.scrape(app);
            ServedMetrics.keep(app, exposition);
            served.put(app.name().replaceFirst("-\\d+$", ""), ServedMetrics.names(exposition));
        }
        Set<String> all = new TreeSet<>();
        served.values().forEach(all::addAll);
        List<String> missing = new ArrayList<>();
        named.forEach((file, names) -> names.stream()
                .filter(name -> !MetricNames.served(name, all))
                .forEach(name -> missing.add(file + ": " + name)));
        table.forEach((name, services) -> services.stream()
                .filter(service -> !MetricNames.served(name, served.get(service)))
                .forEach(service -> missing.add("docs/operations.md metric table: " + name + " on " + service)));
        return missing;
    }

    /**
     * The ERP down for ten seconds while an import runs and an order is placed: batch-service waits, the
     * order is queued; then the ERP is back, the run completes and the order is synced.
     *
     * @return the run
     */
    static UUID exerciseThroughAnOutage(Suite suite) throws Exception {
        String orderId = "E2E-METRICS-" + UUID.randomUUID();
        // Prices from the ERP, then (below) during the outage from the cache; every operator API asked once.
        prices(suite);
        given().baseUri(suite.mapping().url())
                .get("/api/v1/mapping-runs?size=1")
                .then()
                .statusCode(200);
        given().baseUri(suite.orderQueue().url())
                .get("/api/v1/queued-orders/counts")
                .then()
                .statusCode(200);
        Simulator.faults(suite, "{\"outage\":true}");
        prices(suite);
        UUID run = Batch.runNow(suite.batch().url(), "import-products");
        Storefront.placeOrder(suite.live(), orderId).statusCode(202);
        Thread.sleep(10_000);
        Simulator.clearFaults(suite);
        Batch.awaitCompleted(() -> suite.batch().url(), run, Duration.ofSeconds(180));
        assertEquals(
                "synced",
                QueuedOrderTest.awaitOrder(suite, orderId, Duration.ofSeconds(90))
                        .getString("status"));
        return run;
    }

    private static void prices(Suite suite) {
        given().baseUri(suite.live().url())
                .header("X-Api-Key", Suite.API_KEY)
                .contentType(ContentType.JSON)
                .body(Map.of("currency", "EUR", "items", List.of(Map.of("productId", "10001", "quantity", 1))))
                .post("/api/v1/prices")
                .then()
                .statusCode(200);
    }

    private static List<Path> chartFilesNamingMetrics(Path repo) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(repo.resolve("helm/erplink/files/prometheus-rules.yaml"));
        try (Stream<Path> dashboards = Files.list(repo.resolve("helm/erplink/dashboards"))) {
            dashboards.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
        return files;
    }
}
