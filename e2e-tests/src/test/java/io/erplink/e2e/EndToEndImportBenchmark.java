package io.erplink.e2e;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.path.json.JsonPath;

import io.erplink.protocol.requests.ConnectorRequest;
import io.erplink.protocol.requests.GetEcomData;
import io.erplink.protocol.requests.RequestAttributes;

import static io.restassured.RestAssured.given;

/**
 * 1,000,000 products from the erp-simulator through batch-service (fetch, stream-parse, chunk, publish
 * to Kafka) and mapping-service (stage by COPY, merge) into {@code commerce.EcomProducts} (and the two
 * {@code EcomProductCategoryFieldValue} rows per product): end-to-end time from "run now" to the run's
 * COMPLETED, rows/s, and the ratio to a raw COPY of the same rows into the same tables measured in the
 * same run (the tables' rows exported with {@code COPY TO}, then three times: the tables emptied, a checkpoint,
 * {@code COPY FROM}; the fastest counts, so the baseline is the best the database did).
 * Goals (issue 4): end-to-end <= 5 min, ratio (COPY time / end-to-end time) >= 0.25.
 *
 * <p>Where the time goes: the run's phases (fetch + parse + publish until sealed, mapping-service's staging
 * tail, merge) and the CPU seconds each process used in each phase ({@link CpuMeter}: erp-simulator,
 * batch-service, mapping-service, Kafka broker, PostgreSQL with its backends, this JVM's polling, and the
 * machine's busy time, which shows other processes' load). The sum over the import's processes divided by
 * the cores is the shortest time the import could take on this machine.
 *
 * <p>The simulator's page cache (on by default, {@code -DsimulatorPageCache=false} turns it off): before the
 * timed window, every page of the export is requested once exactly as the run will ask for it, and the
 * simulator keeps each generated answer as a file; the run then gets the same bytes from the file instead of
 * a fresh generation. What is timed is therefore erplink's work (HTTP transfer, parsing, chunking,
 * publishing, staging, merging) without the simulator's XML generation, which a real ERP does on its own
 * machine. The bytes are identical to the generator's (erp-simulator's PageCacheTest); the output says how
 * many of the run's pages the cache answered.
 *
 * <p>Warm-up (on by default, {@code -Dwarmup=false} turns it off): the services run for days, so an import
 * meets JVMs that compiled their hot code long ago. Freshly started JVMs (the services and the Kafka broker)
 * spend a large share of the first import's CPU on JIT compilation. The same import therefore runs once
 * first (its time, ratio and CPU are printed too), the commerce tables are emptied, and the second, the
 * timed run, is again a first import into empty tables. The activity is set to reimport, so both runs send
 * the same request and get the same cached pages.
 *
 * <p>Restarted services (on by default, {@code -DrestartedRun=false} turns it off): issue 19's figure for fresh
 * JVMs as a deploy meets them. After the timed run batch-service and mapping-service start again while
 * PostgreSQL and the Kafka broker keep running, and the same import runs once more into emptied tables. The
 * warm-up's figure is the whole suite just started: a broker JVM and a database server that also just started
 * (PostgreSQL's first WAL segments, cold caches). Each run's CPU per process and each service's JIT compile
 * time ({@code jstat -compiler}) are printed side by side.
 *
 * <p>Not part of the test suite; see e2e-tests/README.md for how to run it. Settings (system properties):
 * {@code products} (1000000), {@code pageSize} (50000), {@code chunkSize} (batch-service's default), {@code warmup} (true),
 * {@code javaOpts} (of the services and the simulator), {@code simulatorPageCache} (true),
 * {@code compression} (batch-service's {@code erplink.batch.publish.compression}, its default when not given),
 * {@code shadowSwap} (mapping-service's {@code erplink.mapping.shadow-swap.enabled}: false merges the first
 * import eagerly instead of swapping its staging tables in), {@code mappingReplicas} (1: more start further
 * mapping-service processes and spread each run's chunks over the partitions), {@code partitioning}
 * (batch-service's {@code erplink.batch.publish.partitioning}; {@code spread} when {@code mappingReplicas > 1}).
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

    /** Where the children write their GC logs ({@link HeapPeaks}); also BcEndToEndImportBenchmark's. */
    static final Path GC_LOGS = Path.of("target", "e2e-logs").toAbsolutePath();

    /** Issue 19's goal: no service's heap above this during the 1M import. */
    private static final long HEAP_GOAL_BYTES = 512L << 20;

    static int measure() {
        int products = Integer.getInteger("products", 1_000_000);
        int pageSize = Integer.getInteger("pageSize", 50_000);
        String chunkSize = System.getProperty("chunkSize");
        String javaOpts = System.getProperty("javaOpts", "-XX:+UseParallelGC -Xss512k -Xmx1g") + " "
                + HeapPeaks.jvmOption(GC_LOGS);
        boolean pageCache = Boolean.parseBoolean(System.getProperty("simulatorPageCache", "true"));
        Suite suite = new Suite(
                Map.of(
                        "ERPLINK_SIMULATOR_PRODUCTS",
                        Integer.toString(products),
                        "ERPLINK_SIMULATOR_PAGE_SIZE",
                        Integer.toString(pageSize),
                        "ERPLINK_SIMULATOR_PAGE_CACHE",
                        Boolean.toString(pageCache)),
                batchSettings(chunkSize),
                javaOpts);
        try (suite) {
            Files.createDirectories(GC_LOGS); // the children's -Xlog:gc file; a JVM does not start without it
            suite.start();
            for (int replica = 2; replica <= mappingReplicas(); replica++) {
                suite.startMappingInstance("mapping-service-" + replica);
            }
            return run(suite, products, pageCache);
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }

    /** The services' settings: no schedules, and {@code -DchunkSize}, {@code -Dcompression}, {@code -DshadowSwap} when given. */
    private static Map<String, String> batchSettings(String chunkSize) {
        Map<String, String> env = new LinkedHashMap<>(Map.of("ERPLINK_BATCH_SCHEDULING_ENABLED", "false"));
        if (chunkSize != null) {
            env.put("ERPLINK_BATCH_CHUNK_SIZE", chunkSize);
        }
        String compression = System.getProperty("compression");
        if (compression != null) {
            env.put("ERPLINK_BATCH_PUBLISH_COMPRESSION", compression);
        }
        String shadowSwap = System.getProperty("shadowSwap");
        if (shadowSwap != null) {
            env.put("ERPLINK_MAPPING_SHADOW_SWAP_ENABLED", shadowSwap);
        }
        // Several mapping-service replicas share one run only if its chunks are spread over the partitions.
        env.put("ERPLINK_BATCH_PUBLISH_PARTITIONING", partitioning());
        return env;
    }

    /** {@code -Dpartitioning}: {@code spread} by default with several mapping-service processes, else {@code run}. */
    private static String partitioning() {
        return System.getProperty("partitioning", mappingReplicas() > 1 ? "spread" : "run");
    }

    /** {@code -DmappingReplicas} (1): mapping-service processes consuming batch.records. */
    private static int mappingReplicas() {
        return Integer.getInteger("mappingReplicas", 1);
    }

    private static int run(Suite suite, int products, boolean pageCache) throws Exception {
        String batch = suite.batch().url();
        if (pageCache) {
            // The ERP's CPU is not erplink's: the simulator generates every page once now, outside the timed
            // window, and serves the same bytes to the run (see the class comment).
            // The run's first request is the activity's plus reimport="true" (batch-service's RunService.requestFor
            // for the first run of a paged import); the simulator's batchId depends on it. The hits printed after
            // the run show whether the run really asked for the warmed pages.
            long w0 = System.nanoTime();
            long simulatorTicks = CpuMeter.ticks(suite.simulator().pid(), false);
            String activityRequest = given().baseUri(batch)
                    .get("/api/v1/activities/import-products")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("requestXml");
            String request = ((GetEcomData) ConnectorRequest.parse(activityRequest))
                    .with(RequestAttributes.REIMPORT, "true")
                    .toXml();
            int pages = Simulator.fetchAllPages(suite, request);
            JsonPath cache = pageCache(suite);
            System.out.printf(
                    Locale.ROOT,
                    "[bench] simulator page cache warmed (not timed): %d pages, %,d bytes in %.1f s,"
                            + " simulator CPU %.1f s (generating the XML)%n",
                    pages,
                    cache.getLong("bytes"),
                    (System.nanoTime() - w0) / 1e9,
                    (CpuMeter.ticks(suite.simulator().pid(), false) - simulatorTicks) / 100.0);
        }
        // Every run of the activity asks for the full export (reimport="true"), so the warm-up run and the
        // timed run send the same request as the warmed pages and get them from the cache.
        alwaysReimport(batch, "import-products");
        Import warmup = null;
        if (Boolean.parseBoolean(System.getProperty("warmup", "true"))) {
            System.out.printf(
                    Locale.ROOT,
                    "[bench] warm-up: the same import once on the freshly started JVMs (timed and"
                            + " printed, not the goal's figure); then the commerce tables are emptied%n");
            warmup = importOnce(suite, products, pageCache, "warm-up");
            truncateCommerce(suite);
            checkpoint(suite); // the timed run does not pay for writing out the warm-up's pages
        }
        HeapPeaks heaps = new HeapPeaks(GC_LOGS).mark(services(suite));
        Import timed = importOnce(suite, products, pageCache, "timed");
        Map<String, HeapPeaks.Heap> timedHeaps = heaps.since(services(suite));
        Import restarted = null;
        if (Boolean.parseBoolean(System.getProperty("restartedRun", "true"))) {
            // Issue 19's "fresh JVMs" as a deploy meets them: erplink's services start again while the database
            // and the broker keep running (the warm-up above also pays for a broker JVM and a database server
            // that just started).
            System.out.printf(
                    Locale.ROOT,
                    "[bench] services restarted: erplink's services start again (as after a deploy), PostgreSQL and"
                            + " Kafka keep running; the commerce tables are emptied and the same import runs on the"
                            + " new JVMs%n");
            truncateCommerce(suite);
            for (AppProcess service : serviceProcesses(suite)) {
                service.restart();
            }
            for (AppProcess service : serviceProcesses(suite)) {
                service.awaitReady(Suite.READY_TIMEOUT);
            }
            checkpoint(suite);
            restarted = importOnce(suite, products, pageCache, "restarted services");
        }
        JsonNode done = timed.done();
        double e2eSeconds = timed.seconds();
        long rowsRead = done.path("progress").path("rowsRead").asLong();
        long written = done.path("progress").path("rowsWritten").asLong();
        System.out.println("[bench] measuring a raw COPY of the same rows...");

        long productRows;
        long fieldRows;
        Path dir = Files.createTempDirectory("erplink-bench");
        Path productsFile = dir.resolve("ecomproducts.copy");
        Path fieldsFile = dir.resolve("ecomproductcategoryfieldvalue.copy");
        // The fastest of three COPYs, each into emptied tables after a checkpoint: the baseline the ratio is
        // measured against is the best the database did, not one that happened to meet a checkpoint.
        double copySeconds = Double.MAX_VALUE;
        List<String> copyTimes = new ArrayList<>();
        try (Connection db = suite.db()) {
            CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
            productRows = copyOut(copy, "commerce.ecomproducts", productsFile);
            fieldRows = copyOut(copy, "commerce.ecomproductcategoryfieldvalue", fieldsFile);
            for (int attempt = 0; attempt < 3; attempt++) {
                try (Statement s = db.createStatement()) {
                    s.execute("truncate commerce.ecomproducts, commerce.ecomproductcategoryfieldvalue");
                }
                checkpoint(suite);
                long c0 = System.nanoTime();
                copyIn(copy, "commerce.ecomproducts", productsFile);
                copyIn(copy, "commerce.ecomproductcategoryfieldvalue", fieldsFile);
                double seconds = (System.nanoTime() - c0) / 1e9;
                copyTimes.add(String.format(Locale.ROOT, "%.1f s", seconds));
                copySeconds = Math.min(copySeconds, seconds);
            }
        } finally {
            Files.deleteIfExists(productsFile);
            Files.deleteIfExists(fieldsFile);
            Files.deleteIfExists(dir);
        }
        long copied = productRows + fieldRows;
        boolean exact = productRows == products && rowsRead == 3L * products;
        double ratio = copySeconds / e2eSeconds;
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "[bench] end-to-end import of %,d products (%,d rows: EcomProducts + 2 category field"
                        + " values each)%n",
                products,
                rowsRead);
        System.out.printf(
                Locale.ROOT,
                "[bench]   mapping-service processes: %d, batch.records partitioning %s; load average %s%n",
                mappingReplicas(),
                partitioning(),
                loadAverage());
        System.out.printf(
                Locale.ROOT,
                "[bench]   run %s: pages %d, rows read %,d, rows written %,d, failed %d%n",
                done.path("exitCode").asText(),
                done.path("progress").path("pagesFetched").asInt(),
                rowsRead,
                written,
                done.path("progress").path("rowsFailed").asLong());
        System.out.printf(
                Locale.ROOT,
                "[bench]   commerce.EcomProducts rows: %,d (%s)%n",
                productRows,
                exact ? "exactly the simulator's products" : "MISMATCH");
        System.out.printf(Locale.ROOT, "[bench]   end-to-end time        %8.1f s  (goal <= 300 s)%n", e2eSeconds);
        System.out.printf(
                Locale.ROOT,
                "[bench]   end-to-end rate        %,10.0f rows/s, %,.0f products/s%n",
                rowsRead / e2eSeconds,
                products / e2eSeconds);
        System.out.printf(
                Locale.ROOT,
                "[bench]   raw COPY of %,d rows  %8.1f s  (%,.0f rows/s; fastest of %s)%n",
                copied,
                copySeconds,
                copied / copySeconds,
                String.join(", ", copyTimes));
        System.out.printf(Locale.ROOT, "[bench]   ratio COPY / end-to-end %7.2f  (goal >= 0.25)%n", ratio);
        System.out.printf(Locale.ROOT, "[bench]   simulator: %s%n", timed.served());
        if (warmup != null) {
            System.out.printf(
                    Locale.ROOT,
                    "[bench]   the warm-up run before it (JVMs just started): %.1f s, ratio %.2f,"
                            + " import CPU %.1f s%n",
                    warmup.seconds(),
                    copySeconds / warmup.seconds(),
                    warmup.importCpu());
        }
        if (restarted != null) {
            System.out.printf(
                    Locale.ROOT,
                    "[bench]   the run on restarted services (fresh erplink JVMs; database and broker running):"
                            + " %.1f s, ratio %.2f (goal >= 0.4), import CPU %.1f s; %s, rows read %,d, written"
                            + " %,d, failed %d%n",
                    restarted.seconds(),
                    copySeconds / restarted.seconds(),
                    restarted.importCpu(),
                    restarted.done().path("exitCode").asText(),
                    restarted.done().path("progress").path("rowsRead").asLong(),
                    restarted.done().path("progress").path("rowsWritten").asLong(),
                    restarted.done().path("progress").path("rowsFailed").asLong());
        }
        // Where the fresh JVMs' extra CPU goes (JIT compilation, first-time work), process by process.
        List<String> runNames = new ArrayList<>();
        List<Import> runs = new ArrayList<>();
        if (warmup != null) {
            runNames.add("suite started");
            runs.add(warmup);
        }
        runNames.add("timed (warm)");
        runs.add(timed);
        if (restarted != null) {
            runNames.add("restarted");
            runs.add(restarted);
        }
        if (runs.size() > 1 && runs.stream().allMatch(r -> r.marks().size() >= 4)) {
            System.out.println(
                    "[bench]   CPU by process and run (JIT: the services' compile threads, jstat -compiler):");
            List<CpuMeter.Usage> usages = runs.stream()
                    .map(r -> r.marks().get(3).minus(r.marks().get(0)))
                    .toList();
            for (String line : CpuMeter.table(runNames, usages)) {
                System.out.println("[bench]     " + line);
            }
            for (String service : timed.jitSeconds().keySet()) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-26s", "JIT " + service));
                for (Import r : runs) {
                    line.append(String.format(
                            Locale.ROOT,
                            " | %8.1f s                  ",
                            r.jitSeconds().getOrDefault(service, Double.NaN)));
                }
                System.out.println("[bench]     " + line);
            }
        }
        printPhases(done, timed.marks());
        System.out.printf(
                Locale.ROOT,
                "[bench]   heap of each service in the timed run (its GC log; -Xmx from -DjavaOpts; goal: none"
                        + " above %d MB in use):%n",
                HEAP_GOAL_BYTES >> 20);
        HeapPeaks.table(timedHeaps, HEAP_GOAL_BYTES).forEach(line -> System.out.println("[bench]     " + line));
        return exact ? 0 : 2;
    }

    /** erplink's processes in the import by name (the simulator is the ERP, not ours). */
    static Map<String, Long> services(Suite suite) {
        Map<String, Long> services = new LinkedHashMap<>();
        services.put("batch-service", suite.batch().pid());
        services.put("mapping-service", suite.mapping().pid());
        for (AppProcess replica : suite.mappingInstances()) {
            services.put(replica.name(), replica.pid());
        }
        return services; // live-service and order-queue-service do not run in the import benchmarks
    }

    /** batch-service and mapping-service processes (with any replicas): what a deploy restarts. */
    private static List<AppProcess> serviceProcesses(Suite suite) {
        List<AppProcess> processes = new ArrayList<>(List.of(suite.batch(), suite.mapping()));
        processes.addAll(suite.mappingInstances());
        return processes;
    }

    private static void truncateCommerce(Suite suite) throws Exception {
        try (Connection db = suite.db();
                Statement s = db.createStatement()) {
            s.execute("truncate commerce.ecomproducts, commerce.ecomproductcategoryfieldvalue");
        }
    }

    /**
     * Seconds the JIT compilers of a JVM spent so far ({@code jstat -compiler}'s Time column); NaN when jstat
     * cannot tell (not a JDK, or the process is gone).
     */
    static double jitSeconds(long pid) {
        Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        try {
            Process p = new ProcessBuilder(jstat.toString(), "-compiler", Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            List<String> lines = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            if (p.waitFor() != 0 || lines.size() < 2) {
                return Double.NaN;
            }
            // Compiled Failed Invalid Time FailedType FailedMethod
            return Double.parseDouble(lines.get(1).trim().split("\\s+")[3]);
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private static Map<String, Double> jitSeconds(Suite suite) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        services(suite).forEach((name, pid) -> seconds.put(name, jitSeconds(pid)));
        return seconds;
    }

    /** One import: "run now" until COMPLETED, with the CPU marks of its phases and the services' JIT seconds in it. */
    record Import(
            double seconds,
            JsonNode done,
            List<CpuMeter.Snapshot> marks,
            String served,
            Map<String, Double> jitSeconds) {
        double importCpu() {
            return marks.size() < 4
                    ? Double.NaN
                    : marks.get(3).minus(marks.get(0)).processes();
        }
    }

    private static Import importOnce(Suite suite, int products, boolean pageCache, String label) throws Exception {
        return importOnce(suite, "import-products", products, pageCache, label);
    }

    /** One import of {@code activity} (also BcEndToEndImportBenchmark's). */
    static Import importOnce(Suite suite, String activity, int products, boolean pageCache, String label)
            throws Exception {
        String batch = suite.batch().url();
        long hitsBefore = pageCache ? pageCache(suite).getLong("hits") : 0;
        CpuMeter meter = cpuMeter(suite);
        System.out.printf(
                Locale.ROOT,
                "[bench] %s: %,d products in pages of the simulator's size; importing...%n",
                label,
                products);
        // Phase boundaries as the poll (every second) sees them: sealed (every page fetched and published),
        // staged (mapping-service reported every chunk), COMPLETED (merged).
        List<CpuMeter.Snapshot> marks = new ArrayList<>();
        Map<String, Double> jitBefore = jitSeconds(suite);
        long t0 = System.nanoTime();
        marks.add(meter.snapshot());
        UUID run = Batch.runNow(batch, activity);
        long lastPrint = t0;
        JsonNode done;
        // Plain HttpClient + Jackson once a second: rest-assured's Groovy JsonPath every 300 ms cost this JVM
        // ~80 CPU s in a 500 s run (and batch-service some more answering), CPU the import did not get.
        while (true) {
            JsonNode json = runView(batch, run);
            String status = json.path("status").asText();
            if (List.of("FAILED", "STOPPED", "ABANDONED").contains(status)) {
                throw new AssertionError("run " + run + " " + status + ": "
                        + json.path("exitMessage").asText() + "; errors " + json.path("errors"));
            }
            JsonNode progress = json.path("progress");
            boolean sealed =
                    !json.path("sealedAt").isNull() && !json.path("sealedAt").isMissingNode();
            boolean staged = sealed
                    && progress.path("chunksReported").asLong()
                            >= progress.path("chunksPublished").asLong();
            boolean completed = "COMPLETED".equals(status);
            if (marks.size() == 1 && (sealed || completed)) {
                marks.add(meter.snapshot());
            }
            if (marks.size() == 2 && (staged || completed)) {
                marks.add(meter.snapshot());
            }
            if (completed) {
                marks.add(meter.snapshot());
                done = json;
                break;
            }
            if (System.nanoTime() - t0 > Duration.ofMinutes(30).toNanos()) {
                throw new AssertionError("run " + run + " not COMPLETED after 30 minutes: " + json);
            }
            if (System.nanoTime() - lastPrint >= 10_000_000_000L) {
                lastPrint = System.nanoTime();
                System.out.printf(
                        Locale.ROOT,
                        "[bench]   %5.0f s %s/%s pages %d rows read %,d chunks %d/%d%n",
                        (System.nanoTime() - t0) / 1e9,
                        status,
                        json.path("phase").asText(),
                        progress.path("pagesFetched").asInt(),
                        progress.path("rowsRead").asLong(),
                        progress.path("chunksReported").asLong(),
                        progress.path("chunksPublished").asLong());
            }
            Thread.sleep(1000);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String served = pageCache
                ? String.format(
                        Locale.ROOT,
                        "%d of %d pages from the simulator's page cache",
                        pageCache(suite).getLong("hits") - hitsBefore,
                        done.path("progress").path("pagesFetched").asInt())
                : "pages generated while the run asked for them (-DsimulatorPageCache=false)";
        System.out.printf(Locale.ROOT, "[bench] %s run COMPLETED after %.1f s%n", label, seconds);
        Map<String, Double> jit = new LinkedHashMap<>();
        jitSeconds(suite).forEach((name, after) -> jit.put(name, after - jitBefore.getOrDefault(name, Double.NaN)));
        return new Import(seconds, done, marks, served, jit);
    }

    /** CHECKPOINT as the local server's superuser (the application's user may not). */
    static void checkpoint(Suite suite) throws Exception {
        Properties superuser = new Properties();
        superuser.setProperty("user", "postgres");
        try (Connection db = new org.postgresql.Driver()
                        .connect(suite.infra().postgres().jdbcUrl(), superuser);
                Statement s = db.createStatement()) {
            s.execute("checkpoint");
        }
    }

    /** Sets the activity's reimport option, so every run of it asks for the full export. */
    static void alwaysReimport(String batch, String activity) throws Exception {
        JsonNode view = JSON.readTree(given().baseUri(batch)
                .get("/api/v1/activities/" + activity)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        ObjectNode input = JSON.createObjectNode();
        for (String field : List.of(
                "name",
                "description",
                "type",
                "requestXml",
                "endpoint",
                "mappingJob",
                "odata",
                "group",
                "position",
                "interval",
                "every",
                "cron",
                "beginAt",
                "endAt",
                "enabled",
                "customModifier",
                "pageSize",
                "timeoutSeconds",
                "archiveResponses")) {
            if (view.hasNonNull(field)) {
                input.set(field, view.get(field));
            }
        }
        input.put("reimport", true);
        given().baseUri(batch)
                .contentType("application/json")
                .body(JSON.writeValueAsString(input))
                .put("/api/v1/activities/" + activity)
                .then()
                .statusCode(200);
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode runView(String batch, UUID run) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(batch + "/api/v1/runs/" + run))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET run " + run + ": HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private static JsonPath pageCache(Suite suite) {
        return given().baseUri(suite.simulator().url())
                .get("/admin/page-cache")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The processes of the import: the apps, the Kafka broker, PostgreSQL with its backends, this JVM. */
    private static CpuMeter cpuMeter(Suite suite) {
        CpuMeter meter = new CpuMeter()
                .process("erp-simulator", suite.simulator().pid())
                .process("batch-service", suite.batch().pid())
                .process("mapping-service", suite.mapping().pid())
                .process(
                        "Kafka broker",
                        CpuMeter.pidFile(suite.infra().kafka().dir().resolve("broker.pid")))
                .processTree(
                        "PostgreSQL (+ backends)",
                        CpuMeter.pidFile(suite.infra().postgres().dataDir().resolve("postmaster.pid")))
                .observer("benchmark JVM (polling)", ProcessHandle.current().pid());
        for (AppProcess replica : suite.mappingInstances()) {
            meter.process(replica.name(), replica.pid());
        }
        return meter;
    }

    /**
     * The run's phases from its own timestamps (created, started, sealed, ended) and the CPU seconds each
     * process used in the phases the poll saw: fetch + publish (run now until sealed, mapping-service staging
     * alongside), staging tail (sealed until mapping-service reported every chunk), merge (until COMPLETED).
     */
    static void printPhases(JsonNode done, List<CpuMeter.Snapshot> marks) {
        Instant created = Instant.parse(done.path("createdAt").asText());
        Instant started = Instant.parse(done.path("startedAt").asText());
        Instant sealed = Instant.parse(done.path("sealedAt").asText());
        Instant ended = Instant.parse(done.path("endedAt").asText());
        System.out.printf(
                Locale.ROOT,
                "[bench]   phases (run timestamps): claim %.1f s, fetch + parse + publish %.1f s"
                        + " (sealed), then until COMPLETED %.1f s (staging tail and merge)%n",
                seconds(created, started),
                seconds(started, sealed),
                seconds(sealed, ended));
        if (marks.size() < 4) {
            return;
        }
        List<CpuMeter.Usage> phases = List.of(
                marks.get(1).minus(marks.get(0)),
                marks.get(2).minus(marks.get(1)),
                marks.get(3).minus(marks.get(2)),
                marks.get(3).minus(marks.get(0)));
        System.out.println("[bench]   CPU by process and phase (as polled; /proc utime+stime, 2 cores = 2.00 cores):");
        for (String line : CpuMeter.table(List.of("fetch+publish", "staging tail", "merge", "total"), phases)) {
            System.out.println("[bench]     " + line);
        }
        CpuMeter.Usage total = phases.get(3);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(
                Locale.ROOT,
                "[bench]   the import's processes used %.1f CPU s in %.1f s: on %d cores it cannot take"
                        + " less than %.1f s, whatever the overlap%n",
                total.processes(),
                total.wallSeconds(),
                cores,
                total.processes() / cores);
    }

    /** /proc/loadavg's 1, 5 and 15 minute figures (the machine's load: on a shared machine the figures are indicative). */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
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
}
