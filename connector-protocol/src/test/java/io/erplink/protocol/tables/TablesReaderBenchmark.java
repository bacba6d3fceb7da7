package io.erplink.protocol.tables;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

import io.erplink.protocol.events.RecordChunkCodec;

/**
 * Parse throughput of {@link TablesReader} as a ratio to a no-op pass of the JDK's StAX parser
 * (XMLStreamReader.next() over every event, nothing kept) over the same file in the same run, best of 3 after a warm-up;
 * and peak heap while reading a 1 MB and a 200 MB file. Not a test (surefire excludes *Benchmark).
 *
 * <pre>
 * ./mvnw -q -pl connector-protocol test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.erplink.protocol.tables.TablesReaderBenchmark [-Dexec.args="200"]
 * </pre>
 */
public final class TablesReaderBenchmark {
    private static final int RUNS = 3;

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--read")) {
            childRead(Path.of(args[1]));
            return;
        }
        long bigMb = args.length > 0 ? Long.parseLong(args[0]) : 200;
        Path dir = Files.createTempDirectory("tables-bench");
        try {
            Path small = dir.resolve("small.xml");
            Path big = dir.resolve("big.xml");
            long smallRows = generate(small, 1L << 20);
            long t0 = System.nanoTime();
            long bigRows = generate(big, bigMb << 20);
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            double bigMbActual = Files.size(big) / 1048576.0;
            System.out.printf(
                    "files: small %.2f MB (%d rows), big %.1f MB (%d rows), written by TablesWriter at %.1f MB/s%n",
                    Files.size(small) / 1048576.0, smallRows, bigMbActual, bigRows, bigMbActual / writeSeconds);

            // warm-up
            baseline(small);
            read(small);
            baseline(big);
            read(big);
            encode(big, false);
            encode(big, true);

            double baselineBest = Double.MAX_VALUE;
            double readerBest = Double.MAX_VALUE;
            double mapChunksBest = Double.MAX_VALUE;
            double textChunksBest = Double.MAX_VALUE;
            long rows = 0;
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                baseline(big);
                baselineBest = Math.min(baselineBest, (System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                rows = read(big);
                readerBest = Math.min(readerBest, (System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                long mapBytes = encode(big, false);
                mapChunksBest = Math.min(mapChunksBest, (System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                long textBytes = encode(big, true);
                textChunksBest = Math.min(textChunksBest, (System.nanoTime() - start) / 1e9);
                if (mapBytes != textBytes) {
                    throw new IllegalStateException(
                            "the two page paths encoded " + mapBytes + " and " + textBytes + " bytes");
                }
            }
            System.out.printf(
                    "no-op XMLStreamReader pass: %.2f s  %.1f MB/s%n", baselineBest, bigMbActual / baselineBest);
            System.out.printf(
                    "TablesReader:               %.2f s  %.1f MB/s  %.0f rows/s%n",
                    readerBest, bigMbActual / readerBest, rows / readerBest);
            System.out.printf(
                    "ratio TablesReader / no-op pass throughput: %.2f (best of %d after warm-up)%n",
                    baselineBest / readerBest, RUNS);
            System.out.printf(
                    "page path, map rows into RecordChunks (batch-service before):  %.2f s  %.1f MB/s  ratio to no-op %.2f%n",
                    mapChunksBest, bigMbActual / mapChunksBest, baselineBest / mapChunksBest);
            System.out.printf(
                    "page path, text rows into RecordChunks (batch-service now):    %.2f s  %.1f MB/s  ratio to no-op %.2f%n",
                    textChunksBest, bigMbActual / textChunksBest, baselineBest / textChunksBest);

            long smallPeak = peakHeapWhileReading(small);
            long bigPeak = peakHeapWhileReading(big);
            System.out.printf(
                    "in this JVM (max heap %d MB), sampled heap growth while reading (garbage included): "
                            + "1 MB file %.1f MB, %.0f MB file %.1f MB%n",
                    Runtime.getRuntime().maxMemory() >> 20, smallPeak / 1048576.0, bigMbActual, bigPeak / 1048576.0);
            System.out.println("child JVM -Xmx" + CHILD_HEAP + ", 1 MB file:   " + readInChild(small));
            System.out.println(
                    "child JVM -Xmx" + CHILD_HEAP + ", " + Math.round(bigMbActual) + " MB file: " + readInChild(big));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static final String CHILD_HEAP = "32m";

    /** Reads the file in a fresh JVM with a small heap; returns the line the child prints. */
    static String readInChild(Path file) throws Exception {
        // the jars and directories of the classes the child loads, not java.class.path: under exec:java
        // that is Maven's own launcher, and the child would not find this class
        String classPath = Stream.of(
                        TablesReaderBenchmark.class,
                        TablesReader.class,
                        com.ctc.wstx.stax.WstxInputFactory.class,
                        org.codehaus.stax2.XMLStreamReader2.class)
                .map(TablesReaderBenchmark::codeSource)
                .distinct()
                .collect(Collectors.joining(File.pathSeparator));
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(
                        javaBin.toString(),
                        "-Xmx" + CHILD_HEAP,
                        "-XX:+UseSerialGC",
                        "-cp",
                        classPath,
                        TablesReaderBenchmark.class.getName(),
                        "--read",
                        file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        int exit = process.waitFor();
        return (exit == 0 ? "" : "FAILED (exit " + exit + "): ") + output;
    }

    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("no class path entry for " + type.getName(), e);
        }
    }

    /** Child side: read the file, print rows, time and the heap pools' peak (post-allocation) usage. */
    static void childRead(Path file) throws Exception {
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        long rows = read(file);
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        long afterGc = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
                if (pool.getCollectionUsage() != null) {
                    afterGc = Math.max(afterGc, pool.getCollectionUsage().getUsed());
                }
            }
        }
        long gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(g -> Math.max(0, g.getCollectionCount()))
                .sum();
        System.out.printf(
                "ok, %d rows in %.2f s, heap peak %.1f MB (sum of pool peaks), %d GCs, max heap %d MB%n",
                rows, seconds, peak / 1048576.0, gcs, Runtime.getRuntime().maxMemory() >> 20);
    }

    /** Writes product rows like seed 003's EcomProducts until the file reaches {@code bytes}. */
    static long generate(Path file, long bytes) throws IOException {
        long rows = 0;
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out = new BufferedOutputStream(raw, 1 << 16);
                TablesWriter writer =
                        TablesWriter.open(out, TablesHeader.page(true, "{BENCH}", Map.of("totalCount", "0")))) {
            Map<String, String> columns = new LinkedHashMap<>();
            while (true) {
                columns.clear();
                columns.put("ProductId", "P" + rows);
                columns.put("ProductVariantId", "");
                columns.put("ProductLanguageId", "en-us");
                columns.put("ProductNumber", "N-" + rows);
                columns.put("ProductName", "Car Audio System " + rows + " with <escaped> & ]]> text");
                columns.put("ProductLongDescription", "A long description of the product, " + (rows % 97) + " lines.");
                columns.put("ProductWeight", Long.toString(rows % 1000) + ".00");
                columns.put("ProductVolume", "0.00");
                columns.put("ProductDefaultUnitId", "22565421199");
                columns.put("Discontinued", "FALSE");
                columns.put("ProductActive", "TRUE");
                columns.put("ReplacementProductNumber", null);
                columns.put("Groups", "22565420925");
                columns.put("ProductPrice", (rows % 500) + ".95");
                columns.put("ProductCost", "198.33");
                columns.put("ProductManufacturerId", "US-" + (rows % 300));
                columns.put("ProductStock", Long.toString(rows % 240));
                writer.write(TableRow.of("EcomProducts", columns));
                rows++;
                if ((rows & 1023) == 0) {
                    writer.flush();
                    if (Files.size(file) >= bytes) {
                        break;
                    }
                }
            }
        }
        return rows;
    }

    static long baseline(Path file) throws Exception {
        // the JDK's parser, whatever StAX implementation is on the classpath: the same baseline before and after
        // Woodstox
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        long events = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            XMLStreamReader reader = factory.createXMLStreamReader(in, "UTF-8");
            while (reader.next() != XMLStreamConstants.END_DOCUMENT) {
                events++;
            }
            reader.close();
        }
        return events;
    }

    static long read(Path file) throws IOException {
        long rows = 0;
        long chars = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                TablesReader reader = TablesReader.open(in)) {
            for (TableRow row = reader.next(); row != null; row = reader.next()) {
                rows++;
                chars += row.columns().size();
            }
        }
        if (chars == 0) {
            throw new IllegalStateException("nothing read");
        }
        return rows;
    }

    /**
     * batch-service's page path without HTTP and Kafka: every row into binary RecordChunks of up to 5,000
     * rows, as map rows ({@link TablesReader#next()}) or as text rows ({@link TablesReader#next(TablesReader.Row)});
     * returns the chunks' bytes (the same for both).
     */
    static long encode(Path file, boolean text) throws IOException {
        RecordChunkCodec.Encoder encoder = new RecordChunkCodec.Encoder();
        long bytes = 0;
        long row = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                TablesReader reader = TablesReader.open(in)) {
            TablesReader.Row textRow = new TablesReader.Row();
            while (true) {
                if (row % 5000 == 0) {
                    if (row > 0) {
                        bytes += encoder.finish().length;
                    }
                    encoder.begin("event", "run", "job", row / 5000, 1);
                }
                if (text) {
                    if (!reader.next(textRow)) {
                        break;
                    }
                    encoder.add(textRow.table(), ++row, textRow);
                } else {
                    TableRow r = reader.next();
                    if (r == null) {
                        break;
                    }
                    encoder.add(r.table(), ++row, r.columns());
                }
            }
        }
        return bytes + encoder.finish().length;
    }

    static long peakHeapWhileReading(Path file) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        Thread.sleep(200);
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(before);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                long used = memory.getHeapMemoryUsage().getUsed();
                peak.accumulateAndGet(used, Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        read(file);
        running.set(false);
        sampler.join();
        return Math.max(0, peak.get() - before);
    }
}
