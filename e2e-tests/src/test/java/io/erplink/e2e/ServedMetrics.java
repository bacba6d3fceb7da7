package io.erplink.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;

/** The Prometheus exposition of a running service, as metric sample names. */
final class ServedMetrics {
    private ServedMetrics() {}

    /** {@code /q/metrics} of an app, as text. */
    static String scrape(AppProcess app) {
        return given().baseUri(app.url())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /**
     * The sample names of an exposition ({@code erplink_erp_requests_seconds_count}, ...) and the family
     * names of its {@code # TYPE} lines; a histogram or summary family is named by both.
     */
    static Set<String> names(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                names.add(line.split(" ")[2]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                int end = 0;
                while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                    end++;
                }
                names.add(line.substring(0, end));
            }
        }
        return names;
    }

    /** Keeps a scrape beside the suite's logs, for whoever reads a failure. */
    static void keep(AppProcess app, String exposition) throws IOException {
        Path dir = Path.of("target", "e2e-logs", "metrics");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(app.name() + ".prom"), exposition);
    }
}
