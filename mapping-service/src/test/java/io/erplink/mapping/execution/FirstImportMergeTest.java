package io.erplink.mapping.execution;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.erplink.infra.PostgresServer;
import io.erplink.mapping.engine.CompiledJob;
import io.erplink.mapping.engine.JobCompiler;
import io.erplink.mapping.engine.SourceRow;
import io.erplink.mapping.execution.MappedChunk.MappingRows;
import io.erplink.mapping.execution.Staging.StageRow;
import io.erplink.mapping.jobs.JobCodec;
import io.erplink.mapping.jobs.ShippedJobs;
import io.erplink.mapping.schema.ColumnInfo;
import io.erplink.mapping.schema.SchemaCatalog;
import io.erplink.mapping.schema.TableInfo;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The first import into an empty table merges all of a job's table mappings in one plain INSERT; it
 * must leave exactly the rows and counts of the mapping-by-mapping merge (plain INSERT of the first,
 * INSERT ... ON CONFLICT of the others). Both paths run here on the same staged rows, on a real
 * PostgreSQL, and are compared with each other and with the expected rows.
 */
class FirstImportMergeTest {
    /** Three mappings into EcomProducts whose keys overlap; the middle one keeps the first row of a key. */
    private static final String OVERLAPPING = """
            name: overlapping-items
            tableMappings:
            - name: A and B
              sourceTable: Items
              destinationTable: EcomProducts
              conditionals: [{column: Kind, operator: In, value: 'A,B'}]
              columns:
              - {source: Id, destination: ProductId}
              - {source: Name, destination: ProductName}
              - {source: Price, destination: ProductPrice}
              - {destination: ProductType, script: Constant, value: '0'}
            - name: B and C
              sourceTable: Items
              destinationTable: EcomProducts
              conditionals: [{column: Kind, operator: In, value: 'B,C'}]
              columns:
              - {source: Id, destination: ProductId}
              - {source: Name, destination: ProductName}
              - {source: Price, destination: ProductPrice}
              - {destination: ProductType, script: Constant, value: '1'}
              options: {discardDuplicates: true}
            - name: C
              sourceTable: Items
              destinationTable: EcomProducts
              conditionals: [{column: Kind, operator: EqualTo, value: C}]
              columns:
              - {source: Id, destination: ProductId}
              - {source: Alt, destination: ProductName}
              - {source: Price, destination: ProductPrice}
              - {destination: ProductType, script: Constant, value: '1'}
            """;

    private static PostgresServer postgres;
    private static Connection connection;
    private static SchemaCatalog catalog;
    private static long stageIds;

    @BeforeAll
    static void start() throws SQLException {
        postgres = PostgresServer.start(0, null, false);
        MigratedDatabase.create(postgres, "merge");
        connection = postgres.connect("merge");
        connection.setAutoCommit(false);
        catalog = SchemaCatalog.load(connection, "commerce", Map.of());
        connection.commit();
    }

    @AfterAll
    static void stop() throws SQLException {
        connection.close();
        postgres.close();
    }

    /** What a merge left: the table's rows, the counts, and the row versions it wrote. */
    private record Result(List<String> rows, String counts, long tuplesInserted, long tuplesUpdated) {}

    @Test
    void overlappingKeysResolveByJobOrderAndRowOrderAsTheMappingByMappingMerge() throws Exception {
        CompiledJob job = JobCompiler.compile(JobCodec.read(OVERLAPPING), catalog);
        List<List<SourceRow>> chunks = List.of(
                List.of(
                        item(1, "P1", "A", "Chair", "10", "-"), item(2, "P2", "B", "Table", "20", "-"),
                        item(3, "P4", "B", "Lamp", "5", "-"), item(4, "P3", "C", "Desk", "7", "Desk")),
                List.of(
                        item(1, "P1", "A", "Chair2", "11", "-"),
                        item(2, "P4", "B", "Lamp2", "6", "-"),
                        item(3, "P5", "C", "Sofa", "30", "Couch")));

        Result combined = merge(job, chunks, true);
        Result byMapping = merge(job, chunks, false);

        // P1: the last row of mapping 0; P2, P4: mapping 1 (later in the job) wins, P4 with its first row
        // (discardDuplicates); P3, P5: mapping 2 wins (same values as mapping 1 for P3).
        List<String> expected =
                List.of("P1|Chair2|11|0", "P2|Table|20|1", "P3|Desk|7|1", "P4|Lamp|5|1", "P5|Couch|30|1");
        assertEquals(expected, byMapping.rows());
        assertEquals(expected, combined.rows());
        // 12 staged: 3 duplicates within a mapping; P2 and P4 updated by mapping 1, P5 by mapping 2; P3 unchanged.
        assertEquals("inserted=5 updated=3 unchanged=1 skipped=3 removed=0", byMapping.counts());
        assertEquals(byMapping.counts(), combined.counts());
        // The combined path rewrote no row (its first attempt, refused on a repeated key, was rolled back); the other
        // three.
        assertEquals(0, combined.tuplesUpdated());
        assertEquals(3, byMapping.tuplesUpdated());
    }

