package io.erplink.infra;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * Starts one broker JVM of a {@link KafkaBroker}: writes its configuration (server.properties,
 * quiet log4j files), formats a new data directory, starts {@code kafka.Kafka} and waits until it
 * answers an Admin describeCluster.
 */
record KafkaLauncher(int partitions, String heap, boolean ownSession, Consumer<String> console, Duration readyTimeout) {
    private static final System.Logger LOG = System.getLogger(KafkaBroker.class.getName());

    /** Writes the configuration (a new controller port), formats a new directory, starts and awaits the broker. */
    ChildProcess launch(Path lib, Path home, int clientPort) throws IOException {
        int controllerPort = InfraFiles.freePort();
        Path data = home.resolve("data");
        Path config = home.resolve("server.properties");
        Files.writeString(config, serverProperties(clientPort, controllerPort, data, partitions));
        Path log4j = home.resolve("log4j.properties");
        Files.writeString(log4j, LOG4J);
        Path log4j2 = home.resolve("log4j2.properties");
        Files.writeString(log4j2, LOG4J2);
        Path logFile = home.resolve("broker.log");
        List<String> jvm = List.of(
                "-Xms64m",
                "-Xmx" + heap,
                "-XX:+UseSerialGC",
                "-Xss512k",
                "-Dlog4j.configuration=" + log4j.toUri(),
                "-Dlog4j2.configurationFile=" + log4j2.toUri(),
                "-Djava.awt.headless=true");
        if (!Files.exists(data.resolve("meta.properties"))) {
            format(lib, jvm, config, logFile);
        }
        ChildProcess process = ChildProcess.java("kafka", "kafka.Kafka")
                .jvmArgs(jvm)
                .classpath(lib.resolve("*").toString())
                .args(List.of(config.toString()))
                .workDir(home)
                .logFile(logFile)
                .console(console)
                .ownSession(ownSession)
                .start();
        Files.writeString(home.resolve("broker.pid"), Long.toString(process.pid()));
        try {
            awaitReady(process, clientPort, readyTimeout);
        } catch (RuntimeException e) {
            String tail = process.logTail();
            process.stop(Duration.ofSeconds(5));
            throw new IllegalStateException(e.getMessage() + "\n--- broker output (tail) ---\n" + tail, e);
        }
        return process;
    }

    static void stopStaleBroker(Path home) {
        InfraFiles.readPid(home.resolve("broker.pid")).ifPresent(pid -> {
            if (InfraFiles.stopProcess(pid, "kafka.Kafka")) {
                LOG.log(Level.WARNING, "stopped a stale Kafka broker (pid {0}) left running on {1}", pid, home);
            }
        });
    }

    private static void format(Path lib, List<String> jvm, Path config, Path logFile) throws IOException {
        ChildProcess format = ChildProcess.java("kafka-storage-format", "kafka.tools.StorageTool")
                .jvmArgs(jvm)
                .jvmArgs(List.of("-XX:TieredStopAtLevel=1"))
                .classpath(lib.resolve("*").toString())
                .args(List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()))
                .logFile(logFile)
                .start();
        // StorageTool ends by itself; the watchdog only matters if this JVM dies meanwhile.
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (format.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (format.isAlive()) {
            format.stop(Duration.ZERO);
            throw new IllegalStateException("kafka-storage format took more than 60 s");
        }
        format.stop(Duration.ofSeconds(1));
        if (!Files.exists(config.resolveSibling("data").resolve("meta.properties"))) {
            throw new IllegalStateException("kafka-storage format failed:\n" + format.logTail());
        }
    }

    private static void awaitReady(ChildProcess process, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!InfraFiles.isListening(port)) {
            checkAlive(process);
            checkDeadline(deadline, timeout, "the port never opened");
            sleep(100);
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000))) {
            String last = "";
            while (true) {
                checkAlive(process);
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(5, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    last = e.getMessage();
                }
                checkDeadline(deadline, timeout, "describeCluster never answered: " + last);
                sleep(200);
            }
        }
    }

    private static void checkAlive(ChildProcess process) {
        if (!process.isAlive()) {
            throw new IllegalStateException("the broker process exited");
        }
    }

    private static void checkDeadline(long deadline, Duration timeout, String what) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("not ready after " + timeout.toSeconds() + " s: " + what);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker");
        }
    }

    static String serverProperties(int clientPort, int controllerPort, Path data, int partitions) {
        return String.join(
                "\n",
                "# written by io.erplink.infra.KafkaBroker on every start",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + clientPort + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + clientPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + data.toAbsolutePath(),
                "num.partitions=" + partitions,
                "auto.create.topics.enable=true",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=10",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "num.network.threads=2",
                "num.io.threads=4",
                "num.recovery.threads.per.data.dir=1",
                "log.retention.hours=168",
                "");
    }

    /** log4j-core 2 is among the broker's jars too (Kafka's log level controller): same levels. */
    private static final String LOG4J2 = String.join(
            "\n",
            "# written by io.erplink.infra.KafkaBroker: warnings and errors only",
            "appender.out.type=Console",
            "appender.out.name=out",
            "appender.out.layout.type=PatternLayout",
            "appender.out.layout.pattern=%d{HH:mm:ss,SSS} %-5p [%c{1}] %m%n",
            "rootLogger.level=WARN",
            "rootLogger.appenderRef.out.ref=out",
            "");

    private static final String LOG4J = String.join(
            "\n",
            "# written by io.erplink.infra.KafkaBroker: warnings and errors only",
            "log4j.rootLogger=WARN, stdout",
            "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
            "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
            "log4j.appender.stdout.layout.ConversionPattern=%d{HH:mm:ss,SSS} %-5p [%c{1}] %m%n",
            "log4j.logger.kafka=WARN",
            "log4j.logger.org.apache.kafka=WARN",
            "log4j.logger.state.change.logger=WARN",
            "");
}
