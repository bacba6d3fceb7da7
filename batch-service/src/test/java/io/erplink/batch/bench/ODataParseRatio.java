package io.erplink.batch.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import io.erplink.batch.fetch.ODataPageFetcher;
import io.erplink.batch.odata.DeltaValues;
import io.erplink.batch.odata.ODataMetadata;
import io.erplink.batch.odata.ODataPageReader;
import io.erplink.batch.publish.ChunkRule;
import io.erplink.batch.publish.ChunkWriter;

/**
 * The measurement of {@link ODataParseBenchmark}, over a page and the {@code $metadata} it belongs to:
 * the service's own {@link ODataPageFetcher#publish} (the {@link ODataPageReader} with the service's
 * limits, the delta field tracked, the option fields decoded, every row encoded into binary RecordChunks
 * of 5,000 rows by a {@link ChunkWriter}; only the Kafka send is replaced by a counter) against a no-op
 * Jackson pass over the same bytes (every token read, nothing built), best of {@code rounds} after as
 * many warm-up rounds. Also timed, not part of the ratio: the reader alone (rows handed to an empty
 * sink), which shows how the time splits between parsing and encoding.
 *
 * <p>Also a {@code main} (no JUnit, no Quarkus: batch-service's packaged classes and this class), which
 * e2e-tests' {@code BcEndToEndImportBenchmark} runs on a page of its own simulator:
 * {@code ODataParseRatio <page.json> <metadata.xml> <entitySet> <deltaField> [rounds]}.
 */
public final class ODataParseRatio {
    private ODataParseRatio() {}

    /** What one measurement saw; times in seconds. */
    record Figures(
            long bytes,
            long rows,
            long chunks,
            long chunkBytes,
            Set<String> enums,
            double publish,
            double reader,
            double noOp) {
        double ratio() {
            return noOp / publish;
        }

        void print() {
            double mb = bytes / 1e6;
            System.out.printf(
                    Locale.ROOT,
                    "[bench] one page: %,d rows, %,.1f MB of JSON -> %d chunks, %,.1f MB binary; option fields %s%n",
                    rows,
                    mb,
                    chunks,
                    chunkBytes / 1e6,
                    enums);
            System.out.printf(
                    Locale.ROOT,
                    "[bench]   reader + chunks   %7.1f ms  %,8.1f MB/s  %,10.0f rows/s  (ODataPageFetcher.publish)%n",
                    publish * 1e3,
                    mb / publish,
                    rows / publish);
            System.out.printf(
                    Locale.ROOT,
                    "[bench]   reader alone      %7.1f ms  %,8.1f MB/s  %,10.0f rows/s  (empty sink)%n",
                    reader * 1e3,
                    mb / reader,
                    rows / reader);
            System.out.printf(
                    Locale.ROOT, "[bench]   no-op Jackson     %7.1f ms  %,8.1f MB/s%n", noOp * 1e3, mb / noOp);
            System.out.printf(
                    Locale.ROOT,
                    "[bench]   JSON parse ratio (reader + chunks) / no-op %5.2f  (goal >= 0.6); reader alone / no-op"
                            + " %5.2f%n",
                    ratio(),
                    noOp / reader);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            throw new IllegalArgumentException(
                    "usage: ODataParseRatio <page.json> <metadata.xml> <entitySet> <deltaField> [rounds]");
        }
        byte[] page = Files.readAllBytes(Path.of(args[0]));
        byte[] metadata = Files.readAllBytes(Path.of(args[1]));
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        measure(page, metadata, args[2], args[3], rounds).print();
    }

    static Figures measure(byte[] page, byte[] metadataXml, String entitySet, String deltaField, int rounds)
            throws IOException {
        Set<String> enums = enumProperties(metadataXml, entitySet);
        ODataPageReader reader = new ODataPageReader(1024 * 1024, 16);
        JsonFactory plain = new JsonFactory();
        long[] sent = new long[2]; // chunks, bytes
        long[] sink = new long[1];
        long rows = -1;
        double publish = Double.MAX_VALUE;
        double readerOnly = Double.MAX_VALUE;
        double noOp = Double.MAX_VALUE;
        for (int i = 0; i < 2 * rounds; i++) {
            sent[0] = 0;
            sent[1] = 0;
            ChunkWriter writer = new ChunkWriter(
                    (key, sequence, value) -> {
                        sent[0]++;
                        sent[1] += value.length;
                        return CompletableFuture.completedFuture(null);
                    },
                    UUID.randomUUID(),
                    "bc-import-items",
                    1,
                    0,
                    new ChunkRule(5000, ChunkRule.MAX_BYTES),
                    () -> {});
            long t0 = System.nanoTime();
            ODataPageReader.Page published =
                    ODataPageFetcher.publish(new ByteArrayInputStream(page), writer, entitySet, deltaField, enums);
            long t1 = System.nanoTime();
            long tokens = 0;
            try (JsonParser p = plain.createParser(new ByteArrayInputStream(page))) {
                while (p.nextToken() != null) {
                    tokens++;
                }
            }
            long t2 = System.nanoTime();
            ODataPageReader.Page read = reader.read(
                    new ByteArrayInputStream(page),
                    deltaField,
                    DeltaValues.ORDER,
                    enums,
                    (n, row) -> sink[0] += row.size());
            long t3 = System.nanoTime();
            if (published.rows() != writer.rowCount()
                    || read.rows() != published.rows()
                    || (rows >= 0 && rows != read.rows())) {
                throw new IllegalStateException("rows differ: published " + published.rows() + ", chunked "
                        + writer.rowCount() + ", read " + read.rows() + ", before " + rows);
            }
            rows = read.rows();
            if (i >= rounds) {
                publish = Math.min(publish, (t1 - t0) / 1e9);
                noOp = Math.min(noOp, (t2 - t1) / 1e9);
                readerOnly = Math.min(readerOnly, (t3 - t2) / 1e9);
            }
            sink[0] += tokens;
        }
        if (sink[0] == 42) {
            System.out.println(); // keeps the sinks' work observable to the JIT
        }
        return new Figures(page.length, rows, sent[0], sent[1], enums, publish, readerOnly, noOp);
    }

    /** The entity set's option (enum) properties, as the run planner takes them from {@code $metadata}. */
    private static Set<String> enumProperties(byte[] metadataXml, String entitySet) {
        ODataMetadata metadata = ODataMetadata.read(new ByteArrayInputStream(metadataXml));
        Set<String> names = new HashSet<>();
        metadata.properties(entitySet)
                .orElseThrow(() -> new IllegalArgumentException("no entity set " + entitySet + " in the $metadata"))
                .forEach((name, type) -> {
                    if (metadata.enumTypes().containsKey(type)) {
                        names.add(name);
                    }
                });
        return names;
    }
}
