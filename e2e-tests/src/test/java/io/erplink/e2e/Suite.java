package io.erplink.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.erplink.infra.LocalInfra;
import io.erplink.testsupport.BcClient;

/**
 * The whole suite for one test JVM: PostgreSQL and Kafka (free ports, temporary data), the
 * erp-simulator with small generated data, and the four services, each a real process started from its
 * packaged jar with a random shared ERP secret, exactly as {@code ./erplink up} runs them. Started once
 * (by {@link SuiteExtension}) and stopped when the test plan ends: services, simulator, Kafka,
 * PostgreSQL; every child also dies with the test JVM.
 *
 * <p>batch-service runs with a short lease (kill -9 of a worker is taken over within seconds) and a
 * fixed lease owner per instance, so a test knows which process holds a run.
 */
public final class Suite implements AutoCloseable {
    /** Products the simulator generates (ids 10001 ..), and its page size. */
    public static final int PRODUCTS = 2500;

    public static final int PAGE_SIZE = 1000;

    /**
     * The BC simulator's generated items and customers (variants, units, stock and price list lines follow
     * from them), and the page size batch-service asks BC for (Prefer: odata.maxpagesize).
     */
    public static final int BC_ITEMS = 400;

    public static final int BC_CUSTOMERS = 60;

    public static final int BC_PAGE_SIZE = 100;

    /** The batch-service endpoint of the BC simulator (the shipped blueprint activities' endpoint). */
    public static final String BC_ENDPOINT = "bc";

    public static final String BC_TENANT = "tenant-1";

    public static final String BC_COMPANY = "CRONUS USA, Inc.";

    public static final String BC_CLIENT_ID = "erplink-bc-simulator";

    static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    static final String DEFAULT_JAVA_OPTS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xmx384m";

    /** Strong references: a java.util.logging logger's level is lost when the logger is collected. */
    private static final List<java.util.logging.Logger> QUIET = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final Path logDir;
    private final String secret;
    private final Map<String, String> simulatorEnv;
    private final Map<String, String> extraServiceEnv;
    private final List<String> javaOpts;
    private LocalInfra infra;
    private boolean tracing;
    private OtlpReceiver traces;
    private AppProcess simulator;
    private AppProcess live;
    private AppProcess mapping;
    private AppProcess orderQueue;
    private final List<AppProcess> batches = new ArrayList<>();
    private final List<AppProcess> mappings = new ArrayList<>();
    private final List<AppProcess> all = new ArrayList<>();
    private int batchCounter;

    Suite(Map<String, String> simulatorSettings) {
        this(simulatorSettings, Map.of(), System.getProperty("erplink.e2e.java-opts", DEFAULT_JAVA_OPTS));
    }

    /**
     * @param simulatorSettings environment of the simulator ({@code ERPLINK_SIMULATOR_*})
     * @param serviceSettings   extra environment of every service
     * @param javaOpts          JVM options of every child
     */
    Suite(Map<String, String> simulatorSettings, Map<String, String> serviceSettings, String javaOpts) {
        this.javaOpts = Arrays.asList(javaOpts.trim().split("\\s+"));
        this.extraServiceEnv = new LinkedHashMap<>(serviceSettings);
        this.logDir = Path.of("target", "e2e-logs").toAbsolutePath();
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        this.secret = HexFormat.of().formatHex(bytes);
        this.simulatorEnv = new LinkedHashMap<>(simulatorSettings);
    }

    /** The suite of the e2e tests, traced: 2,500 products in pages of 1,000; BC: 400 items, 60 customers. */
    static Suite forTests() {
        return forBenchmarks().tracing();
    }

    /** The same suite without tracing (the chart's default), for benchmarks. */
    static Suite forBenchmarks() {
        return new Suite(Map.of(
                "ERPLINK_SIMULATOR_PRODUCTS",
                Integer.toString(PRODUCTS),
                "ERPLINK_SIMULATOR_PAGE_SIZE",
                Integer.toString(PAGE_SIZE),
                "ERPLINK_SIMULATOR_BC_ITEMS",
                Integer.toString(BC_ITEMS),
                "ERPLINK_SIMULATOR_BC_CUSTOMERS",
                Integer.toString(BC_CUSTOMERS)));
    }

    /**
     * The services trace (OpenTelemetry on, as the chart's {@code tracing.enabled}) and export their spans to
     * this suite's {@link #traces() receiver}. Benchmarks leave it off, as the chart does by default.
     */
    Suite tracing() {
        this.tracing = true;
        return this;
    }

    /** The spans the services exported (only with {@link #tracing()}). */
    OtlpReceiver traces() {
        if (traces == null) {
            throw new IllegalStateException("this suite does not trace: Suite.tracing()");
        }
        return traces;
    }

