package io.erplink.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Temporary directories, free ports, process checks: the small helpers shared by local-infra. */
public final class InfraFiles {

    private static final String OWNER_FILE = "owner.pid";

    private InfraFiles() {}

    /**
     * A fresh directory under {@code java.io.tmpdir/erplink-infra}, marked with this JVM's pid.
     * Directories left behind by JVMs that no longer run (killed before they could clean up) are
     * deleted on the way.
     */
    public static Path newTempDir(String prefix) {
        try {
            Path root = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "erplink-infra"));
            sweepStale(root);
            Path dir = Files.createTempDirectory(root, prefix + "-");
            Files.writeString(
                    dir.resolve(OWNER_FILE),
                    Long.toString(ProcessHandle.current().pid()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    private static void sweepStale(Path root) throws IOException {
        List<Path> dirs;
        try (Stream<Path> list = Files.list(root)) {
            dirs = list.filter(Files::isDirectory).toList();
        }
        for (Path dir : dirs) {
            Path owner = dir.resolve(OWNER_FILE);
            Optional<Long> pid = readPid(owner);
            if (pid.isPresent()
                    && !ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
                // A postmaster of a killed run would have been stopped by its watchdog; be sure.
                readPid(dir.resolve("postmaster.pid")).ifPresent(p -> stopProcess(p, "postgres"));
                deleteRecursively(dir);
            }
        }
    }

    /** The first line of a pid file, if it exists and holds a number. */
    public static Optional<Long> readPid(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops a process if it is alive and its command line contains {@code marker} (so a recycled
     * pid is never hit): SIGINT, then SIGKILL after 10 s. Returns true if such a process was found.
     */
    public static boolean stopProcess(long pid, String marker) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive() || !commandLine(pid).contains(marker)) {
            return false;
        }
        try {
            // The shell's builtin kill: /bin/kill (procps) is not on every minimal system.
            new ProcessBuilder("/bin/sh", "-c", "kill -INT \"$1\"", "sh", Long.toString(pid))
                    .start()
                    .waitFor();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (handle.get().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } catch (IOException e) {
            // fall through to the kill
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (handle.get().isAlive()) {
            handle.get().destroyForcibly();
        }
        return true;
    }

    /** The process's command line from /proc (arguments separated by spaces), or "". */
    public static String commandLine(long pid) {
        try {
            return new String(
                            Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort; a later sweep retries
        }
    }

    /** A TCP port that was free a moment ago on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Whether something accepts connections on the loopback interface at {@code port}. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The repository root: {@code erplink.repo} or {@code maven.multiModuleProjectDirectory}, else the
     * first directory upwards from the working directory that holds {@code mvnw} and {@code kafka-dist}.
     */
    public static Path repoRoot() {
        for (String property : List.of("erplink.repo", "maven.multiModuleProjectDirectory")) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank() && Files.isDirectory(Path.of(value, "kafka-dist"))) {
                return Path.of(value).toAbsolutePath().normalize();
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("kafka-dist"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the erplink repository root (a directory with mvnw and kafka-dist)"
                + " upwards from " + Path.of("").toAbsolutePath() + "; set -Derplink.repo=<dir>");
    }
}
