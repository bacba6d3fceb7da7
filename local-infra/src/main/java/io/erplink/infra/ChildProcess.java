package io.erplink.infra;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Java child process started through {@link ParentWatchdog}: it dies with its parent. Its output
 * (stdout and stderr merged) goes line by line to a log file, to an optional console sink, and to a
 * small in-memory tail used in error messages.
 */
public final class ChildProcess implements AutoCloseable {

    private static final int TAIL_LINES = 60;

    private final String name;
    private final Process process;
    private final OutputStream stdin;
    private final Path logFile;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread pump;

    private ChildProcess(String name, Process process, Path logFile, Consumer<String> console) {
        this.name = name;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.logFile = logFile;
        this.pump = new Thread(() -> pump(console), "erplink-output-" + name);
        this.pump.setDaemon(true);
        this.pump.start();
    }

    /** Describes a Java child process; {@link #start()} launches it. */
    public static Builder java(String name, String mainClass) {
        return new Builder(name, mainClass);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** The last lines the child printed (at most 60), for error messages. */
    public String logTail() {
        synchronized (tail) {
            return tail.isEmpty() ? "(no output)" : String.join(System.lineSeparator(), tail);
        }
    }

    /**
     * Stops the child: closes its stdin (its watchdog then exits it gracefully), waits up to
     * {@code grace}, then SIGTERM, then SIGKILL. Idempotent.
     */
    public void stop(Duration grace) {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already closed
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
            pump.join(2_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }

    private void pump(Consumer<String> console) {
        BufferedWriter log = null;
        try {
            if (logFile != null) {
                Files.createDirectories(logFile.toAbsolutePath().getParent());
                log = Files.newBufferedWriter(
                        logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            log = null;
        }
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (tail) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
                if (log != null) {
                    log.write(line);
                    log.newLine();
                    log.flush();
                }
                if (console != null) {
                    console.accept(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            if (log != null) {
                try {
                    log.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }

    /** Settings of a Java child process. */
    public static final class Builder {
        private final String name;
        private final String mainClass;
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> classpath = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private Path workDir;
        private Path logFile;
        private Consumer<String> console;
        private boolean ownSession;

        private Builder(String name, String mainClass) {
            this.name = name;
            this.mainClass = mainClass;
        }

        public Builder jvmArgs(List<String> values) {
            jvmArgs.addAll(values);
            return this;
        }

        /** A classpath entry: a jar, a directory, or {@code dir/*}. */
        public Builder classpath(String entry) {
            classpath.add(entry);
            return this;
        }

        public Builder args(List<String> values) {
            args.addAll(values);
            return this;
        }

        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        public Builder workDir(Path dir) {
            workDir = dir;
            return this;
        }

        public Builder logFile(Path file) {
            logFile = file;
            return this;
        }

        /** Receives every output line (besides the log file). */
        public Builder console(Consumer<String> sink) {
            console = sink;
            return this;
        }

        /**
         * Starts the child in its own session (through {@code setsid}, when present), so a Ctrl-C in
         * the terminal reaches only the parent, which then stops its children in order.
         */
        public Builder ownSession(boolean value) {
            ownSession = value;
            return this;
        }

        public ChildProcess start() throws IOException {
            List<String> command = new ArrayList<>();
            if (ownSession && new File("/usr/bin/setsid").canExecute()) {
                command.add("/usr/bin/setsid");
            }
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmArgs);
            List<String> cp = new ArrayList<>();
            cp.add(ParentWatchdog.classpathEntry().toString());
            cp.addAll(classpath);
            command.add("-cp");
            command.add(String.join(File.pathSeparator, cp));
            command.add(ParentWatchdog.class.getName());
            command.add(mainClass);
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(env);
            if (workDir != null) {
                builder.directory(workDir.toFile());
            }
            return new ChildProcess(name, builder.start(), logFile, console);
        }
    }
}
