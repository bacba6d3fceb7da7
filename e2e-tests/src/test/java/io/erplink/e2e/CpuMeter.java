package io.erplink.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * CPU time used by the processes of a benchmark, read from {@code /proc/<pid>/stat} (Linux): utime + stime
 * of each process. PostgreSQL is the postmaster plus its live children (backends, walwriter, checkpointer,
 * ...) plus the postmaster's cutime + cstime, which holds the CPU of the children that exited and were
 * reaped (a backend whose connection closed), so a backend that came and went inside the window still
 * counts. The machine's busy time ({@code /proc/stat}, all CPUs, without idle and iowait) shows what other
 * processes used meanwhile.
 *
 * <p>{@link #snapshot()} at the start and at the end of a phase; {@link Snapshot#minus(Snapshot)} is the
 * phase's CPU seconds per process.
 */
final class CpuMeter {
    /** Clock ticks per second of /proc's times (USER_HZ, 100 on every mainstream Linux). */
    private static final double HZ = 100.0;

    static final String MACHINE = "machine (all processes)";

    private final Map<String, LongSupplier> sources = new LinkedHashMap<>();
    /** Processes shown but not part of the measured work (the benchmark's own JVM). */
    private final java.util.Set<String> observers = new java.util.HashSet<>();

    /** A single process (a JVM): its own utime + stime. */
    CpuMeter process(String name, long pid) {
        sources.put(name, () -> ticks(pid, false));
        return this;
    }

    /** A process shown in the table but not counted as part of the work (e.g. the JVM that measures). */
    CpuMeter observer(String name, long pid) {
        observers.add(name);
        return process(name, pid);
    }

    /** A process with its children, live (utime + stime each) and reaped (its cutime + cstime): the postmaster. */
    CpuMeter processTree(String name, long pid) {
        sources.put(name, () -> {
            long total = ticks(pid, true);
            List<ProcessHandle> children =
                    ProcessHandle.of(pid).map(p -> p.children().toList()).orElse(List.of());
            for (ProcessHandle child : children) {
                total += ticks(child.pid(), false);
            }
            return total;
        });
        return this;
    }

    Snapshot snapshot() {
        Map<String, Long> values = new LinkedHashMap<>();
        sources.forEach((name, source) -> values.put(name, source.getAsLong()));
        values.put(MACHINE, machineBusyTicks());
        return new Snapshot(System.nanoTime(), values, java.util.Set.copyOf(observers));
    }

    /** CPU ticks of the processes at one moment. */
    record Snapshot(long nanos, Map<String, Long> ticks, java.util.Set<String> observers) {
        /** CPU seconds per process from {@code earlier} to this one, and the wall seconds between them. */
        Usage minus(Snapshot earlier) {
            Map<String, Double> seconds = new LinkedHashMap<>();
            ticks.forEach((name, value) -> seconds.put(name, (value - earlier.ticks.getOrDefault(name, 0L)) / HZ));
            return new Usage((nanos - earlier.nanos) / 1e9, seconds, observers);
        }
    }

    /** CPU seconds per process over a window of {@code wallSeconds}. */
    record Usage(double wallSeconds, Map<String, Double> seconds, java.util.Set<String> observers) {
        /** The measured processes together (without the observers and the machine line). */
        double processes() {
            return seconds.entrySet().stream()
                    .filter(e -> !e.getKey().equals(MACHINE) && !observers.contains(e.getKey()))
                    .mapToDouble(Map.Entry::getValue)
                    .sum();
        }

        /** Everything measured, observers included. */
        double all() {
            return seconds.entrySet().stream()
                    .filter(e -> !e.getKey().equals(MACHINE))
                    .mapToDouble(Map.Entry::getValue)
                    .sum();
        }

        double machine() {
            return seconds.getOrDefault(MACHINE, 0.0);
        }
    }

    /**
     * A table: one row per process, one column per phase (CPU seconds and share of the phase's wall time of
     * one core), then the measured processes' sum, the machine's busy time and what the rest of it used.
     */
    static List<String> table(List<String> phaseNames, List<Usage> phases) {
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-26s", "CPU seconds"));
        for (int i = 0; i < phases.size(); i++) {
            head.append(String.format(
                    Locale.ROOT,
                    " | %-13s %6.1f s wall",
                    phaseNames.get(i),
                    phases.get(i).wallSeconds()));
        }
        lines.add(head.toString());
        java.util.Set<String> observers = phases.get(0).observers();
        for (String name : phases.get(0).seconds().keySet()) {
            if (!name.equals(MACHINE) && !observers.contains(name)) {
                lines.add(row(name, phases, u -> u.seconds().get(name)));
            }
        }
        lines.add(row("sum: the import", phases, Usage::processes));
        for (String name : observers) {
            lines.add(row(name, phases, u -> u.seconds().get(name)));
        }
        lines.add(row(MACHINE, phases, Usage::machine));
        lines.add(row("other processes", phases, u -> Math.max(0, u.machine() - u.all())));
        return lines;
    }

    private static String row(String name, List<Usage> phases, java.util.function.ToDoubleFunction<Usage> value) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-26s", name));
        for (Usage u : phases) {
            double seconds = value.applyAsDouble(u);
            line.append(String.format(
                    Locale.ROOT,
                    " | %8.1f s = %5.2f cores   ",
                    seconds,
                    u.wallSeconds() > 0 ? seconds / u.wallSeconds() : 0));
        }
        return line.toString();
    }

    /** utime + stime (and with {@code reaped}, cutime + cstime) of a process; 0 once it is gone. */
    static long ticks(long pid, boolean reaped) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return 0;
        }
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state): utime = field 14, stime 15, cutime 16, cstime 17
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        if (reaped) {
            ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
        }
        return ticks;
    }

    /** Busy ticks of all CPUs: user + nice + system + irq + softirq + steal (not idle, not iowait). */
    static long machineBusyTicks() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += i < f.length ? Long.parseLong(f[i]) : 0;
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The postmaster's pid: the first line of {@code postmaster.pid} in the data directory. */
    static long pidFile(Path file) {
        try {
            return Long.parseLong(Files.readAllLines(file).get(0).trim());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("no pid in " + file + ": " + e.getMessage(), e);
        }
    }
}
