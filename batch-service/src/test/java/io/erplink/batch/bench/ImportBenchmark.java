package io.erplink.batch.bench;

import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import io.erplink.batch.erp.ErpClient;
import io.erplink.batch.erp.ErpEndpoints;
import io.erplink.protocol.requests.GetEcomData;
import io.erplink.protocol.requests.RequestAttributes;
import io.erplink.protocol.tables.TablesHeader;
import io.erplink.protocol.tables.TablesReader;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Import throughput for 1,000,000 products from the erp-simulator (3 rows per product: EcomProducts
 * and two EcomProductCategoryFieldValue): fetch + stream-parse + chunk + publish to the real Kafka
 * broker with page commits, until the run is sealed. Baseline measured in the same run: the same
 * pages fetched and only drained (bytes read, no parsing, no Kafka). Excluded from the suite; run
 * with {@code ./mvnw -pl batch-service test -Dtest=ImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * The full end-to-end (mapping-service merging into the commerce DB, vs. a raw COPY) needs both
 * services and is measured outside this module.
 */
@QuarkusTest
@TestProfile(ImportBenchmark.Profile.class)
@QuarkusTestResource(value = PostgresKafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(
        value = ErpSimulatorTestResource.class,
        restrictToAnnotatedClass = true,
        initArgs = {
            @ResourceArg(name = "erplink.simulator.products", value = "1000000"),
            @ResourceArg(name = "erplink.simulator.page-size", value = "50000")
        })
@QuarkusTestResource(value = OperatorJwtTestResource.class, restrictToAnnotatedClass = true)
class ImportBenchmark {
    static final long PRODUCTS = 1_000_000;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "erplink.batch.chunk-size",
                    "1000",
                    "erplink.batch.scheduling.enabled",
                    "false",
                    "quarkus.log.category.\"io.erplink\".level",
                    "WARN");
        }
    }

    @Inject
    ErpClient erp;

    @Test
    void importOneMillionProducts() {
        GetEcomData request = GetEcomData.all("Products");
        // baseline: fetch and drain every page
        long start = System.nanoTime();
        long bytes = 0;
        int page = 1;
        String batchId = null;
        while (true) {
            GetEcomData paged = page == 1
                    ? request
                    : request.with(RequestAttributes.BATCH_ID, batchId)
                            .with(RequestAttributes.PAGE_NUMBER, Integer.toString(page));
            long[] read = new long[1];
            TablesHeader header =
                    erp.fetch(ErpEndpoints.DEFAULT, "bench", paged.toXml(), Duration.ofMinutes(5), body -> {
                        byte[] buffer = new byte[64 * 1024];
                        TablesHeader h;
                        try (InputStream in = body) {
                            // the header only, then drain the raw bytes
                            java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(in, 1 << 16);
                            buffered.mark(1 << 16);
                            h = TablesReader.open(buffered).header();
                            buffered.reset();
                            for (int n = buffered.read(buffer); n >= 0; n = buffered.read(buffer)) {
                                read[0] += n;
                            }
                        }
                        return h;
                    });
            bytes += read[0];
            batchId = header.batchId();
            if (header.lastPage()) {
                break;
            }
            page++;
        }
        double baselineSeconds = (System.nanoTime() - start) / 1e9;

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "bench-products");
        body.put("type", "IMPORT_WITH_PAGING");
        body.put("requestXml", request.toXml());
        body.put("mappingJob", "ifv2-import-products");
        body.put("timeoutSeconds", 3600);
        OperatorJwtTestResource.asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/activities")
                .then()
                .statusCode(201);
        long runStart = System.nanoTime();
        String id = OperatorJwtTestResource.asAdmin()
                .post("/api/v1/activities/bench-products/run")
                .then()
                .statusCode(202)
                .extract()
                .path("runId");
        JsonPath run;
        while (true) {
            run = OperatorJwtTestResource.asOperator()
                    .get("/api/v1/runs/" + UUID.fromString(id))
                    .then()
                    .extract()
                    .jsonPath();
            if ("AWAITING_MERGE".equals(run.getString("phase")) || "FAILED".equals(run.getString("status"))) {
                break;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        double runSeconds = (System.nanoTime() - runStart) / 1e9;
        long rows = run.getLong("progress.rowsRead");
        assertEquals(3 * PRODUCTS, rows, run.getString("exitMessage"));
        int pages = run.getInt("progress.pagesFetched");
        System.out.printf(
                "%nImportBenchmark: %d products = %d rows, %d pages, %.1f MB of XML%n",
                PRODUCTS, rows, pages, bytes / 1e6);
        System.out.printf(
                "  baseline fetch+drain : %6.1f s  %9.0f rows/s  %6.1f MB/s%n",
                baselineSeconds, rows / baselineSeconds, bytes / 1e6 / baselineSeconds);
        System.out.printf(
                "  run fetch+parse+chunk+publish+commit (to sealed): %6.1f s  %9.0f rows/s  %5.2f pages/s%n",
                runSeconds, rows / runSeconds, pages / runSeconds);
        System.out.printf(
                "  ratio baseline/run: %.2f (1.0 = the import adds nothing to the transfer)%n%n",
                baselineSeconds / runSeconds);
    }
}
