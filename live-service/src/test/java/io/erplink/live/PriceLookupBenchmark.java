package io.erplink.live;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import io.erplink.live.security.StorefrontAuthMechanism;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

/**
 * Cached price lookups against the trivial endpoint of the same service (issue 19: throughput ratio
 * >= 0.85 at saturation, p99 <= 10 ms at half the saturating load), run on purpose, not part of the
 * suite. How to run: live-service/README.md, "Benchmark".
 *
 * <p>Real PostgreSQL, Kafka and erp-simulator; live-service as its own process ({@code quarkus-run.jar},
 * or each of the jars in {@code -Dbench.jars=a.jar,b.jar}, one after the other against the same
 * infrastructure: an A/B in one run). The same client (Vert.x's, HTTP/1.1 keep-alive on one event loop,
 * the same API key: {@link Load}) measures
 * {@code GET /api/v1/me} (authentication and JSON, nothing else) and {@code POST /api/v1/prices} with
 * one product drawn from a Zipf distribution over the catalog, cached after the warm-up:
 * <ol>
 * <li>saturation: a closed loop of 1, 2, 4, ... clients on {@code /me} until one doubling adds less
 *     than 5 % throughput; the best rate seen is the saturating rate;</li>
 * <li>the throughput ratio at saturation: both endpoints closed-loop at the saturating client count,
 *     alternating twice so a change in the machine's load hits both;</li>
 * <li>latency at half the saturating rate: an open loop, requests scheduled at a fixed rate and each
 *     measured from its scheduled send time, so a stall delays the requests behind it in the figures
 *     too (no coordinated omission).</li>
 * </ol>
 * Before any of it every product is looked up once (so what is measured are cached lookups), and the
 * first {@value #SETTLE_SECONDS} s of every phase are not counted. Also printed: the service's CPU
 * time per request (less sensitive to other processes on the machine than throughput), the share of
 * lookups the ERP had to answer (counted from the answers' {@code source}, checked against the
 * simulator's request count) and the machine's load average.
 */
public final class PriceLookupBenchmark {
    private static final int SETTLE_SECONDS = 2;
    private static final int MAX_CLIENTS = 128;
    private static final double RATIO_GOAL = 0.85;
    private static final double P99_GOAL_MS = 10;
    private static final double ERP_SHARE_GOAL = 5;

