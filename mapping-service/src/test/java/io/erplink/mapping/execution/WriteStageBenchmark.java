package io.erplink.mapping.execution;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.erplink.infra.PostgresServer;
import io.erplink.mapping.engine.CompiledJob;
import io.erplink.mapping.engine.JobCompiler;
import io.erplink.mapping.engine.MappedRow;
import io.erplink.mapping.engine.SourceRow;
import io.erplink.mapping.execution.Staging.StageRow;
import io.erplink.mapping.jobs.ShippedJobs;
import io.erplink.mapping.schema.SchemaCatalog;
import io.erplink.mapping.schema.TableInfo;

/**
 * The write stage's throughput for 1M product rows (staging COPY per chunk, one transaction per
 * chunk, then the one-transaction merge into an empty commerce.EcomProducts and the staging table
 * dropped) as a ratio to a raw COPY of the same mapped rows into the same table, measured in the same
 * run on the same PostgreSQL (local-infra's PostgresServer). Rows are mapped by the shipped
 * bc-import-items job (Business Central items, two table mappings) before anything is timed.
 *
 * <pre>
 * MAVEN_OPTS=-Xmx4g ./mvnw -pl mapping-service test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.erplink.mapping.execution.WriteStageBenchmark [-Dexec.args="1000000 5000"]
 * </pre>
 * Arguments: rows (default 1,000,000), rows per chunk (default 5,000).
 */
public final class WriteStageBenchmark {
    private static final String JOB = "bc-import-items";

    private WriteStageBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int chunkSize = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        try (PostgresServer postgres = PostgresServer.start(0, null, false)) {
            MigratedDatabase.create(postgres, "bench");
            try (Connection connection = postgres.connect("bench")) {
                connection.setAutoCommit(false);
                run(connection, rows, chunkSize);
            }
        }
        System.exit(0);
    }

    private static void run(Connection connection, int rowCount, int chunkSize) throws Exception {
        SchemaCatalog catalog = SchemaCatalog.load(connection, "commerce", Map.of());
        connection.commit();
        CompiledJob job = JobCompiler.compile(ShippedJobs.load("jobs", null).get(JOB), catalog);
        TableInfo products = catalog.table("EcomProducts");

        long mapStart = System.nanoTime();
        List<MappedChunk> chunks = new ArrayList<>();
        List<MappedRow> mapped = new ArrayList<>(rowCount);
        for (int from = 0, sequence = 0; from < rowCount; from += chunkSize, sequence++) {
            List<SourceRow> rows = new ArrayList<>();
            for (int i = from; i < Math.min(rowCount, from + chunkSize); i++) {
                rows.add(item(i));
            }
            MappedChunk chunk = StagedChunks.map(job, sequence, rows);
            for (List<StageRow> list : chunk.stageRowsByTable().values()) {
                list.forEach(r -> mapped.add(r.source()));
            }
            chunks.add(chunk);
        }
        System.out.printf(
                Locale.ROOT,
                "mapped %,d rows with %s in %,d ms (not part of the write stage)%n",
                mapped.size(),
                JOB,
                (System.nanoTime() - mapStart) / 1_000_000);

        // warm-up of both paths on a small slice, so neither pays for first-use costs
        rawCopy(connection, products, mapped.subList(0, Math.min(mapped.size(), 20_000)));
        truncate(connection);
        writeStage(connection, job, products, chunks.subList(0, Math.min(chunks.size(), 4)), -1);
        truncate(connection);

        double raw = rawCopy(connection, products, mapped);
        truncate(connection);
        double staged = writeStage(connection, job, products, chunks, 1);
        double again = writeStage(connection, job, products, chunks, 2);

        System.out.printf(Locale.ROOT, "raw COPY into commerce.EcomProducts:          %,9.0f rows/s%n", raw);
        System.out.printf(Locale.ROOT, "write stage (stage + merge), empty table:     %,9.0f rows/s%n", staged);
        System.out.printf(
                Locale.ROOT,
                "write stage (stage + merge), same rows again: %,9.0f rows/s (nothing changed: no row rewritten)%n",
                again);
        System.out.printf(
                Locale.ROOT,
                "ratio write stage / raw COPY: %.2f (goal >= 0.70); re-import: %.2f%n",
                staged / raw,
                again / raw);
    }

    private static double rawCopy(Connection connection, TableInfo products, List<MappedRow> rows) throws Exception {
        long start = System.nanoTime();
        Staging.copyRaw(connection, products, rows);
        connection.commit();
        long nanos = System.nanoTime() - start;
        System.out.printf(Locale.ROOT, "raw COPY: %,d rows in %,d ms%n", rows.size(), nanos / 1_000_000);
        return rows.size() / (nanos / 1e9);
    }

    /** Stages every chunk in its own transaction (as the service does), then merges in one; returns rows/s. */
    private static double writeStage(
            Connection connection, CompiledJob job, TableInfo products, List<MappedChunk> chunks, long stageId)
            throws Exception {
        String stage = Staging.qualified("mapping", Staging.tableName(Math.abs(stageId), products));
        long rows = chunks.stream()
                .flatMap(chunk -> chunk.stageRowsByTable().values().stream())
                .mapToLong(List::size)
                .sum();
        long start = System.nanoTime();
        Staging.create(connection, stage, products, false);
        connection.commit();
        Map<Integer, Merge.MappingStats> stats = StagedChunks.stageMapped(connection, stage, chunks, 5_000);
        long stagedAt = System.nanoTime();
        Merge.Outcome outcome = Merge.run(
                connection,
                job,
                new Merge.Input(
                        "bench-" + stageId, Map.of(products.name(), stage), "mapping.run_chunk_mapping", stats, false),
                1000,
                "64MB");
        Staging.drop(connection, stage);
        connection.commit();
        long end = System.nanoTime();
        if (stageId > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "write stage: %,d rows staged in %,d ms, merged in %,d ms (%,d inserted, %,d updated,"
                            + " %,d unchanged)%n",
                    rows,
                    (stagedAt - start) / 1_000_000,
                    (end - stagedAt) / 1_000_000,
                    outcome.inserted(),
                    outcome.updated(),
                    outcome.unchanged());
        }
        return rows / ((end - start) / 1e9);
    }

    private static void truncate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("truncate commerce.EcomProducts");
        }
        connection.commit();
    }

    /** A Business Central item card (DynamicwebItemCard) as OData delivers it. */
    private static SourceRow item(int i) {
        Map<String, String> columns = new LinkedHashMap<>();
        String no = String.format(Locale.ROOT, "ITEM-%07d", i);
        columns.put("No", no);
        columns.put("Description", "Item " + i + " description, with some words");
        columns.put("Base_Unit_of_Measure", i % 3 == 0 ? "BOX" : "PCS");
        columns.put("Net_Weight", Integer.toString(i % 50) + ".25");
        columns.put("GTIN", Long.toString(5_700_000_000_000L + i));
        columns.put("Item_Category_Code", "CAT" + (i % 40));
        columns.put("Minimum_Order_Quantity", Integer.toString(1 + i % 5));
        columns.put("Unit_Cost", (i % 1000) + ".10");
        columns.put("Unit_Price", (i % 1000) + ".99");
        columns.put("Unit_Volume", "0.5");
        columns.put("Vendor_No", "V" + (i % 200));
        columns.put("Inventory", Integer.toString(i % 300));
        columns.put("Blocked", i % 97 == 0 ? "true" : "false");
        columns.put("AssemblyBOM", i % 10 == 0 ? "True" : "False");
        return new SourceRow("DynamicwebItemCard", 1 + i / 5000, 1 + i % 5000, columns);
    }
}