    @Test
    void everyKeyStagedOnceIsInsertedInOnePassWithTheRowsAndCountsOfTheMappingByMappingMerge() throws Exception {
        CompiledJob job = JobCompiler.compile(ShippedJobs.load("jobs", null).get("bc-import-items"), catalog);
        List<List<SourceRow>> chunks = new ArrayList<>();
        for (int chunk = 0; chunk < 3; chunk++) {
            List<SourceRow> rows = new ArrayList<>();
            for (int i = chunk * 40; i < Math.min(100, chunk * 40 + 40); i++) {
                rows.add(bcItem(i, i));
            }
            chunks.add(rows);
        }

        Result combined = merge(job, chunks, true);
        Result byMapping = merge(job, chunks, false);

        assertEquals(100, byMapping.rows().size());
        assertEquals(byMapping.rows(), combined.rows());
        assertEquals("inserted=100 updated=0 unchanged=0 skipped=0 removed=0", byMapping.counts());
        assertEquals(byMapping.counts(), combined.counts());
        // one insert of every staged row, nothing rolled back or rewritten
        assertEquals(100, combined.tuplesInserted());
        assertEquals(0, combined.tuplesUpdated());
    }

    @Test
    void keysRepeatedWithinAMappingKeepTheLastRowOnBothPaths() throws Exception {
        CompiledJob job = JobCompiler.compile(ShippedJobs.load("jobs", null).get("bc-import-items"), catalog);
        List<List<SourceRow>> chunks = new ArrayList<>();
        for (int chunk = 0; chunk < 3; chunk++) {
            List<SourceRow> rows = new ArrayList<>();
            for (int i = chunk * 40; i < chunk * 40 + 40; i++) {
                rows.add(bcItem(i % 100, i)); // keys 0-19 come twice (chunk 2 repeats chunk 0's first half)
            }
            chunks.add(rows);
        }

        Result combined = merge(job, chunks, true);
        Result byMapping = merge(job, chunks, false);

        assertEquals(100, byMapping.rows().size());
        assertEquals(
                "ITEM-0000005|Item 105 description|105.99|0", byMapping.rows().get(5));
        assertEquals(byMapping.rows(), combined.rows());
        assertEquals("inserted=100 updated=0 unchanged=0 skipped=20 removed=0", byMapping.counts());
        assertEquals(byMapping.counts(), combined.counts());
        assertEquals(0, combined.tuplesUpdated());
    }

    @Test
    void aKeyMovingToAnotherMappingInALaterChunkIsWonByTheLaterMappingInJobOrder() throws Exception {
        CompiledJob job = JobCompiler.compile(ShippedJobs.load("jobs", null).get("bc-import-items"), catalog);
        // ITEM-1 is a non-assembly item (mapping 1) in chunk 0 and an assembly item (mapping 0) in chunk 1:
        // mapping 1 merges after mapping 0 and wins although its row was staged first.
        SourceRow plain = bcItem(1, 1);
        Map<String, String> columns = new LinkedHashMap<>(plain.columns());
        columns.put("AssemblyBOM", "True");
        columns.put("Description", "now an assembly");
        List<List<SourceRow>> chunks =
                List.of(List.of(plain), List.of(new SourceRow("DynamicwebItemCard", 2, 1, columns)));

        Result combined = merge(job, chunks, true);
        Result byMapping = merge(job, chunks, false);

        assertEquals(byMapping.rows(), combined.rows());
        assertEquals(List.of("ITEM-0000001|Item 1 description|1.99|0"), combined.rows());
        assertEquals("inserted=1 updated=1 unchanged=0 skipped=0 removed=0", combined.counts());
        assertEquals(byMapping.counts(), combined.counts());
    }