    /** The BC simulator as endpoint bc's company, for a test's own reads (its own token). */
    public BcClient bc() {
        return new BcClient(simulator.url(), BC_TENANT, BC_COMPANY, BC_CLIENT_ID, secret());
    }

    /** The OData service root of the BC simulator's company-independent part (ODataV4). */
    public String bcServiceRoot() {
        return bc().serviceRoot();
    }

    /** The BC simulator's OAuth token endpoint. */
    public String bcTokenUrl() {
        return bc().tokenUrl();
    }

    /** Starts everything; on failure stops what was started and throws. */
    Suite start() {
        long started = System.nanoTime();
        // The broker's admin client and zonky log at INFO in this JVM; the children log to their own files.
        for (String category : List.of("org.apache.kafka", "io.zonky")) {
            QUIET.add(java.util.logging.Logger.getLogger(category));
        }
        QUIET.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
        try {
            // synchronous_commit on: the fault scenarios shut PostgreSQL down immediately and count every row
            infra = LocalInfra.builder().synchronousCommit(true).start();
            if (tracing) {
                traces = OtlpReceiver.start();
            }
            Map<String, String> simEnv = new LinkedHashMap<>(simulatorEnv);
            simEnv.put("ERPLINK_SIMULATOR_SECRET", secret);
            simulator = track(AppProcess.start("erp-simulator", "erp-simulator", javaOpts, simEnv, logDir));
            mapping = startMappingProcess("mapping-service");
            AppProcess batch = startBatchProcess();
            List<CompletableFuture<AppProcess>> ready = new ArrayList<>();
            for (AppProcess app : List.of(simulator, mapping, batch)) {
                ready.add(CompletableFuture.supplyAsync(() -> app.awaitReady(READY_TIMEOUT)));
            }
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
            synchronized (batches) {
                batches.add(batch);
            }
        } catch (IOException | RuntimeException e) {
            close();
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("the e2e suite did not start: " + cause.getMessage(), cause);
        }
        System.out.printf("[e2e] suite up in %.1f s (logs in %s)%n", (System.nanoTime() - started) / 1e9, logDir);
        return this;
    }

