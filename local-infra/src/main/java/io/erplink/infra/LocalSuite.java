package io.erplink.infra;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.erplink.protocol.events.Topics;

/**
 * The whole suite on one machine ({@code ./erplink up}): PostgreSQL on 15432 and Kafka on 19092 (data
 * under {@code .erplink/}), the erp-simulator on 8090 and the four services on 8081-8084, each from
 * its {@code target/quarkus-app/quarkus-run.jar}. Every line a child prints is shown with a colored
 * {@code [name]} tag (and kept in {@code .erplink/logs/<name>.log}). Ctrl-C or SIGTERM stops the
 * services, the simulator, Kafka and PostgreSQL in that order; every child also dies with this JVM
 * if it is killed outright.
 *
 * <p>A random ERP secret is generated per run and handed to the simulator and the services. The APIs
 * want credentials as they do on Kubernetes; {@link LocalCredentials} makes them in
 * {@code .erplink/credentials/}. A caller's {@code ERPLINK_*_AUTH_ENABLED=false} opens an operator API.
 * {@code ERPLINK_JAVA_OPTS} replaces the JVM options of the Java children; {@code ERPLINK_OTLP_ENDPOINT}
 * switches tracing on and sends the services' spans there.
 */
public final class LocalSuite {

    /** One Quarkus application of the suite. */
    record App(String name, String module, int port, String color, String apiHint) {
        Path jar(Path repo) {
            return repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        }

        String url() {
            return "http://localhost:" + port;
        }
    }

    static final int POSTGRES_PORT = 15432;
    static final int KAFKA_PORT = 19092;
    static final App SIMULATOR = new App("erp-simulator", "erp-simulator", 8090, "35", "/connector, /admin");
    static final List<App> SERVICES = List.of(
            new App("live-service", "live-service", 8081, "32", "storefront API"),
            new App("batch-service", "batch-service", 8082, "33", "activities and runs"),
            new App("mapping-service", "mapping-service", 8083, "36", "mapping jobs, preview"),
            new App("order-queue-service", "order-queue-service", 8084, "34", "queued orders (operator API)"));
    /** The operators' web console: signed in with the local tokens (a click on operator or admin). */
    static final App CONSOLE = new App("operator-console", "operator-console", 8085, "95", "web console");

    static final String DEFAULT_JAVA_OPTS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xmx384m";

    private static final int TAG_WIDTH = "[order-queue-service]".length();

    private final Path repo;
    private final Path state;
    private final boolean color;
    private final PrintStream out =
            new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    private final List<ChildProcess> apps = new ArrayList<>();
    private volatile LocalInfra infra;
    private volatile boolean stopping;

    LocalSuite(Path repo) {
        this.repo = repo;
        this.state = repo.resolve(".erplink");
        this.color =
                System.console() != null && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
    }