    @Test
    void theTextStagingKeepsForTheEagerMergeIsWhatTheEagerMergeWouldEncodeForEachMapping() throws Exception {
        CompiledJob job = JobCompiler.compile(JobCodec.read(OVERLAPPING), catalog);
        TableInfo products = catalog.table("EcomProducts");
        MappedChunk chunk = StagedChunks.map(
                job,
                0,
                List.of(
                        item(1, "P1", "A", "Chair\twith a tab", "10.5", "-"),
                        item(2, "P2", "B", "Table", "20", "-"),
                        item(3, "P3", "C", "Desk", "7", "Desk\\top")));
        Map<TableInfo, Staging.CommerceText> kept = new LinkedHashMap<>();

        List<StageRow> rows = chunk.stageRowsByTable().get(products);
        List<Staging.RefusedRow> refused = Staging.copy(
                connection,
                stage(products),
                products,
                rows,
                1000,
                columns -> kept.computeIfAbsent(products, t -> new Staging.CommerceText(columns)));
        connection.commit();

        assertEquals(List.of(), refused);
        Staging.CommerceText text = kept.get(products);
        assertEquals(true, text.usable());
        for (MappingRows mapping : chunk.mappingRows()) {
            int index = mapping.mapping().index();
            List<ColumnInfo> columns = MergeSql.insertColumns(products, mapping.mapping(), mapping.union());
            StringBuilder expected = new StringBuilder();
            rows.stream()
                    .filter(r -> r.mapping() == index)
                    .forEach(r -> Staging.encodeColumns(r.source(), columns, expected, false));
            assertEquals(columns, text.columns());
            assertEquals(expected.toString(), text.text(index).toString());
            assertEquals(mapping.staged(), text.rows(index));
        }
        // mapping 0 stages P1 and P2, mapping 1 P2 and P3, mapping 2 P3 (with its Alt name, escaped); the columns:
        // ProductId, ProductVariantId, ProductName, ProductPrice, ProductLanguageId, ProductType
        assertEquals(
                "P1\t\tChair\\twith a tab\t10.5\t\t0\nP2\t\tTable\t20\t\t0\n",
                text.text(0).toString());
        assertEquals("P3\t\tDesk\\\\top\t7\t\t1\n", text.text(2).toString());
    }

    @Test
    void theKeptTextIsNotUsedOnceTheDatabaseRefusedARowOfTheChunk() throws Exception {
        CompiledJob job = JobCompiler.compile(JobCodec.read(OVERLAPPING), catalog);
        TableInfo products = catalog.table("EcomProducts");
        // numeric(28,8) holds 20 digits before the point: the database refuses this price
        MappedChunk chunk = StagedChunks.map(
                job,
                0,
                List.of(
                        item(1, "P1", "A", "Chair", "123456789012345678901234", "-"),
                        item(2, "P2", "A", "Table", "20", "-")));
        Map<TableInfo, Staging.CommerceText> kept = new LinkedHashMap<>();

        List<Staging.RefusedRow> refused = Staging.copy(
                connection,
                stage(products),
                products,
                chunk.stageRowsByTable().get(products),
                1000,
                columns -> kept.computeIfAbsent(products, t -> new Staging.CommerceText(columns)));
        connection.commit();

        assertEquals(1, refused.size());
        assertEquals("P1", refused.get(0).row().source().values()[0]);
        assertEquals(false, kept.get(products).usable());
    }

    private static String stage(TableInfo table) throws SQLException {
        String stage = Staging.qualified("mapping", Staging.tableName(++stageIds, table));
        Staging.create(connection, stage, table, false);
        return stage;
    }

    /** Stages the chunks (one transaction each, as the service does), merges in one, and reads the result. */
    private static Result merge(CompiledJob job, List<List<SourceRow>> sourceChunks, boolean combine) throws Exception {
        TableInfo products = catalog.table("EcomProducts");
        try (Statement statement = connection.createStatement()) {
            statement.execute("truncate commerce.EcomProducts");
        }
        connection.commit();
        String stage = Staging.qualified("mapping", Staging.tableName(++stageIds, products));
        Staging.create(connection, stage, products, false);
        Map<Integer, Merge.MappingStats> stats = StagedChunks.stage(connection, job, stage, sourceChunks);
        long[] before = tupleCounts();
        Merge.Outcome outcome = Merge.run(
                connection,
                job,
                new Merge.Input(
                        "test-" + stageIds, Map.of(products.name(), stage), "mapping.run_chunk_mapping", stats, false),
                1000,
                "64MB",
                combine);
        long[] after = tupleCounts();
        Staging.drop(connection, stage);
        connection.commit();
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result =
                        statement.executeQuery("select ProductId, ProductName, trim_scale(ProductPrice), ProductType"
                                + " from commerce.EcomProducts order by ProductId")) {
            while (result.next()) {
                rows.add(result.getString(1) + "|" + result.getString(2) + "|" + result.getString(3) + "|"
                        + result.getString(4));
            }
        }
        String counts = "inserted=" + outcome.inserted() + " updated=" + outcome.updated() + " unchanged="
                + outcome.unchanged() + " skipped=" + outcome.skipped() + " removed=" + outcome.removed();
        return new Result(rows, counts, after[0] - before[0], after[1] - before[1]);
    }

    /**
     * Row versions inserted and updated in EcomProducts as this backend counts them (taken before and
     * after the merge in its transaction: the counters may still hold earlier transactions' figures).
     */
    private static long[] tupleCounts() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select n_tup_ins, n_tup_upd from pg_stat_xact_user_tables"
                        + " where schemaname = 'commerce' and relname = 'ecomproducts'")) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        }
    }

    private static SourceRow item(long row, String id, String kind, String name, String price, String alt) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("Id", id);
        columns.put("Kind", kind);
        columns.put("Name", name);
        columns.put("Price", price);
        columns.put("Alt", alt);
        return new SourceRow("Items", 1, row, columns);
    }

    private static SourceRow bcItem(int key, int version) {
        return StagedChunks.bcItem(key, version);
    }
}
