package io.erplink.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.erplink.infra.ChildProcess;
import io.erplink.infra.InfraFiles;

/**
 * One packaged Quarkus application ({@code <module>/target/quarkus-app/quarkus-run.jar}) as a child
 * process on a free port, under local-infra's watchdog (it dies with the test JVM), configured through
 * the environment exactly as on Kubernetes.
 */
public final class AppProcess {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final String module;
    private final int port;
    private final List<String> jvmOptions;
    private final Map<String, String> env;
    private final Path logDir;
    // replaced by restart()
    private volatile ChildProcess process;

    private AppProcess(
            String name,
            String module,
            int port,
            List<String> jvmOptions,
            Map<String, String> env,
            Path logDir,
            ChildProcess process) {
        this.name = name;
        this.module = module;
        this.port = port;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.env = Map.copyOf(env);
        this.logDir = logDir;
        this.process = process;
    }

    /** Starts {@code module}'s packaged app as {@code name}; call {@link #awaitReady(Duration)} next. */
    public static AppProcess start(
            String name, String module, List<String> jvmOptions, Map<String, String> env, Path logDir)
            throws IOException {
        Path repo = InfraFiles.repoRoot();
        Path jar = repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(module + " is not packaged (" + jar + " is missing): run ./mvnw -DskipTests"
                    + " package, or ./mvnw verify, which packages every app before e2e-tests");
        }
        int port = InfraFiles.freePort();
        Files.createDirectories(logDir);
        return new AppProcess(
                name, module, port, jvmOptions, env, logDir, launch(name, jar, port, jvmOptions, env, logDir));
    }

    private static ChildProcess launch(
            String name, Path jar, int port, List<String> jvmOptions, Map<String, String> env, Path logDir)
            throws IOException {
        Map<String, String> appEnv = new java.util.LinkedHashMap<>(env);
        appEnv.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        appEnv.put("QUARKUS_HTTP_HOST", "localhost");
        return ChildProcess.java(name, "io.quarkus.bootstrap.runner.QuarkusEntryPoint")
                .jvmArgs(jvmOptions)
                .classpath(jar.toString())
                .env(appEnv)
                .workDir(logDir)
                .logFile(logDir.resolve(name + ".log"))
                .start();
    }

    /**
     * Starts the application again, same name, port, settings and log file (appended), as Kubernetes restarts
     * a killed pod; a running process is stopped first. Call {@link #awaitReady(Duration)} next.
     */
    public AppProcess restart() throws IOException {
        if (process.isAlive()) {
            stop();
        }
        Path jar = InfraFiles.repoRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        process = launch(name, jar, port, jvmOptions, env, logDir);
        return this;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return process.logFile();
    }

    public String logTail() {
        return process.logTail();
    }

    /** Polls {@code /q/health/ready} until it answers 200. */
    public AppProcess awaitReady(Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive() || logTail().contains("Failed to start application")) {
                throw new IllegalStateException(name + " failed to start; log " + logFile() + ":\n" + logTail());
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return this;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name);
            }
            sleep(300);
        }
        throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s: " + last + "\nlog "
                + logFile() + ":\n" + logTail());
    }

    /**
     * SIGKILL, as {@code kill -9}: no shutdown hook, no graceful stop. Waits until the process is gone. The
     * child runs under {@code ParentWatchdog} in the same JVM, so the JVM itself is what dies.
     */
    public void kill9() {
        ProcessHandle handle = ProcessHandle.of(process.pid()).orElseThrow();
        handle.destroyForcibly();
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not die on SIGKILL", e);
        }
    }

    /** Graceful stop (stdin EOF to its watchdog), then SIGTERM, then SIGKILL. */
    public void stop() {
        process.stop(Duration.ofSeconds(15));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
