package io.erplink.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import io.erplink.infra.ChildProcess;
import io.erplink.infra.InfraFiles;

/**
 * The erp-simulator as a real child process for {@code @QuarkusTest}:
 * {@code @QuarkusTestResource(ErpSimulatorTestResource.class)}, optionally with
 * {@code initArgs = @ResourceArg(name = "erplink.simulator.page-size", value = "100")}: every init arg
 * is passed to the simulator as a {@code -Dname=value} system property.
 *
 * <p>Runs {@code <repo>/erp-simulator/target/quarkus-app/quarkus-run.jar} (the repository root from
 * {@code maven.multiModuleProjectDirectory}, else found upwards from the working directory) on a free
 * port with a fresh random secret, waits for {@code /q/health/ready}, and hands the service
 * {@code erplink.erp.url} and {@code erplink.erp.secret}. The simulator runs under local-infra's
 * {@code ParentWatchdog}: it exits when this JVM dies. Its output goes to
 * {@code target/erp-simulator-<port>.log} of the module under test.
 *
 * <p>A second simulator with its own secret, for batch-service's named endpoints: add the resource
 * again with {@code @ResourceArg(name = ErpSimulatorTestResource.ENDPOINT, value = "second")}; that one
 * hands the service {@code erplink.batch.endpoints.second.url} and {@code .secret} instead, and
 * {@link #adminUrl(String)}, {@link #connectorUrl(String)} and {@link #secret(String)} find it by name.
 */
public class ErpSimulatorTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String PREFIX = "io.erplink.testsupport.";
    private static final String BASE_URL = PREFIX + "simulator-url";
    private static final String SECRET = PREFIX + "simulator-secret";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Init arg: the batch-service endpoint name this simulator stands for (not passed to the simulator). */
    public static final String ENDPOINT = PREFIX + "endpoint";

    private final Map<String, String> simulatorProperties = new LinkedHashMap<>();
    private String endpoint;
    private ChildProcess process;

    @Override
    public void init(Map<String, String> initArgs) {
        simulatorProperties.putAll(initArgs);
        endpoint = simulatorProperties.remove(ENDPOINT);
    }

    @Override
    public Map<String, String> start() {
        Path jar = simulatorJar();
        int port = InfraFiles.freePort();
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(secretBytes);
        String secret = HexFormat.of().formatHex(secretBytes);
        List<String> jvm = new ArrayList<>(List.of(
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-Xss512k",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=localhost",
                "-Derplink.simulator.secret=" + secret));
        simulatorProperties.forEach((name, value) -> jvm.add("-D" + name + "=" + value));
        Path log = Path.of("target", "erp-simulator-" + port + ".log").toAbsolutePath();
        String baseUrl = "http://localhost:" + port;
        try {
            process = ChildProcess.java("erp-simulator", "io.quarkus.bootstrap.runner.QuarkusEntryPoint")
                    .jvmArgs(jvm)
                    .classpath(jar.toString())
                    .workDir(jar.getParent())
                    .logFile(log)
                    .start();
            awaitReady(baseUrl + "/q/health/ready", Duration.ofSeconds(90));
        } catch (IOException | RuntimeException e) {
            String tail = process == null ? "(not started)" : process.logTail();
            stop();
            throw new IllegalStateException(
                    "the erp-simulator did not start on port " + port + ": " + e.getMessage() + "\n--- " + log
                            + " (tail) ---\n" + tail,
                    e);
        }
        System.setProperty(key(BASE_URL, endpoint), baseUrl);
        System.setProperty(key(SECRET, endpoint), secret);
        if (endpoint != null) {
            return Map.of(
                    "erplink.batch.endpoints." + endpoint + ".url",
                    baseUrl + "/connector",
                    "erplink.batch.endpoints." + endpoint + ".secret",
                    secret);
        }
        return Map.of("erplink.erp.url", baseUrl + "/connector", "erplink.erp.secret", secret);
    }

    private static String key(String property, String endpoint) {
        return endpoint == null ? property : property + "." + endpoint;
    }

    @Override
    public void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(10));
            process = null;
        }
    }

    /**
     * The simulator's base URL ({@code http://localhost:PORT}); its admin API (fault injection,
     * recorded requests) is under {@code adminUrl() + "/admin/..."}.
     */
    public static String adminUrl() {
        return required(BASE_URL);
    }

    /** The connector endpoint the services call ({@code adminUrl() + "/connector"}). */
    public static String connectorUrl() {
        return adminUrl() + "/connector";
    }

    /** The shared signing secret of the running simulator. */
    public static String secret() {
        return required(SECRET);
    }

    /** {@link #adminUrl()} of the simulator started for a named endpoint ({@link #ENDPOINT}). */
    public static String adminUrl(String endpoint) {
        return required(key(BASE_URL, endpoint));
    }

    /** {@link #connectorUrl()} of the simulator started for a named endpoint. */
    public static String connectorUrl(String endpoint) {
        return adminUrl(endpoint) + "/connector";
    }

    /** {@link #secret()} of the simulator started for a named endpoint. */
    public static String secret(String endpoint) {
        return required(key(SECRET, endpoint));
    }

    private static String required(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("ErpSimulatorTestResource has not started yet in this JVM:"
                    + " annotate the test with @QuarkusTestResource(ErpSimulatorTestResource.class)");
        }
        return value;
    }

    private static Path simulatorJar() {
        Path jar = InfraFiles.repoRoot().resolve("erp-simulator/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the erp-simulator is not packaged (" + jar + " is missing): run"
                    + " ./mvnw -pl erp-simulator -am package -DskipTests, or ./mvnw verify, which packages it"
                    + " before the services' tests");
        }
        return jar;
    }

    private void awaitReady(String url, Duration timeout) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the simulator process exited");
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode() + ": " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the simulator");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the simulator");
            }
        }
        throw new IllegalStateException("not ready after " + timeout.toSeconds() + " s (" + url + "): " + last);
    }
}
