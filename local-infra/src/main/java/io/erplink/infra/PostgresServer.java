package io.erplink.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.postgresql.Driver;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky's embedded binaries, the version of {@code postgres-binaries.version})
 * in its own process. Runs as root too (zonky wraps it in {@code unshare -U}).
 *
 * <p>It never outlives the JVM that started it: a tiny shell watchdog holds a pipe from this JVM and
 * stops the postmaster (and deletes a temporary data directory) when the pipe closes, which also
 * happens on {@code kill -9}. A postmaster left running on a persistent data directory by an older
 * run (of an older build, say) is stopped before the next start.
 *
 * <p>Databases are owned by the login role {@value #USERNAME} (trust authentication, no password).
 * The database {@value #DEFAULT_DATABASE} always exists.
 *
 * <p>One class on purpose: start, the shutdown modes, restart and close all change the same
 * postmaster, watchdog and shutdown hook, and each must leave the others a consistent state.
 */
public final class PostgresServer implements AutoCloseable {

    /** The login role of every database this server creates. */
    public static final String USERNAME = "erplink";
    /** Created at start; the default database of the local run. */
    public static final String DEFAULT_DATABASE = "erplink";

    /** Libraries the server loads at start ({@code shared_preload_libraries}), e.g. pg_stat_statements; none by default. */
    public static final String PRELOAD_PROPERTY = "erplink.postgres.preload";

    private static final System.Logger LOG = System.getLogger(PostgresServer.class.getName());
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private final Path deleteOnStop;
    private final boolean synchronousCommit;
    private final Thread shutdownHook;
    // replaced by restart()
    private volatile EmbeddedPostgres postgres;
    private volatile Process watchdog;
    private volatile OutputStream watchdogPipe;
    private volatile boolean closed;
    private volatile boolean down;

    private PostgresServer(
            EmbeddedPostgres postgres,
            Path dataDir,
            Path logFile,
            Path deleteOnStop,
            boolean synchronousCommit,
            Process watchdog,
            boolean hook) {
        this.postgres = postgres;
        this.synchronousCommit = synchronousCommit;
        this.port = postgres.getPort();
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.deleteOnStop = deleteOnStop;
        this.watchdog = watchdog;
        this.watchdogPipe = watchdog.getOutputStream();
        this.shutdownHook = hook ? new Thread(this::close, "erplink-postgres-stop") : null;
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /**
     * Starts PostgreSQL and stops it at JVM exit.
     *
     * @param port    the port, or 0 for a free one
     * @param dataDir the data directory (kept, reused on the next start), or null for a temporary one
     *                (deleted on close)
     */
    public static PostgresServer start(int port, Path dataDir) {
        return start(port, dataDir, true);
    }

    /**
     * As {@link #start(int, Path)}; with {@code shutdownHook} false the caller stops it (in order with
     * other processes) — the watchdog still guarantees it never outlives this JVM.
     */
    public static PostgresServer start(int port, Path dataDir, boolean shutdownHook) {
        return start(port, dataDir, shutdownHook, false);
    }

    /**
     * As {@link #start(int, Path, boolean)}; {@code synchronousCommit} true keeps every acknowledged commit
     * through an {@link ShutdownMode#IMMEDIATE immediate shutdown} (the default, off, may lose the last
     * few hundred milliseconds of commits then, as a production server never would).
     */
    public static PostgresServer start(int port, Path dataDir, boolean shutdownHook, boolean synchronousCommit) {
        boolean temporary = dataDir == null;
        Path dir = temporary ? InfraFiles.newTempDir("postgres").resolve("data") : dataDir.toAbsolutePath();
        Path logFile = dir.resolveSibling(dir.getFileName() + ".log");
        int actualPort = port == 0 ? InfraFiles.freePort() : port;
        try {
            Files.createDirectories(dir);
            stopStalePostmaster(dir);
            if (InfraFiles.isListening(actualPort)) {
                throw new IllegalStateException(
                        "cannot start PostgreSQL: port " + actualPort + " is already in use by another process");
            }
            long started = System.nanoTime();
            EmbeddedPostgres postgres = startPostmaster(actualPort, dir, logFile, synchronousCommit);
            Path deleteOnStop = temporary ? dir.getParent() : null;
            Process watchdog = startWatchdog(postmasterPid(dir), deleteOnStop);
            PostgresServer server =
                    new PostgresServer(postgres, dir, logFile, deleteOnStop, synchronousCommit, watchdog, shutdownHook);
            server.ensureRoleAndDatabase();
            LOG.log(
                    Level.INFO,
                    "PostgreSQL on port {0} (data {1}) ready in {2} ms",
                    Integer.toString(actualPort),
                    dir,
                    Long.toString((System.nanoTime() - started) / 1_000_000));
            return server;
        } catch (IOException | SQLException | RuntimeException e) {
            throw new IllegalStateException(
                    "PostgreSQL did not start on port " + actualPort + " (data " + dir + "): " + e.getMessage()
                            + "\n--- " + logFile + " (tail) ---\n" + tail(logFile),
                    e);
        }
    }

    private static EmbeddedPostgres startPostmaster(int port, Path dir, Path logFile, boolean synchronousCommit)
            throws IOException {
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                // A development and test server: durability is not worth the disk waits.
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", synchronousCommit ? "on" : "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "300")
                .setServerConfig("listen_addresses", "localhost");
        // Opt-in, for benchmarks that want per-statement figures (-Derplink.postgres.preload=pg_stat_statements).
        String preload = System.getProperty(PRELOAD_PROPERTY, "");
        if (!preload.isBlank()) {
            builder.setServerConfig("shared_preload_libraries", preload);
        }
        return builder.start();
    }

    private static long postmasterPid(Path dir) {
        return InfraFiles.readPid(dir.resolve("postmaster.pid"))
                .orElseThrow(
                        () -> new IllegalStateException("PostgreSQL started but wrote no postmaster.pid in " + dir));
    }

    /** How {@link #shutdown(ShutdownMode)} stops the postmaster (PostgreSQL's own shutdown modes). */
    public enum ShutdownMode {
        /** SIGINT: open transactions are rolled back, clients disconnected, a clean checkpoint. */
        FAST("INT"),
        /** SIGQUIT: every process quits at once, crash recovery at the next start (as after a power cut). */
        IMMEDIATE("QUIT");

        private final String signal;

        ShutdownMode(String signal) {
            this.signal = signal;
        }
    }

    /**
     * Stops the postmaster as an outage would, keeping the data directory and port for {@link #restart()}.
     * Waits until the postmaster is gone.
     */
    public synchronized void shutdown(ShutdownMode mode) {
        if (closed || down) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        long pid = postmasterPid(dataDir);
        ProcessHandle handle =
                ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no postmaster with pid " + pid));
        try {
            Process kill = new ProcessBuilder("kill", "-" + mode.signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            kill.waitFor(10, TimeUnit.SECONDS);
            handle.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL (pid " + pid + ") did not stop on SIG" + mode.signal, e);
        }
        down = true;
        // The old watchdog must neither stop a later postmaster nor delete the data: kill it without its trap.
        watchdog.destroyForcibly();
        try {
            // releases zonky's lock on the data directory; its pg_ctl stop finds no server and says so
            postgres.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "PostgreSQL close after shutdown: " + e.getMessage());
        }
        LOG.log(Level.INFO, "PostgreSQL on port {0} shut down ({1})", Integer.toString(port), mode);
    }

    /** Starts the postmaster again on the same port and data directory after {@link #shutdown(ShutdownMode)}. */
    public synchronized void restart() {
        if (closed || !down) {
            throw new IllegalStateException("PostgreSQL is not shut down");
        }
        try {
            Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
            postgres = startPostmaster(port, dataDir, logFile, synchronousCommit);
            watchdog = startWatchdog(postmasterPid(dataDir), deleteOnStop);
            watchdogPipe = watchdog.getOutputStream();
            down = false;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "PostgreSQL did not restart on port " + port + ": " + e.getMessage() + "\n--- " + logFile
                            + " (tail) ---\n" + tail(logFile),
                    e);
        }
        LOG.log(Level.INFO, "PostgreSQL on port {0} restarted", Integer.toString(port));
    }

    /**
     * The shell watchdog: ignores terminal signals, waits for EOF on stdin (this JVM closing the pipe or
     * dying), then stops the postmaster (fast shutdown, SIGKILL after 10 s) and removes a temporary
     * directory.
     */
    private static Process startWatchdog(long postmasterPid, Path deleteDir) throws IOException {
        String script = "trap '' INT HUP; cat >/dev/null; "
                + "if grep -q postgres /proc/$1/cmdline 2>/dev/null; then kill -INT $1 2>/dev/null; fi; "
                + "i=0; while kill -0 $1 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; "
                + "if grep -q postgres /proc/$1/cmdline 2>/dev/null; then kill -KILL $1 2>/dev/null; fi; "
                + "if [ -n \"$2\" ]; then rm -rf \"$2\"; fi";
        return new ProcessBuilder(
                        "/bin/sh",
                        "-c",
                        script,
                        "erplink-postgres-watchdog",
                        Long.toString(postmasterPid),
                        deleteDir == null ? "" : deleteDir.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** A postmaster still running on this data directory (its parent was killed) is stopped first. */
    private static void stopStalePostmaster(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        InfraFiles.readPid(pidFile).ifPresent(pid -> {
            if (InfraFiles.stopProcess(pid, "postgres")) {
                LOG.log(Level.WARNING, "stopped a stale PostgreSQL (pid {0}) left running on {1}", pid, dir);
            }
        });
        // Without a running postmaster the pid file is stale; PostgreSQL would refuse to start if the
        // pid it names were reused by another process.
        Files.deleteIfExists(pidFile);
    }

    private void ensureRoleAndDatabase() throws SQLException {
        try (Connection connection = connect("postgres", "postgres");
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("select 1 from pg_roles where rolname = '" + USERNAME + "'")) {
                if (!rs.next()) {
                    statement.execute("create role " + USERNAME + " login createdb");
                }
            }
        }
        createDatabaseIfMissing(DEFAULT_DATABASE);
    }

    /**
     * Creates a database owned by {@value #USERNAME}.
     *
     * @param name lower-case letters, digits and underscores
     * @return its JDBC URL
     * @throws IllegalStateException if it exists already
     */
    public String createDatabase(String name) {
        if (!createDatabaseIfMissing(name)) {
            throw new IllegalStateException("database " + name + " exists already");
        }
        return jdbcUrl(name);
    }

    /**
     * Creates a database owned by {@value #USERNAME} on a server of this kind running on {@code port}
     * (for code that has the port but not the instance, e.g. under another class loader).
     *
     * @return its JDBC URL
     */
    public static String createDatabase(int port, String name) {
        if (!createDatabaseIfMissing(port, name)) {
            throw new IllegalStateException("database " + name + " exists already");
        }
        return jdbcUrl(port, name);
    }

    private boolean createDatabaseIfMissing(String name) {
        return createDatabaseIfMissing(port(), name);
    }

    private static boolean createDatabaseIfMissing(int port, String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid database name (a-z, 0-9, _): " + name);
        }
        try (Connection connection = connect(port, "postgres", "postgres")) {
            try (PreparedStatement exists =
                    connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("create database " + name + " owner " + USERNAME);
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** A new connection to {@code database} as {@value #USERNAME}. */
    public Connection connect(String database) throws SQLException {
        return connect(database, USERNAME);
    }

    private Connection connect(String database, String user) throws SQLException {
        return connect(port(), database, user);
    }

    private static Connection connect(int port, String database, String user) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        // The driver directly, not DriverManager: works under any class loader (Quarkus tests).
        Connection connection = new Driver().connect(jdbcUrl(port, database), properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver refused " + jdbcUrl(port, database));
        }
        return connection;
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of {@value #DEFAULT_DATABASE}. */
    public String jdbcUrl() {
        return jdbcUrl(DEFAULT_DATABASE);
    }

    public String jdbcUrl(String database) {
        return jdbcUrl(port(), database);
    }

    public static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public String username() {
        return USERNAME;
    }

    /** Empty: the server trusts local connections. */
    public String password() {
        return "";
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return logFile;
    }

    /** Whether the postmaster is still running. */
    public boolean isRunning() {
        return !closed
                && !down
                && InfraFiles.readPid(dataDir.resolve("postmaster.pid"))
                        .flatMap(ProcessHandle::of)
                        .map(ProcessHandle::isAlive)
                        .orElse(false);
    }

    /** Stops PostgreSQL (fast shutdown); a temporary data directory is deleted. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (down) {
            // shut down by a test and not restarted: only the temporary data is left to delete
            if (deleteOnStop != null) {
                InfraFiles.deleteRecursively(deleteOnStop);
            }
            removeShutdownHook();
            return;
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "PostgreSQL stop: " + e.getMessage());
        }
        try {
            watchdogPipe.close();
            watchdog.waitFor(15, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        removeShutdownHook();
    }

    private void removeShutdownHook() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down
            }
        }
    }

    static String tail(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return "(no log)";
            }
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
