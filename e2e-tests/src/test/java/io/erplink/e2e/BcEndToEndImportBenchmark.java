package io.erplink.e2e;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.erplink.infra.InfraFiles;
import io.erplink.testsupport.BcClient;

/**
 * Issue 14's benchmark: 1,000,000 items from the BC simulator (OData v4, OAuth, pages of 20,000 as BC
 * allows) through batch-service and mapping-service into {@code commerce.EcomProducts} with the shipped
 * {@code bc-import-items} activity, end to end ("run now" until COMPLETED), against the connector-XML
 * path on the same machine in the same run: {@code import-products} of 1,000,000 simulator products into
 * the same table ({@link EndToEndImportBenchmark}'s harness). Both simulators generate their pages while
 * the run asks (no page cache: the BC simulator has none), so both figures include the ERP's generation.
 * Printed: items/s, the ratio BC products/s over connector products/s (goal >= 0.8; the connector path
 * writes two EcomProductCategoryFieldValue rows per product as well), and the data requests per minute
 * against BC's limit of 6,000 per 5 minutes per user, and the JSON parse ratio (goal >= 0.6): one page of
 * {@code bcPageSize} items from the same simulator (every column) through batch-service's own page path into
 * binary chunks vs a no-op Jackson pass over the same bytes, measured by batch-service's
 * {@code bench.ODataParseRatio} in a child JVM on the packaged batch-service classes (as its
 * {@code ODataParseBenchmark} does).
 *
 * <p>Not part of the test suite. Settings (system properties): {@code items} (1000000), {@code bcPageSize}
 * (20000), {@code pageSize} (the connector's, 50000), {@code warmup} (true: both imports once on the
 * fresh JVMs first), {@code javaOpts}.
 */
public final class BcEndToEndImportBenchmark {
    static final double BC_REQUESTS_PER_MINUTE = 6000 / 5.0;

    @org.junit.jupiter.api.Test
    void endToEndImportOfOneMillionBcItems() {
        org.junit.jupiter.api.Assertions.assertEquals(0, measure(), "benchmark failed or counts did not match");
    }

    public static void main(String[] args) {
        System.exit(measure());
    }