    public static void main(String[] args) throws Exception {
        quietLibraryLogging();
        LocalSuite suite = new LocalSuite(InfraFiles.repoRoot());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            suite.stop();
                            stopped.countDown();
                        },
                        "erplink-suite-stop"));
        try {
            suite.start();
        } catch (RuntimeException | IOException e) {
            suite.say("erplink", "31", "FAILED: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    void start() throws IOException {
        long started = System.nanoTime();
        List<String> missing = new ArrayList<>();
        for (App app : apps()) {
            if (!Files.isRegularFile(app.jar(repo))) {
                missing.add(repo.relativize(app.jar(repo)).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not built: " + String.join(", ", missing)
                    + " (run ./erplink up without --no-build, or ./mvnw -DskipTests package)");
        }
        Files.createDirectories(state.resolve("logs"));
        claimSuiteLock();
        LocalCredentials credentials = new LocalCredentials(state.resolve("credentials"));
        byte[] secretBytes = new byte[32];
        new SecureRandom().nextBytes(secretBytes);
        String secret = HexFormat.of().formatHex(secretBytes);

        say(
                "erplink",
                "1",
                "starting PostgreSQL on " + POSTGRES_PORT + " and Kafka on " + KAFKA_PORT + " (data in "
                        + repo.relativize(state) + "/)");
        infra = LocalInfra.builder()
                .postgresPort(POSTGRES_PORT)
                .postgresDir(state.resolve("postgres"))
                .kafkaPort(KAFKA_PORT)
                .kafkaDir(state.resolve("kafka"))
                .shutdownHook(false)
                .ownSession(true)
                .kafkaConsole(line -> say("kafka", "31", line))
                .start();
        say(
                "postgres",
                "37",
                "ready: " + infra.postgres().jdbcUrl() + " (user "
                        + infra.postgres().username() + ", log "
                        + repo.relativize(infra.postgres().logFile()) + ")");
        say("kafka", "31", "ready: " + infra.kafka().bootstrapServers());
        // Before the services start, so their clients do not race the broker's automatic creation.
        infra.kafka().createTopics(Topics.ALL);
        if (stopping) {
            return;
        }

        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", infra.postgres().jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", infra.postgres().username());
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafka().bootstrapServers());
        env.put("ERPLINK_ERP_URL", SIMULATOR.url() + "/connector");
        env.put("ERPLINK_ERP_SECRET", secret);
        env.put("ERPLINK_SIMULATOR_SECRET", secret);
        // As on Kubernetes, every API wants credentials; the local run makes its own (README: "Credentials
        // of the local run"). A caller's ERPLINK_*_AUTH_ENABLED=false still opens an operator API.
        env.putAll(credentials.prepare(Instant.now()));
        // Tracing stays off locally unless a collector is named (e.g. a local Jaeger's OTLP port).
        String otlp = System.getenv("ERPLINK_OTLP_ENDPOINT");
        if (otlp != null && !otlp.isBlank()) {
            env.put("QUARKUS_OTEL_SDK_DISABLED", "false");
            env.put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", otlp.strip());
        }
        List<String> javaOpts = Arrays.asList(System.getenv()
                .getOrDefault("ERPLINK_JAVA_OPTS", DEFAULT_JAVA_OPTS)
                .trim()
                .split("\\s+"));

        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (App app : apps()) {
            Map<String, String> appEnv = new LinkedHashMap<>(env);
            appEnv.put("QUARKUS_HTTP_PORT", Integer.toString(app.port()));
            if (app.name().equals("batch-service")) {
                // Business Central activities run against the simulator's BC (docs/operations.md section 7)
                appEnv.putAll(BcSimulatorEndpoint.batchEnv(SIMULATOR.url(), secret));
            }
            if (app == CONSOLE) {
                // No identity provider locally: the console offers the tokens LocalCredentials made.
                appEnv.put("ERPLINK_CONSOLE_LOCAL_ENABLED", "true");
                appEnv.put(
                        "ERPLINK_CONSOLE_LOCAL_CREDENTIALS_DIR",
                        credentials.dir().toAbsolutePath().toString());
                for (App service : SERVICES) {
                    appEnv.put("ERPLINK_CONSOLE_SERVICES_" + consoleKey(service.name()), service.url());
                }
            }
            ChildProcess process = ChildProcess.java(app.name(), "io.quarkus.bootstrap.runner.QuarkusEntryPoint")
                    .jvmArgs(javaOpts)
                    .classpath(app.jar(repo).toString())
                    .env(appEnv)
                    .workDir(repo)
                    .logFile(state.resolve("logs").resolve(app.name() + ".log"))
                    .console(line -> say(app.name(), app.color(), line))
                    .ownSession(true)
                    .start();
            synchronized (apps) {
                apps.add(process);
            }
            ready.add(CompletableFuture.runAsync(() -> awaitReady(app, process, Duration.ofSeconds(120))));
        }
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String table = new ReadyTable(repo, state, color, infra).render(seconds, credentials);
        synchronized (out) {
            out.print(table);
        }
    }

    private List<App> apps() {
        List<App> all = new ArrayList<>();
        all.add(SIMULATOR);
        all.addAll(SERVICES);
        all.add(CONSOLE);
        return all;
    }

    /** live-service -> LIVE, order-queue-service -> ORDER_QUEUE (erplink.console.services.*). */
    static String consoleKey(String service) {
        return service.replace("-service", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** One suite per checkout: a second one would fight over the ports and the data directories. */
    private void claimSuiteLock() throws IOException {
        Path pidFile = state.resolve("suite.pid");
        InfraFiles.readPid(pidFile).ifPresent(pid -> {
            if (pid != ProcessHandle.current().pid()
                    && InfraFiles.commandLine(pid).contains(LocalSuite.class.getName())) {
                throw new IllegalStateException("the suite is already running in this checkout (pid " + pid
                        + "); stop it with Ctrl-C or kill " + pid);
            }
        });
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
    }

    private void awaitReady(App app, ChildProcess process, Duration timeout) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline && !stopping) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        app.name() + " exited during startup; see " + repo.relativize(process.logFile()));
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    say(app.name(), app.color(), "ready: " + app.url());
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(250);
        }
        if (!stopping) {
            throw new IllegalStateException(app.name() + " not ready after " + timeout.toSeconds() + " s: " + last);
        }
    }

    /** Services first (together), then the simulator, Kafka, PostgreSQL. */
    void stop() {
        stopping = true;
        List<ChildProcess> running;
        synchronized (apps) {
            running = new ArrayList<>(apps);
        }
        List<ChildProcess> services =
                running.stream().filter(p -> !p.name().equals(SIMULATOR.name())).toList();
        if (!services.isEmpty()) {
            say("erplink", "1", "stopping the services");
            CompletableFuture.allOf(services.stream()
                            .map(p -> CompletableFuture.runAsync(() -> p.stop(Duration.ofSeconds(15))))
                            .toArray(CompletableFuture[]::new))
                    .join();
        }
        running.stream().filter(p -> p.name().equals(SIMULATOR.name())).forEach(p -> {
            say("erplink", "1", "stopping the erp-simulator");
            p.stop(Duration.ofSeconds(10));
        });
        LocalInfra current = infra;
        if (current != null) {
            say("erplink", "1", "stopping Kafka");
            current.kafka().close();
            say("erplink", "1", "stopping PostgreSQL");
            current.postgres().close();
            current.close();
        }
        try {
            Files.deleteIfExists(state.resolve("suite.pid"));
        } catch (IOException ignored) {
            // next start checks whether the pid still runs
        }
        say("erplink", "1", "stopped");
    }

    void say(String name, String ansiColor, String line) {
        String tag = String.format("%-" + TAG_WIDTH + "s ", "[" + name + "]");
        synchronized (out) {
            out.println(color ? "\u001b[" + ansiColor + "m" + tag + "\u001b[0m" + line : tag + line);
        }
    }

    /** zonky and the Kafka clients log at INFO through JBoss LogManager; the suite shows its own lines. */
    private static void quietLibraryLogging() {
        for (String category : List.of("io.zonky", "org.apache.kafka", "io.erplink.infra")) {
            Logger.getLogger(category).setLevel(Level.WARNING);
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
