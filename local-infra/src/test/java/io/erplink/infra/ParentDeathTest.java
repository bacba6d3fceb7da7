package io.erplink.infra;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What happens when the JVM that started PostgreSQL and Kafka is killed with SIGKILL. */
class ParentDeathTest {

    @Test
    void postgresAndKafkaDieWithTheirParentEvenOnKill9() throws Exception {
        Process parent = startParent("infra", "-");
        String[] ready = awaitReady(parent);
        long postmaster = Long.parseLong(ready[1]);
        long broker = Long.parseLong(ready[2]);
        Path postgresData = Path.of(ready[3]);
        assertTrue(alive(postmaster) && alive(broker), "both running before the kill");

        kill9(parent.pid());

        assertTrue(awaitGone(postmaster, Duration.ofSeconds(30)), "postmaster " + postmaster + " stopped");
        assertTrue(awaitGone(broker, Duration.ofSeconds(30)), "broker " + broker + " stopped");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Files.exists(postgresData) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(Files.exists(postgresData), "temporary data directory removed by the watchdog");
    }

    @Test
    void postmasterLeftRunningOnADataDirectoryIsStoppedBeforeTheNextStart(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pg");
        Process parent = startParent("postgres", data.toString());
        String[] ready = awaitReady(parent);
        long postmaster = Long.parseLong(ready[1]);
        // Kill the watchdog first, then the parent: the postmaster is left behind, as after a crash of
        // the whole process group or an older build without the watchdog.
        for (ProcessHandle child :
                ProcessHandle.of(parent.pid()).orElseThrow().children().toList()) {
            if (InfraFiles.commandLine(child.pid()).contains("erplink-postgres-watchdog")) {
                kill9(child.pid());
            }
        }
        kill9(parent.pid());
        Thread.sleep(500);
        assertTrue(alive(postmaster), "stale postmaster still running");

        try (PostgresServer server = PostgresServer.start(0, data)) {
            assertFalse(alive(postmaster), "stale postmaster stopped");
            try (Connection connection = server.connect("kept");
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("select note from marker")) {
                assertTrue(rs.next(), "data written before the crash is still there");
                assertEquals("before the crash", rs.getString(1));
            }
        }
    }

    private static Process startParent(String mode, String dataDir) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path")));
        Optional.ofNullable(System.getProperty("erplink.kafka.lib"))
                .ifPresent(lib -> command.add("-Derplink.kafka.lib=" + lib));
        command.addAll(List.of(InfraParentMain.class.getName(), mode, dataDir));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String[] awaitReady(Process parent) throws Exception {
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder output = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> reader.lines().forEach(l -> {}));
                drain.setDaemon(true);
                drain.start();
                return line.split(" ");
            }
            output.append(line).append('\n');
        }
        throw new AssertionError("parent JVM ended without READY:\n" + output);
    }

    /** SIGKILL, like kill -9. */
    private static void kill9(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean awaitGone(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (alive(pid) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return !alive(pid);
    }
}