    /**
     * live-service and order-queue-service (the order path), started on the first call, ready. live-service
     * gets one customer API key ({@link #API_KEY}, customer {@link #CUSTOMER}, client {@code e2e-shop}).
     */
    public synchronized void startOrderServices() throws IOException {
        if (live != null) {
            return;
        }
        // a create the ERP does not answer is queued after 3 s instead of 10 s (QueuedOrderTest)
        AppProcess liveApp = startLiveProcess("live-service", Map.of("ERPLINK_LIVE_ERP_CREATE_TIMEOUT", "3s"));
        AppProcess queueApp = startOrderQueueProcess("order-queue-service");
        try {
            CompletableFuture.allOf(
                            CompletableFuture.supplyAsync(() -> liveApp.awaitReady(READY_TIMEOUT)),
                            CompletableFuture.supplyAsync(() -> queueApp.awaitReady(READY_TIMEOUT)))
                    .join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        live = liveApp;
        orderQueue = queueApp;
    }

    private AppProcess startOrderQueueProcess(String name) throws IOException {
        Map<String, String> env = serviceEnv();
        // A replica killed mid-send holds its orders 15 s instead of 60 s: calls are bounded well below that.
        env.put("ERPLINK_ORDERQUEUE_ERP_CREATE_TIMEOUT", "4s");
        env.put("ERPLINK_ORDERQUEUE_ERP_CREATE_CEILING_MILLIS", "5000");
        env.put("ERPLINK_ORDERQUEUE_ERP_LOOKUP_TIMEOUT", "3s");
        env.put("ERPLINK_ORDERQUEUE_ERP_LOOKUP_CEILING_MILLIS", "4000");
        env.put("ERPLINK_ORDERQUEUE_SYNC_LEASE", "15s");
        env.put("ERPLINK_ORDERQUEUE_SYNC_LEASE_CHECK_INTERVAL", "500ms");
        return track(AppProcess.start(name, "order-queue-service", javaOpts, env, logDir));
    }

    /** One more order-queue-service replica against the same database and Kafka, ready; the caller stops it. */
    public AppProcess startOrderQueueInstance(String name) throws IOException {
        return startOrderQueueProcess(name).awaitReady(READY_TIMEOUT);
    }

    private AppProcess startLiveProcess(String name, Map<String, String> env) throws IOException {
        List<String> liveJvm = new ArrayList<>(javaOpts);
        liveJvm.add("-Derplink.live.auth.api-keys.e2e.hash=" + sha256(API_KEY));
        liveJvm.add("-Derplink.live.auth.api-keys.e2e.client=e2e-shop");
        liveJvm.add("-Derplink.live.auth.api-keys.e2e.customer=" + CUSTOMER);
        Map<String, String> liveEnv = serviceEnv();
        liveEnv.put("ERPLINK_LIVE_ERP_PROBE_INTERVAL", "500ms");
        // a placement whose claim's commit the database lost is queued after 30 s (twice the ERP call
        // ceiling, the shortest live-service accepts) instead of 2 min, within the scenarios' settle time
        liveEnv.put("ERPLINK_LIVE_ORDERS_PLACING_TIMEOUT", "30s");
        liveEnv.put("ERPLINK_LIVE_ORDERS_REAPER_INTERVAL", "2s");
        liveEnv.putAll(env);
        return track(AppProcess.start(name, "live-service", liveJvm, liveEnv, logDir));
    }

    /**
     * Another live-service process, ready, with the suite's settings and storefront API key but the
     * environment {@code env} on top (e.g. its own database and Kafka). The caller stops it.
     */
    public AppProcess startLiveInstance(String name, Map<String, String> env) throws IOException {
        return startLiveProcess(name, env).awaitReady(READY_TIMEOUT);
    }

    /** The storefront API key of live-service in this suite, bound to customer {@link #CUSTOMER}. */
    public static final String API_KEY = "e2e-" + java.util.UUID.randomUUID();

    public static final String CUSTOMER = "50000";

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private AppProcess track(AppProcess app) {
        synchronized (all) {
            all.add(app);
        }
        return app;
    }

    /** The environment every service of this suite gets (a copy), for a test that starts one more. */
    public Map<String, String> serviceEnvironment() {
        return serviceEnv();
    }

    /** The JVM options of every child. */
    public List<String> javaOptions() {
        return javaOpts;
    }

    /** Where the children's logs go. */
    public Path logDir() {
        return logDir;
    }

    private Map<String, String> serviceEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", infra.postgres().jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", infra.postgres().username());
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafka().bootstrapServers());
        env.put("ERPLINK_ERP_URL", simulator.url() + "/connector");
        env.put("ERPLINK_ERP_SECRET", secret);
        // No identity provider here: the operator APIs are open, as in the local run.
        env.put("ERPLINK_ORDERQUEUE_OPERATOR_AUTH_ENABLED", "false");
        env.put("ERPLINK_BATCH_AUTH_ENABLED", "false");
        env.put("ERPLINK_MAPPING_AUTH_ENABLED", "false");
        // Quick reactions instead of production pacing (the %test values of the services' own tests).
        env.put("ERPLINK_OUTBOX_POLL_INTERVAL", "300ms");
        env.put("ERPLINK_ORDERQUEUE_SYNC_INTERVAL", "300ms");
        env.put("ERPLINK_ORDERQUEUE_SYNC_PROBE_INTERVAL", "500ms");
        env.put("ERPLINK_ORDERQUEUE_SYNC_INITIAL_BACKOFF", "300ms");
        env.put("ERPLINK_ORDERQUEUE_SYNC_MAX_BACKOFF", "2s");
        env.put("ERPLINK_ORDERQUEUE_SYNC_UNAVAILABLE_RETRY_DELAY", "300ms");
        if (traces != null) {
            // the chart's variables for tracing.enabled, with the protocol this suite's receiver speaks
            env.put("QUARKUS_OTEL_SDK_DISABLED", "false");
            env.put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint());
            env.put("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        }
        env.putAll(extraServiceEnv);
        return env;
    }

    private AppProcess startBatchProcess() throws IOException {
        String name;
        synchronized (batches) {
            name = "batch-service-" + (++batchCounter);
        }
        Map<String, String> env = serviceEnv();
        env.put("ERPLINK_BATCH_WORKER_OWNER", name);
        env.put("ERPLINK_BATCH_WORKER_POLL_INTERVAL", "300ms");
        env.put("ERPLINK_BATCH_WORKER_HEARTBEAT", "1s");
        env.put("ERPLINK_BATCH_WORKER_LEASE", "6s");
        env.put("ERPLINK_BATCH_SCHEDULING_INTERVAL", "1s");
        env.put("ERPLINK_BATCH_ERP_WAIT_INITIAL_DELAY", "200ms");
        env.put("ERPLINK_BATCH_ERP_WAIT_MAX_DELAY", "1s");
        // the BC simulator as endpoint bc (OData v4, OAuth client credentials; its client secret is the suite's);
        // a benchmark's service settings come first (e.g. its page size)
        env.putIfAbsent("ERPLINK_BATCH_ENDPOINTS_BC_PROTOCOL", "odata-v4");
        env.putIfAbsent("ERPLINK_BATCH_ENDPOINTS_BC_URL", bcServiceRoot());
        env.putIfAbsent("ERPLINK_BATCH_ENDPOINTS_BC_COMPANY", BC_COMPANY);
        env.putIfAbsent("ERPLINK_BATCH_ENDPOINTS_BC_MAX_PAGE_SIZE", Integer.toString(BC_PAGE_SIZE));
        env.putIfAbsent("ERPLINK_BATCH_ENDPOINTS_BC_AUTH_TYPE", "oauth2");
        env.putIfAbsent("ERPLINK_BATCH_ENDPOINTS_BC_AUTH_TOKEN_URL", bcTokenUrl());
        env.putIfAbsent("ERPLINK_BATCH_ENDPOINTS_BC_AUTH_CLIENT_ID", BC_CLIENT_ID);
        env.putIfAbsent("ERPLINK_BATCH_ENDPOINTS_BC_AUTH_CLIENT_SECRET", secret);
        env.put(
                "ERPLINK_BATCH_ARCHIVE_DIRECTORY",
                logDir.resolve("batch-archive").toString());
        List<String> jvm = new ArrayList<>(javaOpts);
        // A replica killed with -9 holds its batch.results partitions only this long (default 45 s).
        jvm.add("-Dmp.messaging.incoming.batch-results.session.timeout.ms=8000");
        jvm.add("-Dmp.messaging.incoming.batch-results.heartbeat.interval.ms=1000");
        return track(AppProcess.start(name, "batch-service", jvm, env, logDir));
    }

    /**
     * One more erp-simulator with the suite's settings and secret, ready; the caller stops it. For a test that
     * counts what one client asks of the ERP (the simulator's statistics are per process).
     */
    public AppProcess startSimulatorInstance(String name) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(simulatorEnv);
        env.put("ERPLINK_SIMULATOR_SECRET", secret);
        return track(AppProcess.start(name, "erp-simulator", javaOpts, env, logDir))
                .awaitReady(READY_TIMEOUT);
    }

    private AppProcess startMappingProcess(String name) throws IOException {
        List<String> jvm = new ArrayList<>(javaOpts);
        // A mapping-service killed with -9 holds its batch.records partitions only this long (default 45 s).
        jvm.add("-Dmp.messaging.incoming.batch-records.session.timeout.ms=8000");
        jvm.add("-Dmp.messaging.incoming.batch-records.heartbeat.interval.ms=1000");
        return track(AppProcess.start(name, "mapping-service", jvm, serviceEnv(), logDir));
    }

    /**
     * One more mapping-service replica against the same database and Kafka (consumer group
     * {@code mapping-service}: it takes over some partitions of {@code batch.records}), ready.
     */
    public AppProcess startMappingInstance(String name) throws IOException {
        AppProcess replica = startMappingProcess(name).awaitReady(READY_TIMEOUT);
        synchronized (mappings) {
            mappings.add(replica);
        }
        return replica;
    }

    /** The mapping-service replicas started with {@link #startMappingInstance} (not the suite's first). */
    public List<AppProcess> mappingInstances() {
        synchronized (mappings) {
            return List.copyOf(mappings);
        }
    }

    /** One more batch-service replica against the same database and Kafka, ready. */
    public AppProcess startBatchInstance() throws IOException {
        AppProcess batch = startBatchProcess().awaitReady(READY_TIMEOUT);
        synchronized (batches) {
            batches.add(batch);
        }
        return batch;
    }

    /** The batch-service instances that are still alive. */
    public List<AppProcess> batchInstances() {
        synchronized (batches) {
            return batches.stream().filter(AppProcess::isAlive).toList();
        }
    }

    /** A live batch-service instance (its API is the same on every replica). */
    public AppProcess batch() {
        return batchInstances().stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no batch-service alive"));
    }

    public AppProcess simulator() {
        return simulator;
    }

    public AppProcess live() {
        return live;
    }

    public AppProcess mapping() {
        return mapping;
    }

    public AppProcess orderQueue() {
        return orderQueue;
    }

    public LocalInfra infra() {
        return infra;
    }

    public String secret() {
        return secret;
    }

    /** Every process this suite started (also the stopped and killed ones). */
    public List<AppProcess> processes() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /** A new connection to the suite's database (all service schemas and {@code commerce}). */
    public Connection db() throws SQLException {
        return DriverManager.getConnection(
                infra.postgres().jdbcUrl(),
                infra.postgres().username(),
                infra.postgres().password());
    }

    /** Services together, then the simulator, Kafka and PostgreSQL. Idempotent. */
    @Override
    public synchronized void close() {
        List<AppProcess> running = processes();
        CompletableFuture.allOf(running.stream()
                        .filter(p -> p != simulator)
                        .map(p -> CompletableFuture.runAsync(p::stop))
                        .toArray(CompletableFuture[]::new))
                .join();
        if (simulator != null) {
            simulator.stop();
        }
        if (infra != null) {
            infra.close();
            infra = null;
        }
        if (traces != null) {
            traces.close();
            traces = null;
        }
    }
}
