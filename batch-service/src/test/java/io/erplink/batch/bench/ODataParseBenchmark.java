package io.erplink.batch.bench;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.erplink.batch.BcSimulatorTestResource;
import io.erplink.batch.odata.DeltaValues;
import io.erplink.batch.odata.ODataPageReader;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * JSON parse throughput of the OData page reader (issue 14, goal >= 0.6): one page of 20,000
 * DynamicwebItemCard rows as the BC simulator sends it (every column), read by {@link ODataPageReader} (the
 * service's limits, the delta field tracked, each row handed to a sink as a column map) and, as the baseline
 * over the same bytes in the same run, by a no-op Jackson pass (every token read, nothing built). Best of
 * {@code rounds} (default 10) after as many warm-up rounds. Excluded from the suite; run with
 * {@code ./mvnw -B verify -pl batch-service -am -Dtest=ODataParseBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ODataParseBenchmark {
    static final int ROWS = 20_000;

    @Test
    void parsesAPageOfTwentyThousandItemsAgainstANoOpJacksonPass() throws Exception {
        BcSimulatorTestResource simulator = new BcSimulatorTestResource();
        simulator.init(Map.of("erplink.simulator.bc.items", Integer.toString(ROWS)));
        simulator.start();
        try {
            byte[] page = page();
            int rounds = Integer.getInteger("rounds", 10);
            ODataPageReader reader = new ODataPageReader(1024 * 1024, 16);
            JsonFactory plain = new JsonFactory();
            long[] sink = new long[1];
            double best = Double.MAX_VALUE;
            double baseline = Double.MAX_VALUE;
            for (int i = 0; i < 2 * rounds; i++) {
                long t0 = System.nanoTime();
                ODataPageReader.Page read = reader.read(
                        new ByteArrayInputStream(page),
                        "SystemModifiedAt",
                        DeltaValues.ORDER,
                        (n, columns) -> sink[0] += columns.size());
                long t1 = System.nanoTime();
                long tokens = 0;
                try (JsonParser p = plain.createParser(new ByteArrayInputStream(page))) {
                    while (p.nextToken() != null) {
                        tokens++;
                    }
                }
                long t2 = System.nanoTime();
                assertEquals(ROWS, read.rows());
                if (i >= rounds) {
                    best = Math.min(best, (t1 - t0) / 1e9);
                    baseline = Math.min(baseline, (t2 - t1) / 1e9);
                }
                sink[0] += tokens;
            }
            double mb = page.length / 1e6;
            System.out.printf(Locale.ROOT, "[bench] one page: %,d rows, %,.1f MB of JSON%n", ROWS, mb);
            System.out.printf(
                    Locale.ROOT,
                    "[bench]   ODataPageReader   %7.1f ms  %,8.1f MB/s  %,10.0f rows/s%n",
                    best * 1e3,
                    mb / best,
                    ROWS / best);
            System.out.printf(
                    Locale.ROOT, "[bench]   no-op Jackson     %7.1f ms  %,8.1f MB/s%n", baseline * 1e3, mb / baseline);
            System.out.printf(
                    Locale.ROOT,
                    "[bench]   ratio reader / no-op %5.2f  (goal >= 0.6)  [%d]%n",
                    baseline / best,
                    sink[0] % 10);
        } finally {
            simulator.stop();
        }
    }

    /** The first page of DynamicwebItemCard, every column, as the simulator serves it to an OAuth client. */
    private static byte[] page() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = BcSimulatorTestResource.baseUrl();
        String form = "grant_type=client_credentials&client_id=" + BcSimulatorTestResource.CLIENT_ID
                + "&client_secret=" + URLEncoder.encode(BcSimulatorTestResource.clientSecret(), StandardCharsets.UTF_8)
                + "&scope="
                + URLEncoder.encode("https://api.businesscentral.dynamics.com/.default", StandardCharsets.UTF_8);
        HttpResponse<String> token = http.send(
                HttpRequest.newBuilder(
                                URI.create(base + "/bc/" + BcSimulatorTestResource.TENANT + "/oauth2/v2.0/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), token.body());
        String bearer = "Bearer "
                + new ObjectMapper().readTree(token.body()).path("access_token").asText();
        String url = base + "/bc/v2.0/" + BcSimulatorTestResource.TENANT + "/production/ODataV4/Company('"
                + URLEncoder.encode(BcSimulatorTestResource.COMPANY, StandardCharsets.UTF_8)
                        .replace("+", "%20")
                + "')/DynamicwebItemCard";
        HttpResponse<byte[]> page = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", bearer)
                        .header("Prefer", "odata.maxpagesize=" + ROWS)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, page.statusCode());
        return page.body();
    }
}