    static int measure() {
        int items = Integer.getInteger("items", 1_000_000);
        int bcPageSize = Integer.getInteger("bcPageSize", 20_000);
        int pageSize = Integer.getInteger("pageSize", 50_000);
        String javaOpts = System.getProperty("javaOpts", "-XX:+UseParallelGC -Xss512k -Xmx1g");
        Map<String, String> services = new LinkedHashMap<>();
        services.put("ERPLINK_BATCH_SCHEDULING_ENABLED", "false");
        services.put("ERPLINK_BATCH_ENDPOINTS_BC_MAX_PAGE_SIZE", Integer.toString(bcPageSize));
        Suite suite = new Suite(
                Map.of(
                        "ERPLINK_SIMULATOR_PRODUCTS", Integer.toString(items),
                        "ERPLINK_SIMULATOR_PAGE_SIZE", Integer.toString(pageSize),
                        "ERPLINK_SIMULATOR_PAGE_CACHE", "false",
                        "ERPLINK_SIMULATOR_BC_ITEMS", Integer.toString(items),
                        "ERPLINK_SIMULATOR_BC_MAX_PAGE_SIZE", Integer.toString(Math.max(bcPageSize, 20_000))),
                services,
                javaOpts);
        try (suite) {
            suite.start();
            return run(suite, items, bcPageSize);
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }

    private static int run(Suite suite, int items, int bcPageSize) throws Exception {
        String batch = suite.batch().url();
        // every run reads everything (the BC one would otherwise be a delta run after the first)
        EndToEndImportBenchmark.alwaysReimport(batch, "import-products");
        EndToEndImportBenchmark.alwaysReimport(batch, "bc-import-items");
        if (Boolean.parseBoolean(System.getProperty("warmup", "true"))) {
            System.out.println("[bench] warm-up: both imports once on the freshly started JVMs (not the figures)");
            once(suite, "import-products", items, "warm-up connector-XML");
            once(suite, "bc-import-items", items, "warm-up OData");
        }
        EndToEndImportBenchmark.Import xml = once(suite, "import-products", items, "timed connector-XML");
        BcSimulator.clearStats(suite);
        EndToEndImportBenchmark.Import bc = once(suite, "bc-import-items", items, "timed OData");
        JsonNode stats = BcSimulator.stats(suite);
        long dataRequests =
                stats.path("requests").path("DynamicwebItemCard").path("200").asLong();
        long products;
        try (Connection db = suite.db()) {
            products = ProductImportTest.count(db, "select count(*) from commerce.ecomproducts");
        }
        long bcRead = bc.done().path("progress").path("rowsRead").asLong();
        boolean exact = products == items && bcRead == items;
        double bcRate = items / bc.seconds();
        double xmlRate = items / xml.seconds();
        double perMinute =
                (stats.path("total").asLong() - stats.path("tokenRequests").asLong()) / (bc.seconds() / 60);

        System.out.println();
        System.out.printf(
                Locale.ROOT, "[bench] %,d items from Business Central OData v4 into commerce.EcomProducts%n", items);
        System.out.printf(
                Locale.ROOT,
                "[bench]   OData run %s: pages %d, rows read %,d, written %,d, failed %d; EcomProducts rows %,d (%s)%n",
                bc.done().path("exitCode").asText(),
                bc.done().path("progress").path("pagesFetched").asInt(),
                bcRead,
                bc.done().path("progress").path("rowsWritten").asLong(),
                bc.done().path("progress").path("rowsFailed").asLong(),
                products,
                exact ? "exactly the simulator's items" : "MISMATCH");
        System.out.printf(
                Locale.ROOT, "[bench]   OData end to end        %8.1f s  %,10.0f products/s%n", bc.seconds(), bcRate);
        System.out.printf(
                Locale.ROOT,
                "[bench]   connector-XML end to end %7.1f s  %,10.0f products/s (3 rows each)%n",
                xml.seconds(),
                xmlRate);
        System.out.printf(
                Locale.ROOT, "[bench]   ratio OData / connector-XML %5.2f  (goal >= 0.8)%n", bcRate / xmlRate);
        System.out.printf(
                Locale.ROOT,
                "[bench]   requests: %d pages + %d $metadata + %d token = %.1f per minute (BC allows %.0f per"
                        + " minute: 6,000 per 5 minutes per user), concurrency high-water %d (BC: 5)%n",
                dataRequests,
                stats.path("requests").path("$metadata").path("200").asLong(),
                stats.path("tokenRequests").asLong(),
                perMinute,
                BC_REQUESTS_PER_MINUTE,
                stats.path("concurrentHighWater").asInt());
        parseRatio(suite, bcPageSize);
        System.out.println("[bench]   OData run:");
        EndToEndImportBenchmark.printPhases(bc.done(), bc.marks());
        System.out.println("[bench]   connector-XML run:");
        EndToEndImportBenchmark.printPhases(xml.done(), xml.marks());
        return exact ? 0 : 2;
    }

    /**
     * The JSON parse ratio on the first page of items (every column) and the {@code $metadata}, both saved
     * under {@code target/e2e-logs}, by batch-service's {@code bench.ODataParseRatio} in a child JVM
     * (batch-service's test classes and packaged app); its {@code [bench]} lines are printed.
     */
    private static void parseRatio(Suite suite, int bcPageSize) throws Exception {
        Path batch = InfraFiles.repoRoot().resolve("batch-service/target");
        if (!Files.isDirectory(batch.resolve("test-classes/io/erplink/batch/bench"))
                || !Files.isDirectory(batch.resolve("quarkus-app/lib/main"))) {
            System.out.println("[bench]   JSON parse ratio not measured: batch-service's test classes or packaged app"
                    + " are missing (run with -am)");
            return;
        }
        BcClient bc = suite.bc();
        String bearer = bc.bearer();
        Path dir = Path.of("target", "e2e-logs").toAbsolutePath();
        Files.createDirectories(dir);
        Path page = dir.resolve("bc-items-page.json");
        Path metadata = dir.resolve("bc-metadata.xml");
        Files.writeString(
                page,
                bc.get(bc.entitySetUrl("DynamicwebItemCard"), bearer, "Prefer", "odata.maxpagesize=" + bcPageSize));
        Files.writeString(metadata, bc.get(bc.serviceRoot() + "/$metadata", bearer));
        String classpath = String.join(
                File.pathSeparator,
                batch.resolve("test-classes").toString(),
                batch.resolve("quarkus-app/app/*").toString(),
                batch.resolve("quarkus-app/lib/main/*").toString());
        Process ratio = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx1g",
                        "-cp",
                        classpath,
                        "io.erplink.batch.bench.ODataParseRatio",
                        page.toString(),
                        metadata.toString(),
                        "DynamicwebItemCard",
                        "SystemModifiedAt")
                .redirectErrorStream(true)
                .start();
        String output = new String(ratio.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = ratio.waitFor();
        output.lines()
                .filter(line -> line.startsWith("[bench]"))
                .forEach(line -> System.out.println(
                        "[bench]   " + line.substring("[bench]".length()).strip()));
        if (exit != 0) {
            System.out.println("[bench]   JSON parse ratio failed (exit " + exit + "):");
            System.out.println(output);
        }
    }

    /** Empty product tables and a checkpoint, then one import until COMPLETED. */
    private static EndToEndImportBenchmark.Import once(Suite suite, String activity, int items, String label)
            throws Exception {
        try (Connection db = suite.db();
                Statement s = db.createStatement()) {
            s.execute("truncate commerce.ecomproducts, commerce.ecomproductcategoryfieldvalue");
        }
        EndToEndImportBenchmark.checkpoint(suite);
        return EndToEndImportBenchmark.importOnce(suite, activity, items, false, label);
    }
}