    /** For set-up (readiness, the cache preload, the simulator's stats); the load is {@link Load}'s. */
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
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
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int products = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        double zipfS = args.length > 2 ? Double.parseDouble(args[2]) : 1.1;
        List<Path> jars = jars();
        String extraJvmArgs = System.getProperty("bench.serviceJvmArgs", "").strip();
        PostgresKafkaTestResource infra = new PostgresKafkaTestResource();
        ErpSimulatorTestResource erp = new ErpSimulatorTestResource();
        erp.init(Map.of("erplink.simulator.products", Integer.toString(products)));
        try {
            Map<String, String> config = new HashMap<>(infra.start());
            config.putAll(erp.start());
            String apiKey = "bench-" + Long.toHexString(new SplittableRandom().nextLong());
            config.put("erplink.live.auth.api-keys.bench.hash", StorefrontAuthMechanism.hash(apiKey));
            config.put("erplink.live.auth.api-keys.bench.client", "benchmark");
            config.put("erplink.live.auth.api-keys.bench.customer", "50000");
            config.put("erplink.live.prices.cache.ttl", "10m");
            int[] zipf = zipfTable(products, zipfS);
            List<Figures> all = new ArrayList<>();
            for (Path jar : jars) {
                System.out.printf("==== %s (load average %s) ====%n", jar, loadAverage());
                Figures figures = measureService(jar, config, extraJvmArgs, apiKey, zipf, seconds);
                figures.print(products, zipfS);
                all.add(figures);
            }
            if (all.size() > 1) {
                System.out.println("---- A/B (same run, same infrastructure, one service after the other) ----");
                System.out.println(
                        "jar | sat. clients | /me req/s | prices req/s | ratio | CPU us/req me / prices | prices p50 / p99 / p99.9 at half load");
                for (Figures f : all) {
                    System.out.printf(
                            "%s | %d | %.0f | %.0f | %.2f | %.0f / %.0f | %.2f / %.2f / %.2f ms%n",
                            f.jar(),
                            f.clients(),
                            f.meSaturated().perSecond(),
                            f.pricesSaturated().perSecond(),
                            f.ratio(),
                            f.meSaturated().cpuMicrosPerRequest(),
                            f.pricesSaturated().cpuMicrosPerRequest(),
                            f.pricesHalf().p(50),
                            f.pricesHalf().p(99),
                            f.pricesHalf().p(99.9));
                }
            }
        } finally {
            erp.stop();
            infra.stop();
        }
    }

    private static List<Path> jars() {
        String listed = System.getProperty("bench.jars", "").strip();
        List<Path> jars = new ArrayList<>();
        if (!listed.isEmpty()) {
            for (String jar : listed.split(",")) {
                jars.add(Path.of(jar.strip()));
            }
        } else {
            Path jar = Path.of("live-service/target/quarkus-app/quarkus-run.jar");
            jars.add(Files.exists(jar) ? jar : Path.of("target/quarkus-app/quarkus-run.jar"));
        }
        for (Path jar : jars) {
            if (!Files.exists(jar)) {
                throw new IllegalStateException("no " + jar + ": package live-service first");
            }
        }
        return jars;
    }

    record Figures(
            String jar,
            int clients,
            List<String> search,
            Phase meSaturated,
            Phase pricesSaturated,
            double halfRate,
            Phase meHalf,
            Phase pricesHalf,
            long fromErp,
            long erpRequests,
            String loadBefore,
            String loadAfter) {

        double ratio() {
            return pricesSaturated.perSecond() / meSaturated.perSecond();
        }

        double erpShare() {
            return 100.0 * fromErp / Math.max(1, pricesHalf.count());
        }

        void print(int products, double zipfS) {
            System.out.println("---- live-service price lookups ----");
            System.out.printf(
                    "catalog / Zipf s               %d products / %.2f (client and service share the machine)%n",
                    products, zipfS);
            System.out.printf("load average before / after    %s / %s%n", loadBefore, loadAfter);
            System.out.printf("saturation search (/me)        %s%n", String.join(", ", search));
            System.out.printf("at saturation, %3d clients     (closed loop, two alternating rounds each)%n", clients);
            System.out.printf("  GET /api/v1/me               %s%n", meSaturated.throughput());
            System.out.printf("  POST /api/v1/prices          %s%n", pricesSaturated.throughput());
            System.out.printf(
                    "  ratio prices / me            %.2f  (goal >= %.2f: %s)%n",
                    ratio(), RATIO_GOAL, ratio() >= RATIO_GOAL ? "met" : "NOT met");
            System.out.printf(
                    "at half load, %.0f req/s       (open loop, latency from the scheduled send)%n", halfRate);
            System.out.printf("  GET /api/v1/me               %s%n", meHalf.latency());
            System.out.printf("  POST /api/v1/prices          %s%n", pricesHalf.latency());
            System.out.printf(
                    "  prices p99                   %.2f ms  (goal <= %.0f ms: %s)%n",
                    pricesHalf.p(99), P99_GOAL_MS, pricesHalf.p(99) <= P99_GOAL_MS ? "met" : "NOT met");
            System.out.printf(
                    "lookups answered by the ERP    %d of %d = %.2f%%  (goal <= %.0f%%: %s; GetEcomData requests the simulator saw while measuring: %d)%n",
                    fromErp,
                    pricesHalf.count(),
                    erpShare(),
                    ERP_SHARE_GOAL,
                    erpShare() <= ERP_SHARE_GOAL ? "met" : "NOT met",
                    erpRequests);
        }
    }

    private static Figures measureService(
            Path jar, Map<String, String> config, String extraJvmArgs, String apiKey, int[] zipf, int seconds)
            throws Exception {
        Map<String, String> serviceConfig = new HashMap<>(config);
        int port = freePort();
        serviceConfig.put("quarkus.http.port", Integer.toString(port));
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx512m"));
        if (!extraJvmArgs.isEmpty()) {
            command.addAll(Arrays.asList(extraJvmArgs.split("\\s+")));
        }
        serviceConfig.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        Path log = jar.toAbsolutePath().getParent().getParent().resolve("price-benchmark-service.log");
        Process service = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try (Load load = new Load(port)) {
            String base = "http://localhost:" + port;
            awaitReady(base + "/q/health/ready", service, log);
            Target me = Target.get("/api/v1/me", apiKey, service.toHandle());
            // Built once: the client spends the same per request on both endpoints, not on encoding.
            Buffer[] byProduct = new Buffer[Arrays.stream(zipf).max().orElse(0) + 1];
            for (int i = 0; i < byProduct.length; i++) {
                byProduct[i] =
                        Buffer.buffer("{\"currency\":\"EUR\",\"items\":[{\"productId\":\"" + (10001 + i) + "\"}]}");
            }
            Buffer[] prices = new Buffer[zipf.length];
            for (int i = 0; i < zipf.length; i++) {
                prices[i] = byProduct[zipf[i]];
            }
            Target lookups = Target.post("/api/v1/prices", apiKey, prices, new AtomicLong(), service.toHandle());

            String loadBefore = loadAverage();
            System.out.println(
                    "warming up: every product looked up once (the goal is about cached lookups), then both endpoints...");
            preload(base, apiKey, byProduct.length);
            closedLoop(load, me, 16, 5);
            closedLoop(load, lookups, 16, 5);

            long erpBefore = simulatorProductRequests();
            List<String> search = new ArrayList<>();
            int clients = 1;
            double best = 0;
            int bestClients = 1;
            double previous = 0;
            for (int c = 1; c <= MAX_CLIENTS; c *= 2) {
                Phase phase = closedLoop(load, me, c, Math.max(4, seconds / 2));
                double rate = phase.perSecond();
                search.add(String.format("%d: %.0f/s", c, rate));
                if (rate > best) {
                    best = rate;
                    bestClients = c;
                }
                if (previous > 0 && rate < previous * 1.05) {
                    break; // doubling the clients added less than 5 %: saturated
                }
                previous = rate;
                clients = c;
            }
            clients = Math.max(clients, bestClients);
            Phase me1 = closedLoop(load, me, clients, seconds);
            Phase prices1 = closedLoop(load, lookups, clients, seconds);
            Phase me2 = closedLoop(load, me, clients, seconds);
            Phase prices2 = closedLoop(load, lookups, clients, seconds);
            Phase meSaturated = me1.plus(me2);
            Phase pricesSaturated = prices1.plus(prices2);
            double saturating = Math.max(best, meSaturated.perSecond());

            double half = saturating / 2;
            Phase meHalf = openLoop(load, me, half, seconds);
            lookups.fromErp().set(0);
            Phase pricesHalf = openLoop(load, lookups, half, seconds);
            long fromErp = lookups.fromErp().get();
            long erpRequests = simulatorProductRequests() - erpBefore;
            return new Figures(
                    jar.toString(),
                    clients,
                    search,
                    meSaturated,
                    pricesSaturated,
                    half,
                    meHalf,
                    pricesHalf,
                    fromErp,
                    erpRequests,
                    loadBefore,
                    loadAverage());
        } finally {
            service.destroy();
            service.waitFor(20, TimeUnit.SECONDS);
            service.destroyForcibly();
        }
    }

    /** Looks every product up once, 500 to a request, so the measured lookups are answered from the cache. */
    private static void preload(String base, String apiKey, int products) throws Exception {
        for (int first = 0; first < products; first += 500) {
            StringBuilder body = new StringBuilder("{\"currency\":\"EUR\",\"items\":[");
            for (int i = first; i < Math.min(products, first + 500); i++) {
                body.append(i == first ? "" : ",")
                        .append("{\"productId\":\"")
                        .append(10001 + i)
                        .append("\"}");
            }
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/prices"))
                            .header("X-Api-Key", apiKey)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    body.append("]}").toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains("\"live\":true")) {
                throw new IllegalStateException(
                        "preloading the cache failed: " + response.statusCode() + " " + response.body());
            }
        }
    }

    /**
     * What to send: {@code method path} with the API key and one of {@code bodies} (none for a GET) drawn
     * uniformly; {@code fromErp} counts ERP answers.
     */
    record Target(RequestOptions options, Buffer[] bodies, AtomicLong fromErp, ProcessHandle service) {
        static Target get(String path, String apiKey, ProcessHandle service) {
            return new Target(
                    new RequestOptions().setMethod(HttpMethod.GET).setURI(path).putHeader("X-Api-Key", apiKey),
                    null,
                    null,
                    service);
        }

        static Target post(String path, String apiKey, Buffer[] bodies, AtomicLong fromErp, ProcessHandle service) {
            return new Target(
                    new RequestOptions()
                            .setMethod(HttpMethod.POST)
                            .setURI(path)
                            .putHeader("X-Api-Key", apiKey)
                            .putHeader("Content-Type", "application/json"),
                    bodies,
                    fromErp,
                    service);
        }

        /** Sends one request (on the load's event loop); completes with true when answered 200. */
        Future<Boolean> send(HttpClient client, SplittableRandom random) {
            Buffer body = bodies == null ? null : bodies[bodies.length == 1 ? 0 : random.nextInt(bodies.length)];
            return client.request(options)
                    .compose(request -> body == null ? request.send() : request.send(body))
                    .compose(response -> response.body().map(bytes -> {
                        if (response.statusCode() != 200) {
                            return false;
                        }
                        if (fromErp != null && bytes.toString().contains("\"source\":\"erp\"")) {
                            fromErp.incrementAndGet();
                        }
                        return true;
                    }));
        }

        long cpuNanos() {
            return service.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
    }

    /** This JVM's CPU so far: the client shares the machine with the service, so its cost is printed too. */
    private static long clientCpuNanos() {
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(Duration::toNanos)
                .orElse(0L);
    }

    /** Counted requests (sorted latencies) over the counted seconds, and the service's and client's CPU meanwhile. */
    record Phase(long errors, double seconds, long[] nanos, long cpuNanos, long clientCpuNanos) {
        long count() {
            return nanos.length;
        }

        double perSecond() {
            return nanos.length / seconds;
        }

        double cpuMicrosPerRequest() {
            return cpuNanos / 1e3 / Math.max(1, nanos.length);
        }

        double clientCpuMicrosPerRequest() {
            return clientCpuNanos / 1e3 / Math.max(1, nanos.length);
        }

        double p(double percentile) {
            if (nanos.length == 0) {
                return 0;
            }
            int index = (int) Math.min(nanos.length - 1, Math.ceil(percentile / 100.0 * nanos.length) - 1);
            return nanos[Math.max(0, index)] / 1e6;
        }

        Phase plus(Phase other) {
            long[] merged = Arrays.copyOf(nanos, nanos.length + other.nanos.length);
            System.arraycopy(other.nanos, 0, merged, nanos.length, other.nanos.length);
            Arrays.sort(merged);
            return new Phase(
                    errors + other.errors,
                    seconds + other.seconds,
                    merged,
                    cpuNanos + other.cpuNanos,
                    clientCpuNanos + other.clientCpuNanos);
        }

        String throughput() {
            return String.format(
                    "%.0f req/s, service CPU %.0f us/req (client %.0f), p50 %.2f ms, p99 %.2f ms (%d requests, %d errors)",
                    perSecond(), cpuMicrosPerRequest(), clientCpuMicrosPerRequest(), p(50), p(99), count(), errors);
        }

        String latency() {
            return String.format(
                    "%.0f req/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms, service CPU %.0f us/req (client %.0f) (%d requests, %d errors)",
                    perSecond(),
                    p(50),
                    p(99),
                    p(99.9),
                    p(100),
                    cpuMicrosPerRequest(),
                    clientCpuMicrosPerRequest(),
                    count(),
                    errors);
        }
    }

    /**
     * The load generator: Vert.x's HTTP client (keep-alive, up to {@value #MAX_CLIENTS} connections) on one
     * event loop. The client shares the 2 cores with the service: the JDK's HttpClient, a thread per
     * client, used 2-3 times the service's CPU per request (342-493 us against 141-178 us), so the
     * latencies measured the client's contention more than the service.
     */
    static final class Load implements AutoCloseable {
        final Vertx vertx = Vertx.vertx(
                new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        final HttpClient client;
        final Context context = vertx.getOrCreateContext();

        Load(int port) {
            client = vertx.createHttpClient(
                    new HttpClientOptions()
                            .setDefaultHost("localhost")
                            .setDefaultPort(port)
                            .setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(MAX_CLIENTS).setMaxWaitQueueSize(-1));
        }

        @Override
        public void close() {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** {@code clients} loops sending back to back for {@code seconds}; the first seconds not counted. */
    private static Phase closedLoop(Load load, Target target, int clients, int seconds) throws Exception {
        long start = System.nanoTime();
        long countFrom = start + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        long end = countFrom + TimeUnit.SECONDS.toNanos(seconds);
        Samples samples = new Samples(); // touched on the event loop only
        CountDownLatch done = new CountDownLatch(clients);
        SplittableRandom random = new SplittableRandom(17);
        load.context.runOnContext(ignored -> {
            for (int c = 0; c < clients; c++) {
                sendNext(load, target, random, samples, countFrom, end, done);
            }
        });
        return measure(target, samples, countFrom, end, done);
    }

    private static void sendNext(
            Load load,
            Target target,
            SplittableRandom random,
            Samples samples,
            long countFrom,
            long end,
            CountDownLatch done) {
        long t0 = System.nanoTime();
        if (t0 >= end) {
            done.countDown();
            return;
        }
        target.send(load.client, random).onComplete(result -> {
            samples.add(t0 >= countFrom, result.succeeded() && result.result(), System.nanoTime() - t0);
            sendNext(load, target, random, samples, countFrom, end, done);
        });
    }

    /**
     * Requests scheduled every {@code 1/rate} s for {@code seconds}, each measured from its scheduled
     * send time. A 1 ms timer on the event loop sends every request whose time has come, so a request
     * may leave up to 1 ms late, and that counts in its latency; a request finding every connection busy
     * waits for one, and that counts too.
     */
    private static Phase openLoop(Load load, Target target, double rate, int seconds) throws Exception {
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long countFrom = start + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        long end = countFrom + TimeUnit.SECONDS.toNanos(seconds);
        Samples samples = new Samples(); // touched on the event loop only
        CountDownLatch done = new CountDownLatch(1);
        SplittableRandom random = new SplittableRandom(31);
        long[] next = {0}; // the next slot
        long[] inFlight = {0};
        boolean[] scheduling = {true};
        load.context.runOnContext(ignored -> load.vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            while (true) {
                long scheduled = start + next[0] * interval;
                if (scheduled >= end) {
                    load.vertx.cancelTimer(timer);
                    scheduling[0] = false;
                    if (inFlight[0] == 0) {
                        done.countDown();
                    }
                    return;
                }
                if (scheduled > now) {
                    return;
                }
                next[0]++;
                inFlight[0]++;
                target.send(load.client, random).onComplete(result -> {
                    samples.add(
                            scheduled >= countFrom,
                            result.succeeded() && result.result(),
                            System.nanoTime() - scheduled);
                    if (--inFlight[0] == 0 && !scheduling[0]) {
                        done.countDown();
                    }
                });
            }
        }));
        return measure(target, samples, countFrom, end, done);
    }

    static final class Samples {
        long[] nanos = new long[1 << 14];
        int n;
        long errors;

        void add(boolean counted, boolean ok, long took) {
            if (!counted) {
                return;
            }
            if (!ok) {
                errors++;
                return;
            }
            if (n == nanos.length) {
                nanos = Arrays.copyOf(nanos, n * 2);
            }
            nanos[n++] = took;
        }
    }

    /** Waits for the phase's counted window and its end: the latencies, and the service's and client's CPU in the window. */
    private static Phase measure(Target target, Samples samples, long countFrom, long end, CountDownLatch done)
            throws Exception {
        long wait;
        while ((wait = countFrom - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        long cpuFrom = target.cpuNanos();
        long clientFrom = clientCpuNanos();
        while ((wait = end - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        long cpuTo = target.cpuNanos();
        long clientTo = clientCpuNanos();
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still open 60 s after the phase ended");
        }
        long[] sorted = Arrays.copyOf(samples.nanos, samples.n);
        Arrays.sort(sorted);
        return new Phase(samples.errors, (end - countFrom) / 1e9, sorted, cpuTo - cpuFrom, clientTo - clientFrom);
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

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
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
