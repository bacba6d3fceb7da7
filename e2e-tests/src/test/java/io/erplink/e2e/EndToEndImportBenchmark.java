package io.erplink.e2e;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import io.restassured.path.json.JsonPath;

/**
 * 1,000,000 products from the erp-simulator through batch-service (fetch, stream-parse, chunk, publish
 * to Kafka) and mapping-service (stage by COPY, merge) into {@code commerce.EcomProducts} (and the two
 * {@code EcomProductCategoryFieldValue} rows per product): end-to-end time from "run now" to the run's
 * COMPLETED, rows/s, and the ratio to a raw COPY of the same rows into the same tables measured in the
 * same run (the tables' rows exported with {@code COPY TO}, the tables emptied, then {@code COPY FROM}).
 * Goals (issue 4): end-to-end <= 5 min, ratio (COPY time / end-to-end time) >= 0.25.
 *
 * <p>Not part of the test suite; see e2e-tests/README.md for how to run it. Settings (system properties):
 * {@code products} (1000000), {@code pageSize} (50000), {@code chunkSize} (1000),
 * {@code javaOpts} (of the services and the simulator).
 */
public final class EndToEndImportBenchmark {

    /** The same as {@link #main(String[])}, for surefire ({@code -Dtest=EndToEndImportBenchmark}). */
    @org.junit.jupiter.api.Test
    void endToEndImportOfOneMillionProducts() {
        org.junit.jupiter.api.Assertions.assertEquals(0, measure(), "benchmark failed or counts did not match");
    }

    public static void main(String[] args) {
        System.exit(measure());
    }

    static int measure() {
        int products = Integer.getInteger("products", 1_000_000);
        int pageSize = Integer.getInteger("pageSize", 50_000);
        String chunkSize = System.getProperty("chunkSize", "1000");
        String javaOpts = System.getProperty("javaOpts", "-XX:+UseParallelGC -Xss512k -Xmx1g");
        Suite suite = new Suite(Map.of("ERPLINK_SIMULATOR_PRODUCTS", Integer.toString(products),
                "ERPLINK_SIMULATOR_PAGE_SIZE", Integer.toString(pageSize)),
                Map.of("ERPLINK_BATCH_CHUNK_SIZE", chunkSize, "ERPLINK_BATCH_SCHEDULING_ENABLED", "false"), javaOpts);
        try (suite) {
            suite.start();
            return run(suite, products);
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }

    private static int run(Suite suite, int products) throws Exception {
        String batch = suite.batch().url();
        System.out.printf(Locale.ROOT, "[bench] %,d products in pages of the simulator's size; importing...%n", products);
        long t0 = System.nanoTime();
        UUID run = Batch.runNow(batch, "import-products");
        JsonPath done = Batch.await(() -> batch, run, Duration.ofMinutes(30), json -> {
            String status = json.getString("status");
            if (!"COMPLETED".equals(status)) {
                System.out.printf(Locale.ROOT, "[bench]   %5.0f s %s/%s pages %d rows read %,d chunks %d/%d%n",
                        (System.nanoTime() - t0) / 1e9, status, json.getString("phase"), json.getInt("progress.pagesFetched"),
                        json.getLong("progress.rowsRead"), json.getLong("progress.chunksReported"),
                        json.getLong("progress.chunksPublished"));
                sleep(5000);
                return false;
            }
            return true;
        });
        double e2eSeconds = (System.nanoTime() - t0) / 1e9;
        long rowsRead = done.getLong("progress.rowsRead");
        long written = done.getLong("progress.rowsWritten");
        System.out.printf(Locale.ROOT, "[bench] run COMPLETED after %.1f s; measuring a raw COPY of the same rows...%n",
                e2eSeconds);

        long productRows;
        long fieldRows;
        Path dir = Files.createTempDirectory("erplink-bench");
        Path productsFile = dir.resolve("ecomproducts.copy");
        Path fieldsFile = dir.resolve("ecomproductcategoryfieldvalue.copy");
        double copySeconds;
        try (Connection db = suite.db()) {
            CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
            productRows = copyOut(copy, "commerce.ecomproducts", productsFile);
            fieldRows = copyOut(copy, "commerce.ecomproductcategoryfieldvalue", fieldsFile);
            try (Statement s = db.createStatement()) {
                s.execute("truncate commerce.ecomproducts, commerce.ecomproductcategoryfieldvalue");
            }
            long c0 = System.nanoTime();
            copyIn(copy, "commerce.ecomproducts", productsFile);
            copyIn(copy, "commerce.ecomproductcategoryfieldvalue", fieldsFile);
            copySeconds = (System.nanoTime() - c0) / 1e9;
        } finally {
            Files.deleteIfExists(productsFile);
            Files.deleteIfExists(fieldsFile);
            Files.deleteIfExists(dir);
        }
        long copied = productRows + fieldRows;
        boolean exact = productRows == products && rowsRead == 3L * products;
        double ratio = copySeconds / e2eSeconds;
        System.out.println();
        System.out.printf(Locale.ROOT, "[bench] end-to-end import of %,d products (%,d rows: EcomProducts + 2 category field"
                + " values each)%n", products, rowsRead);
        System.out.printf(Locale.ROOT, "[bench]   run %s: pages %d, rows read %,d, rows written %,d, failed %d%n",
                done.getString("exitCode"), done.getInt("progress.pagesFetched"), rowsRead, written,
                done.getLong("progress.rowsFailed"));
        System.out.printf(Locale.ROOT, "[bench]   commerce.EcomProducts rows: %,d (%s)%n", productRows,
                exact ? "exactly the simulator's products" : "MISMATCH");
        System.out.printf(Locale.ROOT, "[bench]   end-to-end time        %8.1f s  (goal <= 300 s)%n", e2eSeconds);
        System.out.printf(Locale.ROOT, "[bench]   end-to-end rate        %,10.0f rows/s, %,.0f products/s%n",
                rowsRead / e2eSeconds, products / e2eSeconds);
        System.out.printf(Locale.ROOT, "[bench]   raw COPY of %,d rows  %8.1f s  (%,.0f rows/s)%n", copied, copySeconds,
                copied / copySeconds);
        System.out.printf(Locale.ROOT, "[bench]   ratio COPY / end-to-end %7.2f  (goal >= 0.25)%n", ratio);
        return exact ? 0 : 2;
    }

    private static long copyOut(CopyManager copy, String table, Path file) throws Exception {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            return copy.copyOut("copy " + table + " to stdout (format binary)", out);
        }
    }

    private static long copyIn(CopyManager copy, String table, Path file) throws Exception {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            return copy.copyIn("copy " + table + " from stdin (format binary)", in);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
