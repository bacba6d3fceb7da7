package io.erplink.infra;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A real Kafka 4.4 broker (KRaft, one node that is broker and controller) in its own JVM, started
 * from the jars of {@code kafka-dist} ({@code kafka-dist/target/lib}). Internal topics have
 * replication factor 1, topics are created automatically with {@code partitions} partitions.
 *
 * <p>The broker JVM runs under {@link ParentWatchdog}: it exits when this JVM closes the pipe or dies,
 * even by {@code kill -9}.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KafkaBroker.class.getName());

    private final int port;
    private final Path dir;
    private final boolean temporary;
    private final Thread shutdownHook;
    private final Builder settings;
    private final Path lib;
    // replaced by restart()
    private volatile ChildProcess process;
    private volatile boolean closed;

    private KafkaBroker(
            ChildProcess process, int port, Path dir, boolean temporary, boolean hook, Builder settings, Path lib) {
        this.process = process;
        this.settings = settings;
        this.lib = lib;
        this.port = port;
        this.dir = dir;
        this.temporary = temporary;
        this.shutdownHook = hook ? new Thread(this::close, "erplink-kafka-stop") : null;
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** Starts a broker with the defaults (3 partitions per topic) and stops it at JVM exit. */
    public static KafkaBroker start(int port, Path dir) {
        return builder().port(port).dir(dir).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code localhost:port}. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public Path logFile() {
        return process.logFile();
    }

    public boolean isRunning() {
        return !closed && process.isAlive();
    }

    /**
     * Creates those of the topics that do not exist yet, with the broker's partition count, so clients
     * started next find them instead of racing the broker's automatic creation (and logging about it).
     */
    public void createTopics(Collection<String> names) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = names.stream()
                    .filter(name -> !existing.contains(name))
                    .map(name -> new NewTopic(name, Optional.empty(), Optional.empty()))
                    .toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + names + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /**
     * SIGKILL of the broker JVM, as a crash: no controlled shutdown, the data directory stays for
     * {@link #restart()}. Waits until the process is gone.
     */
    public synchronized void kill9() {
        if (closed) {
            throw new IllegalStateException("the broker is closed");
        }
        ProcessHandle handle = ProcessHandle.of(process.pid())
                .orElseThrow(() -> new IllegalStateException("the broker process is gone already"));
        handle.destroyForcibly();
        try {
            handle.onExit().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not die on SIGKILL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing the broker", e);
        }
        LOG.log(Level.INFO, "Kafka broker on port {0} killed (SIGKILL)", Integer.toString(port));
    }

    /**
     * Starts the broker again on the same client port and data directory (after {@link #kill9()}; a
     * running broker is stopped first) and waits until it answers.
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("the broker is closed");
        }
        if (process.isAlive()) {
            process.stop(Duration.ofSeconds(20));
        }
        long started = System.nanoTime();
        try {
            process = settings.launch(lib, dir, port);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "Kafka broker did not restart on port " + port + " (dir " + dir + "): " + e.getMessage()
                            + "\n--- broker output (tail) ---\n" + PostgresServer.tail(dir.resolve("broker.log")),
                    e);
        }
        LOG.log(
                Level.INFO,
                "Kafka broker on port {0} restarted in {1} ms",
                Integer.toString(port),
                Long.toString((System.nanoTime() - started) / 1_000_000));
    }

    /** The last lines of the broker's output. */
    public String logTail() {
        return process.logTail();
    }

    /** Stops the broker (controlled shutdown, killed after 20 s); a temporary directory is deleted. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        process.stop(Duration.ofSeconds(20));
        if (temporary) {
            InfraFiles.deleteRecursively(dir);
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down
            }
        }
    }

    /**
     * The broker's jars: system property {@code erplink.kafka.lib}, environment variable
     * {@code ERPLINK_KAFKA_LIB}, else {@code kafka-dist/target/lib} upwards from the working directory.
     */
    public static Path resolveLibDir() {
        List<String> tried = new ArrayList<>();
        String property = System.getProperty("erplink.kafka.lib");
        String env = System.getenv("ERPLINK_KAFKA_LIB");
        for (String candidate : new String[] {property, env}) {
            if (candidate != null && !candidate.isBlank()) {
                Path dir = Path.of(candidate);
                if (hasBroker(dir)) {
                    return dir.toAbsolutePath();
                }
                tried.add(dir.toAbsolutePath().toString());
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path lib = dir.resolve("kafka-dist/target/lib");
            if (hasBroker(lib)) {
                return lib;
            }
            if (Files.isDirectory(dir.resolve("kafka-dist"))) {
                tried.add(lib.toString());
            }
        }
        throw new IllegalStateException("the Kafka broker jars are missing (looked in "
                + (tried.isEmpty()
                        ? "kafka-dist/target/lib upwards from " + Path.of("").toAbsolutePath()
                        : String.join(", ", tried))
                + "): run ./mvnw package first (or ./mvnw -pl kafka-dist package), or point -Derplink.kafka.lib /"
                + " ERPLINK_KAFKA_LIB at a directory of kafka_2.13 4.x jars");
    }

    private static boolean hasBroker(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("kafka_2.13-"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Settings of a broker. */
    public static final class Builder {
        private int port;
        private Path dir;
        private int partitions = 3;
        private Path libDir;
        private String heap = "512m";
        private boolean shutdownHook = true;
        private boolean ownSession;
        private Consumer<String> console;
        private Duration readyTimeout = Duration.ofSeconds(90);

        /** The client port, 0 (default) for a free one. */
        public Builder port(int value) {
            port = value;
            return this;
        }

        /** The broker's directory (config, data, log), kept and reused; null (default) for a temporary one. */
        public Builder dir(Path value) {
            dir = value;
            return this;
        }

        /** Partitions of automatically created topics (default 3). */
        public Builder partitions(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("partitions must be >= 1");
            }
            partitions = value;
            return this;
        }

        /** The broker's jars; default {@link KafkaBroker#resolveLibDir()}. */
        public Builder libDir(Path value) {
            libDir = value;
            return this;
        }

        /** -Xmx of the broker JVM (default 512m). */
        public Builder heap(String value) {
            heap = value;
            return this;
        }

        /** Whether a JVM shutdown hook stops the broker (default true). */
        public Builder shutdownHook(boolean value) {
            shutdownHook = value;
            return this;
        }

        /** Starts the broker in its own session (no terminal signals); see {@link ChildProcess.Builder#ownSession}. */
        public Builder ownSession(boolean value) {
            ownSession = value;
            return this;
        }

        /** Receives every line the broker prints (besides its log file). */
        public Builder console(Consumer<String> value) {
            console = value;
            return this;
        }

        public Builder readyTimeout(Duration value) {
            readyTimeout = value;
            return this;
        }

        /** Starts the broker and waits until it answers an Admin describeCluster. */
        public KafkaBroker start() {
            Path lib = libDir != null ? libDir : resolveLibDir();
            boolean temporary = dir == null;
            Path home = temporary ? InfraFiles.newTempDir("kafka") : dir.toAbsolutePath();
            int clientPort = port == 0 ? InfraFiles.freePort() : port;
            long started = System.nanoTime();
            ChildProcess process = null;
            try {
                Files.createDirectories(home);
                KafkaLauncher.stopStaleBroker(home);
                if (InfraFiles.isListening(clientPort)) {
                    throw new IllegalStateException("port " + clientPort + " is already in use by another process");
                }
                process = launch(lib, home, clientPort);
                KafkaBroker broker = new KafkaBroker(process, clientPort, home, temporary, shutdownHook, this, lib);
                LOG.log(
                        Level.INFO,
                        "Kafka broker on port {0} (dir {1}) ready in {2} ms",
                        Integer.toString(clientPort),
                        home,
                        Long.toString((System.nanoTime() - started) / 1_000_000));
                return broker;
            } catch (IOException | RuntimeException e) {
                String tail = process != null ? process.logTail() : PostgresServer.tail(home.resolve("broker.log"));
                if (process != null) {
                    process.stop(Duration.ofSeconds(5));
                }
                if (temporary) {
                    InfraFiles.deleteRecursively(home);
                }
                throw new IllegalStateException(
                        "Kafka broker did not start on port " + clientPort + " (dir " + home + ", jars " + lib + "): "
                                + e.getMessage() + "\n--- broker output (tail) ---\n" + tail,
                        e);
            }
        }

        /** Writes the configuration (a new controller port), formats a new directory, starts and awaits the broker. */
        ChildProcess launch(Path lib, Path home, int clientPort) throws IOException {
            return new KafkaLauncher(partitions, heap, ownSession, console, readyTimeout).launch(lib, home, clientPort);
        }
    }
}
