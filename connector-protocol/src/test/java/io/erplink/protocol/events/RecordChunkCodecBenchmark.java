package io.erplink.protocol.events;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Bytes and CPU per row of the binary RecordChunk (version 2) against the JSON one (version 1) in the
 * same run: 100,000 products shaped like the erp-simulator's (one EcomProducts row of 21 columns and two
 * EcomProductCategoryFieldValue rows of 6 columns each), in chunks of 1,000 rows. Encode is what
 * batch-service does per chunk (v1: rows collected as objects, then Jackson; v2: rows written into the
 * encoder as they come), decode what mapping-service does (v1: Jackson into the record, as its
 * decoder binds with a type header; v2: {@link RecordChunkCodec#decode}). Thread CPU time, best of 5
 * rounds after 3 warm-up rounds. Not a test (surefire excludes *Benchmark).
 *
 * <pre>
 * ./mvnw -B -o -q -pl connector-protocol test-compile
 * java -cp "connector-protocol/target/classes:connector-protocol/target/test-classes:$(cat cp.txt)" \
 *     io.erplink.protocol.events.RecordChunkCodecBenchmark      # cp.txt: mvn dependency:build-classpath
 * </pre>
 */
public final class RecordChunkCodecBenchmark {
    private static final int PRODUCTS = 100_000;
    private static final int CHUNK = 1_000;

    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<List<RecordChunk.Row>> chunks = chunks();
        long rows = chunks.stream().mapToLong(List::size).sum();
        String runId = UUID.randomUUID().toString();
        List<byte[]> json = new ArrayList<>();
        List<byte[]> binary = new ArrayList<>();
        RecordChunkCodec.Encoder encoder = new RecordChunkCodec.Encoder();
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        long check = 0;
        for (int round = 0; round < 8; round++) {
            json.clear();
            binary.clear();
            long t0 = cpu();
            for (int i = 0; i < chunks.size(); i++) {
                json.add(mapper.writeValueAsBytes(new RecordChunk(
                        eventId(i),
                        RecordChunk.JSON_VERSION,
                        runId,
                        "ifv2-import-products",
                        i,
                        1,
                        new ArrayList<>(chunks.get(i)))));
            }
            long t1 = cpu();
            for (int i = 0; i < chunks.size(); i++) {
                encoder.begin(eventId(i), runId, "ifv2-import-products", i, 1);
                for (RecordChunk.Row row : chunks.get(i)) {
                    encoder.add(row.table(), row.row(), row.columns());
                }
                binary.add(encoder.finish());
            }
            long t2 = cpu();
            for (byte[] value : json) {
                check += mapper.readValue(value, RecordChunk.class).rows().size();
            }
            long t3 = cpu();
            for (byte[] value : binary) {
                check += RecordChunkCodec.decode(value).rows().size();
            }
            long t4 = cpu();
            if (round >= 3) {
                best[0] = Math.min(best[0], t1 - t0);
                best[1] = Math.min(best[1], t2 - t1);
                best[2] = Math.min(best[2], t3 - t2);
                best[3] = Math.min(best[3], t4 - t3);
            }
        }
        if (check != rows * 16) {
            throw new IllegalStateException("decoded " + check + " rows, expected " + rows * 16);
        }
        long jsonBytes = json.stream().mapToLong(b -> b.length).sum();
        long binaryBytes = binary.stream().mapToLong(b -> b.length).sum();
        System.out.printf("%,d rows in %,d chunks of %,d%n", rows, chunks.size(), CHUNK);
        System.out.printf(
                "bytes per row: JSON v1 %.1f, binary v2 %.1f, ratio v2/v1 %.2f%n",
                (double) jsonBytes / rows, (double) binaryBytes / rows, (double) binaryBytes / jsonBytes);
        System.out.printf(
                "encode CPU ns per row: JSON v1 %.0f, binary v2 %.0f, ratio v2/v1 %.2f%n",
                best[0] / rows, best[1] / rows, best[1] / best[0]);
        System.out.printf(
                "decode CPU ns per row: JSON v1 %.0f, binary v2 %.0f, ratio v2/v1 %.2f%n",
                best[2] / rows, best[3] / rows, best[3] / best[2]);
    }

    private static String eventId(int i) {
        return UUID.nameUUIDFromBytes(("chunk/" + i).getBytes()).toString();
    }

    private static long cpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return mx.getCurrentThreadCpuTime();
    }

    /** Rows like the simulator's products page, in chunks. */
    private static List<List<RecordChunk.Row>> chunks() {
        List<List<RecordChunk.Row>> chunks = new ArrayList<>();
        List<RecordChunk.Row> chunk = new ArrayList<>();
        long rowNumber = 0;
        for (int p = 0; p < PRODUCTS; p++) {
            String id = "PROD" + (100_000 + p);
            Map<String, String> product = new LinkedHashMap<>();
            product.put("ProductId", id);
            product.put("ProductVariantId", "");
            product.put("ProductLanguageId", "LANG1");
            product.put("ProductNumber", id);
            product.put("ProductName", "Car Audio System " + p);
            product.put("ProductShortDescription", "Car Audio System " + p + " by Manufacturer " + (p % 300));
            product.put("ProductLongDescription", "");
            product.put("ProductPrice", (p % 500) + ".95");
            product.put("ProductCost", (p % 400) + ".33");
            product.put("ProductStock", Integer.toString(p % 240));
            product.put("ProductWeight", (p % 1000) + ".25");
            product.put("ProductVolume", "0.0" + (p % 10));
            product.put("ProductManufacturerId", "MANU" + (p % 300 + 1));
            product.put("ProductDefaultUnitId", "PCS");
            product.put("ProductVariantCounter", "0");
            product.put("Discontinued", p % 50 == 0 ? "TRUE" : "FALSE");
            product.put("ProductActive", p % 50 == 0 ? "FALSE" : "TRUE");
            product.put("ReplacementProductNumber", p % 50 == 0 ? "PROD" + (100_001 + p) : "");
            product.put("PrimaryGroup", "CAT" + (p % 12) + "-GROUP" + (p % 40));
            product.put("Groups", "CAT" + (p % 12) + "-GROUP" + (p % 40));
            product.put("ProductImageLarge", p % 3 == 0 ? null : "/images/" + id + ".jpg");
            chunk = add(chunks, chunk, new RecordChunk.Row("EcomProducts", ++rowNumber, product));
            for (String field : List.of("Weight", "Colour")) {
                Map<String, String> value = new LinkedHashMap<>();
                value.put("FieldValueFieldId", field);
                value.put("FieldValueFieldCategoryId", "CAT" + (p % 12));
                value.put("FieldValueProductId", id);
                value.put("FieldValueProductVariantId", "");
                value.put("FieldValueProductLanguageId", "LANG1");
                value.put("FieldValueValue", field.equals("Weight") ? (p % 1000) + ".25" : "Black");
                chunk = add(chunks, chunk, new RecordChunk.Row("EcomProductCategoryFieldValue", ++rowNumber, value));
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    private static List<RecordChunk.Row> add(
            List<List<RecordChunk.Row>> chunks, List<RecordChunk.Row> chunk, RecordChunk.Row row) {
        chunk.add(row);
        if (chunk.size() == CHUNK) {
            chunks.add(chunk);
            return new ArrayList<>();
        }
        return chunk;
    }
}
