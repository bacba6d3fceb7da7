package io.erplink.infra;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The first main class of every Java child process erplink starts (Kafka broker, erp-simulator,
 * services): it runs the real main class through reflection and ends the JVM as soon as its stdin
 * reaches end-of-file. The parent holds the write end of that pipe and never writes to it, so the
 * pipe only closes when the parent closes it on purpose or dies, even by {@code kill -9}. A child
 * can therefore never outlive the JVM that started it.
 *
 * <p>On EOF the watchdog calls {@link System#exit(int)}, which runs the child's shutdown hooks (a
 * controlled broker shutdown, a graceful Quarkus stop); if they take longer than
 * {@code erplink.watchdog.grace-ms} (default 20 s), it halts the JVM.
 *
 * <p>Deliberately self-contained (no lambdas, no nested classes, JDK only): {@link #classpathEntry()}
 * copies this single class file into a directory that goes on the child's classpath, whichever
 * class loader loaded it in the parent.
 */
public final class ParentWatchdog implements Runnable {

    private final boolean halter;

    private ParentWatchdog(boolean halter) {
        this.halter = halter;
    }

    /**
     * @param args the real main class, then its arguments
     */
    public static void main(String[] args) throws Throwable {
        if (args.length < 1) {
            System.err.println("usage: java -cp ... io.erplink.infra.ParentWatchdog <main-class> [args...]");
            System.exit(2);
        }
        Thread watcher = new Thread(new ParentWatchdog(false), "erplink-parent-watchdog");
        watcher.setDaemon(true);
        watcher.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public void run() {
        if (halter) {
            try {
                Thread.sleep(Long.getLong("erplink.watchdog.grace-ms", 20_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.err.println("[erplink-watchdog] shutdown took too long, halting");
            Runtime.getRuntime().halt(1);
            return;
        }
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // the parent never writes; anything read is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the same as EOF: the parent is gone
        }
        Thread halt = new Thread(new ParentWatchdog(true), "erplink-watchdog-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(0);
    }

    private static Path classpathEntry;

    /**
     * A directory holding only this class, to put on a child's classpath. Written once per JVM
     * (per class loader) to a temporary directory that is removed on exit.
     */
    public static synchronized Path classpathEntry() {
        if (classpathEntry != null
                && Files.isRegularFile(classpathEntry.resolve("io/erplink/infra/ParentWatchdog.class"))) {
            return classpathEntry;
        }
        try (InputStream in = ParentWatchdog.class.getResourceAsStream("ParentWatchdog.class")) {
            if (in == null) {
                throw new IllegalStateException("ParentWatchdog.class not found as a resource");
            }
            Path root = Files.createTempDirectory("erplink-watchdog");
            Path dir = Files.createDirectories(root.resolve("io/erplink/infra"));
            Path file = dir.resolve("ParentWatchdog.class");
            Files.copy(in, file);
            Path[] created = {root, root.resolve("io"), root.resolve("io/erplink"), dir, file};
            for (Path path : created) {
                path.toFile().deleteOnExit();
            }
            classpathEntry = root;
            return root;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the watchdog class for child processes", e);
        }
    }
}
