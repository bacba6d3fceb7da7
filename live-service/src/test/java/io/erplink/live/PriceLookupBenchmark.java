package io.erplink.live;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import io.erplink.live.security.StorefrontAuthMechanism;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

/**
 * Cached price lookups against a trivial endpoint of the same service, run on purpose (not part of
 * the suite): {@code ./mvnw -B -q -pl live-service package -DskipTests} first, then
 * {@code ./mvnw -B -q -pl live-service exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.erplink.live.PriceLookupBenchmark [-Dexec.args="seconds workers products zipfS"]}.
 *
 * <p>Real PostgreSQL, Kafka and erp-simulator; live-service as its own process ({@code quarkus-run.jar}).
 * The same client (HTTP/1.1, {@code workers} threads, the same API key) first measures
 * {@code GET /api/v1/me} (authentication and JSON, nothing else), then {@code POST /api/v1/prices}
 * with one product drawn from a Zipf distribution over the catalog; both after a warm-up. Prints
 * lookups/s as a ratio to the baseline (goal >= 0.5), p50/p99 latency, and the share of lookups
 * the ERP had to answer (goal <= 5%), counted from the answers' {@code source} and checked against
 * the ERP requests the simulator received.
 */
public final class PriceLookupBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public static void main(String[] args) throws Exception {
        int status = 1;
        try {
            run(args);
            status = 0;
        } finally {
            System.exit(status);
        }
    }

    private static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int products = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
        double zipfS = args.length > 3 ? Double.parseDouble(args[3]) : 1.1;
        Path jar = Path.of("live-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            jar = Path.of("target/quarkus-app/quarkus-run.jar");
        }
        if (!Files.exists(jar)) {
            throw new IllegalStateException("package live-service first: no quarkus-run.jar");
        }
        PostgresKafkaTestResource infra = new PostgresKafkaTestResource();
        ErpSimulatorTestResource erp = new ErpSimulatorTestResource();
        erp.init(Map.of("erplink.simulator.products", Integer.toString(products)));
        Process service = null;
        try {
            Map<String, String> config = new HashMap<>(infra.start());
            config.putAll(erp.start());
            String apiKey = "bench-" + Long.toHexString(new SplittableRandom().nextLong());
            config.put("erplink.live.auth.api-keys.bench.hash", StorefrontAuthMechanism.hash(apiKey));
            config.put("erplink.live.auth.api-keys.bench.client", "benchmark");
            config.put("erplink.live.auth.api-keys.bench.customer", "50000");
            config.put("erplink.live.prices.cache.ttl", "10m");
            int port = freePort();
            config.put("quarkus.http.port", Integer.toString(port));
            List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx512m"));
            config.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
            Path log = jar.getParent().getParent().resolve("price-benchmark-service.log");
            service = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            String base = "http://localhost:" + port;
            awaitReady(base + "/q/health/ready", service, log);

            HttpRequest me = HttpRequest.newBuilder(URI.create(base + "/api/v1/me"))
                    .header("X-Api-Key", apiKey)
                    .GET()
                    .build();
            int[] zipf = zipfTable(products, zipfS);
            IntFunction<HttpRequest> price = i -> HttpRequest.newBuilder(URI.create(base + "/api/v1/prices"))
                    .header("X-Api-Key", apiKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"currency\":\"EUR\",\"items\":[{\"productId\":\"" + (10001 + i) + "\"}]}"))
                    .build();

            System.out.printf("warming up (%d workers)...%n", workers);
            measure(workers, 5, r -> me, null);
            // The same Zipf mix for as long as the measurement: the cache reaches its steady state first.
            Result warmPrices = measure(workers, seconds, r -> price.apply(zipf[r.nextInt(zipf.length)]), null);

            long erpBefore = simulatorProductRequests();
            Result baseline = measure(workers, seconds, r -> me, null);
            AtomicLong fromErp = new AtomicLong();
            Result prices = measure(workers, seconds, r -> price.apply(zipf[r.nextInt(zipf.length)]), fromErp);
            long erpRequests = simulatorProductRequests() - erpBefore;

            System.out.println("---- live-service price lookups ----");
            System.out.printf(
                    "catalog / Zipf s / workers    %d products / %.2f / %d (client and service share the machine)%n",
                    products, zipfS, workers);
            System.out.printf(
                    "baseline GET /api/v1/me       %.0f req/s, p50 %.2f ms, p99 %.2f ms (%d requests)%n",
                    baseline.perSecond(), baseline.p(50), baseline.p(99), baseline.count());
            System.out.printf(
                    "POST /api/v1/prices (1 item)  %.0f req/s, p50 %.2f ms, p99 %.2f ms (%d requests, %d errors)%n",
                    prices.perSecond(), prices.p(50), prices.p(99), prices.count(), prices.errors());
            System.out.printf(
                    "ratio prices / baseline       %.2f  (goal >= 0.5)%n", prices.perSecond() / baseline.perSecond());
            System.out.printf(
                    "lookups answered by the ERP   %d of %d = %.2f%%  (goal <= 5%%; ERP GetEcomData requests seen by the simulator: %d; warm-up before: %d lookups in as many seconds)%n",
                    fromErp.get(),
                    prices.count(),
                    100.0 * fromErp.get() / Math.max(1, prices.count()),
                    erpRequests,
                    warmPrices.count());
        } finally {
            if (service != null) {
                service.destroy();
                service.waitFor(20, TimeUnit.SECONDS);
                service.destroyForcibly();
            }
            erp.stop();
            infra.stop();
        }
    }

    record Result(long count, long errors, double seconds, long[] nanos) {
        double perSecond() {
            return count / seconds;
        }

        double p(int percentile) {
            if (nanos.length == 0) {
                return 0;
            }
            int index = (int) Math.min(nanos.length - 1, Math.ceil(percentile / 100.0 * nanos.length) - 1);
            return nanos[Math.max(0, index)] / 1e6;
        }
    }

    interface RequestFactory {
        HttpRequest next(SplittableRandom random);
    }

    private static Result measure(int workers, int seconds, RequestFactory requests, AtomicLong fromErp)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<long[]>> futures = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            long seed = 17L * (w + 1);
            futures.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                long[] latencies = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    HttpRequest request = requests.next(random);
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                    long took = System.nanoTime() - t0;
                    if (response.statusCode() != 200) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (fromErp != null && response.body().contains("\"source\":\"erp\"")) {
                        fromErp.incrementAndGet();
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = took;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> future : futures) {
            all.add(future.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(merged.length, errors.get(), elapsed, merged);
    }

    /** A table of product indexes drawn with Zipf(s) frequencies, for O(1) sampling. */
    private static int[] zipfTable(int products, double s) {
        double[] weights = new double[products];
        double total = 0;
        for (int i = 0; i < products; i++) {
            weights[i] = 1.0 / Math.pow(i + 1, s);
            total += weights[i];
        }
        int size = 1 << 20;
        int[] table = new int[size];
        int position = 0;
        // Ranks are shuffled onto product ids so the hot products are not simply the first ids.
        int[] ids = new int[products];
        for (int i = 0; i < products; i++) {
            ids[i] = i;
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = products - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        for (int i = 0; i < products && position < size; i++) {
            int slots = (int) Math.round(weights[i] / total * size);
            for (int k = 0; k < slots && position < size; k++) {
                table[position++] = ids[i];
            }
        }
        while (position < size) {
            table[position++] = ids[products - 1];
        }
        return table;
    }

    private static long simulatorProductRequests() throws Exception {
        String stats = HTTP.send(
                        HttpRequest.newBuilder(URI.create(ErpSimulatorTestResource.adminUrl() + "/admin/stats"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        var node = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(stats)
                .path("byTypeAndStatus")
                .path("GetEcomData.Products");
        long total = 0;
        for (var count : node) {
            total += count.asLong();
        }
        return total;
    }

    private static void awaitReady(String url, Process service, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("live-service exited; see " + log);
            }
            try {
                if (HTTP.send(
                                        HttpRequest.newBuilder(URI.create(url))
                                                .GET()
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("live-service not ready after 120 s; see " + log);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
