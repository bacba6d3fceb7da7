package io.erplink.infra;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * PostgreSQL and Kafka together, started in parallel: what the tests (through test-support) and the
 * local run ({@link LocalSuite}) need. Closing stops Kafka first, then PostgreSQL.
 */
public final class LocalInfra implements AutoCloseable {

    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private LocalInfra(PostgresServer postgres, KafkaBroker kafka, boolean hook) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.shutdownHook = hook ? new Thread(this::close, "erplink-infra-stop") : null;
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** Both on free ports with temporary directories, stopped at JVM exit. */
    public static LocalInfra start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** Stops Kafka, then PostgreSQL. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down
            }
        }
    }

    /** Settings of both servers. */
    public static final class Builder {
        private int postgresPort;
        private int kafkaPort;
        private Path postgresDir;
        private Path kafkaDir;
        private int partitions = 3;
        private boolean shutdownHook = true;
        private boolean ownSession;
        private boolean synchronousCommit;
        private Consumer<String> kafkaConsole;

        /** 0 (default): a free port. */
        public Builder postgresPort(int port) {
            postgresPort = port;
            return this;
        }

        /** 0 (default): a free port. */
        public Builder kafkaPort(int port) {
            kafkaPort = port;
            return this;
        }

        /** Keep PostgreSQL's data here (default: a temporary directory). */
        public Builder postgresDir(Path dir) {
            postgresDir = dir;
            return this;
        }

        /** Keep Kafka's data here (default: a temporary directory). */
        public Builder kafkaDir(Path dir) {
            kafkaDir = dir;
            return this;
        }

        /**
         * PostgreSQL's synchronous_commit (default off, faster): on for tests that shut PostgreSQL down
         * immediately and count every committed row.
         */
        public Builder synchronousCommit(boolean value) {
            synchronousCommit = value;
            return this;
        }

        /** Partitions of automatically created topics (default 3). */
        public Builder partitions(int value) {
            partitions = value;
            return this;
        }

        /** Whether a JVM shutdown hook stops both (default true); the watchdogs act in any case. */
        public Builder shutdownHook(boolean value) {
            shutdownHook = value;
            return this;
        }

        /** Start the broker in its own session, away from terminal signals (the local run). */
        public Builder ownSession(boolean value) {
            ownSession = value;
            return this;
        }

        /** Receives the broker's output lines (besides its log file). */
        public Builder kafkaConsole(Consumer<String> sink) {
            kafkaConsole = sink;
            return this;
        }

        /** Starts both in parallel; if one fails, the other is stopped again. */
        public LocalInfra start() {
            CompletableFuture<PostgresServer> postgres = CompletableFuture.supplyAsync(
                    () -> PostgresServer.start(postgresPort, postgresDir, false, synchronousCommit));
            CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(() -> KafkaBroker.builder()
                    .port(kafkaPort)
                    .dir(kafkaDir)
                    .partitions(partitions)
                    .shutdownHook(false)
                    .ownSession(ownSession)
                    .console(kafkaConsole)
                    .start());
            try {
                CompletableFuture.allOf(postgres, kafka).join();
            } catch (CompletionException e) {
                postgres.thenAccept(PostgresServer::close);
                kafka.thenAccept(KafkaBroker::close);
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(cause);
            }
            return new LocalInfra(postgres.join(), kafka.join(), shutdownHook);
        }
    }
}
