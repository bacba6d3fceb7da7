package io.erplink.e2e;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap each service used, from the JVM's own GC log ({@code -Xlog:gc}, one file per process): every
 * collection logs the heap in use before and after it and the heap's size, so the largest "before" is the
 * peak the heap reached (garbage included: what the -Xmx had to hold), the largest "after" is the live data's
 * high-water mark. Exact at each collection, nothing sampled, no agent; {@link #mark()} and
 * {@link #since(Map)} bound it to one run.
 */
final class HeapPeaks {
    // [12.345s][info][gc] GC(7) Pause Young (Allocation Failure) 250M->31M(981M) 12.345ms
    private static final Pattern COLLECTION = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private final Path dir;
    private final Map<Long, Long> offsets = new LinkedHashMap<>();

    HeapPeaks(Path dir) {
        this.dir = dir;
    }

    /** The JVM option that makes each child write its GC log where this reads it ({@code %p}: the pid). */
    static String jvmOption(Path dir) {
        return "-Xlog:gc:file=" + dir.resolve("gc-%p.log") + ":uptime";
    }

    /** One process's heap over the window: peak in use, live high-water, largest heap size, collections. */
    record Heap(long peakBytes, long liveBytes, long sizeBytes, int collections) {}

    /** Remembers where each process's log ends now: {@link #since(Map)} reads only what comes after. */
    HeapPeaks mark(Map<String, Long> processes) throws IOException {
        for (long pid : processes.values()) {
            Path log = log(pid);
            offsets.put(pid, Files.exists(log) ? Files.size(log) : 0L);
        }
        return this;
    }

    /** Each process's heap since {@link #mark(Map)} (or since it started). */
    Map<String, Heap> since(Map<String, Long> processes) throws IOException {
        Map<String, Heap> heaps = new LinkedHashMap<>();
        for (var process : processes.entrySet()) {
            heaps.put(process.getKey(), read(process.getValue()));
        }
        return heaps;
    }

    /** Lines for the benchmark's output, one per process. */
    static List<String> table(Map<String, Heap> heaps, long limitBytes) {
        List<String> lines = new ArrayList<>();
        for (var entry : heaps.entrySet()) {
            Heap heap = entry.getValue();
            lines.add(String.format(
                    Locale.ROOT,
                    "%-22s peak %5d MB in use, live after GC at most %4d MB, heap up to %5d MB, %4d collections%s",
                    entry.getKey(),
                    heap.peakBytes() >> 20,
                    heap.liveBytes() >> 20,
                    heap.sizeBytes() >> 20,
                    heap.collections(),
                    heap.collections() == 0
                            ? "  (no collection: nothing to read)"
                            : heap.peakBytes() > limitBytes ? "  ABOVE " + (limitBytes >> 20) + " MB" : ""));
        }
        return lines;
    }

    private Heap read(long pid) throws IOException {
        Path log = log(pid);
        if (!Files.exists(log)) {
            return new Heap(0, 0, 0, 0);
        }
        byte[] bytes;
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = offsets.getOrDefault(pid, 0L);
            bytes = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
        }
        long peak = 0;
        long live = 0;
        long size = 0;
        int collections = 0;
        Matcher m = COLLECTION.matcher(new String(bytes, StandardCharsets.UTF_8));
        while (m.find()) {
            collections++;
            peak = Math.max(peak, bytes(m.group(1), m.group(2)));
            live = Math.max(live, bytes(m.group(3), m.group(4)));
            size = Math.max(size, bytes(m.group(5), m.group(6)));
        }
        return new Heap(peak, live, size, collections);
    }

    private Path log(long pid) {
        return dir.resolve("gc-" + pid + ".log");
    }

    private static long bytes(String amount, String unit) {
        long value = Long.parseLong(amount);
        return switch (unit) {
            case "K" -> value << 10;
            case "M" -> value << 20;
            default -> value << 30;
        };
    }
}
