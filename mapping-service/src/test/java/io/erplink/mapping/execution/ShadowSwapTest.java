package io.erplink.mapping.execution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.erplink.infra.PostgresServer;
import io.erplink.mapping.engine.CompiledJob;
import io.erplink.mapping.engine.JobCompiler;
import io.erplink.mapping.engine.SourceRow;
import io.erplink.mapping.jobs.ShippedJobs;
import io.erplink.mapping.schema.SchemaCatalog;
import io.erplink.mapping.schema.TableInfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A first import swapped in ({@link ShadowSwap}) must leave what the plain INSERT from staging leaves:
 * the same rows and counts, and the table with everything it had (columns, defaults, keys, indexes,
 * constraints, grants, comments, owned sequences). Both paths run here on the same staged rows on a
 * real PostgreSQL; the swap falls back to the INSERT (and says why) on a dependent view, a foreign key
 * or a repeated key; a merge killed while building or swapping leaves the empty table as it was and
 * its staging table for the redo.
 */
class ShadowSwapTest {
    private static PostgresServer postgres;
    private static Connection connection;
    private static SchemaCatalog catalog;
    private static CompiledJob job;
    private static TableInfo products;
    private static long stageIds;

    /** What the listener heard. */
    private final List<String> heard = new CopyOnWriteArrayList<>();

    private final ShadowSwap.Listener listener = new ShadowSwap.Listener() {
        @Override
        public void swapped(String runId, String table, long rows) {
            heard.add("swapped " + table + " " + rows);
        }

        @Override
        public void fellBack(String runId, String table, ShadowSwap.Reason reason, String detail) {
            heard.add("fell back " + table + " " + reason.tag + ": " + detail);
        }
    };

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start(0, null, false);
        MigratedDatabase.create(postgres, "shadow");
        connection = postgres.connect("shadow");
        connection.setAutoCommit(false);
        // what a shop's database adds to a table beside its columns
        execute(
                "grant select on commerce.ecomproducts to pg_monitor",
                "grant select, references on commerce.ecomproducts to public",
                "grant update on commerce.ecomproducts to pg_monitor with grant option",
                "comment on table commerce.ecomproducts is 'the shop''s products'",
                "comment on column commerce.ecomproducts.productname is 'shown in the shop'",
                "create index ecomproducts_by_name on commerce.ecomproducts (productname) where productactive",
                "comment on index commerce.ecomproducts_by_name is 'search'",
                "alter table commerce.ecomproducts add constraint ecomproducts_price_not_negative"
                        + " check (productprice >= 0)",
                "comment on constraint ecomproducts_pkey on commerce.ecomproducts is 'product, language, variant'",
                "create sequence commerce.product_numbers owned by commerce.ecomproducts.productnumber");
        connection.commit();
        catalog = SchemaCatalog.load(connection, "commerce", Map.of());
        connection.commit();
        job = JobCompiler.compile(ShippedJobs.load("jobs", null).get("bc-import-items"), catalog);
        products = catalog.table("EcomProducts");
    }

    @AfterAll
    static void stop() throws SQLException {
        connection.close();
        postgres.close();
    }

    @AfterEach
    void emptyProducts() throws SQLException {
        connection.rollback();
        execute("truncate commerce.ecomproducts cascade");
        connection.commit();
    }

    @Test
    void aFirstImportSwappedInHasTheRowsCountsAndEverythingTheTableHadWhileReadersSeeAllOrNothing() throws Exception {
        String described = describe();
        List<List<SourceRow>> chunks = items(100, 0);
        Result inserted = merge(stage(chunks), null);
        assertEquals(List.of(), heard);

        Set<Long> seen = ConcurrentHashMap.newKeySet();
        List<String> readerErrors = new CopyOnWriteArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Staged staged = stage(chunks);
        Thread reader = new Thread(() -> readThroughout(seen, readerErrors, reading));
        reader.start();
        String stagedFile = single("select relfilenode from pg_class where oid = '" + staged.stage() + "'::regclass");
        connection.commit();
        Result swapped = merge(staged, listener);
        Thread.sleep(200);
        reading.set(false);
        reader.join(10_000);

        assertEquals(List.of("swapped ecomproducts 100"), heard);
        assertEquals(100, inserted.rows().size());
        assertEquals(inserted.rows(), swapped.rows());
        assertEquals(inserted.wholeRows(), swapped.wholeRows());
        assertEquals("inserted=100 updated=0 unchanged=0 skipped=0 removed=0", inserted.counts());
        assertEquals(inserted.counts(), swapped.counts());
        // the plain INSERT wrote every row a second time; the swap none: the table is the staging table's file
        assertEquals(100, inserted.tuplesInserted());
        assertEquals(
                stagedFile, single("select relfilenode from pg_class where oid = 'commerce.ecomproducts'::regclass"));
        assertEquals(described, describe());
        assertEquals(List.of(), readerErrors);
        assertTrue(Set.of(0L, 100L).containsAll(seen), "a reader saw " + seen);
        assertTrue(seen.contains(100L), "a reader saw " + seen);
        assertEquals(false, exists(staged.stage()), "the staging table became the products table");
        // defaults, keys and constraints work on the swapped-in table
        assertThrows(
                SQLException.class,
                () -> execute("insert into commerce.ecomproducts (productid) values" + " ('ITEM-0000001')"));
        connection.rollback();
        execute("insert into commerce.ecomproducts (productid, productprice) values ('NEW', 1)");
        assertEquals(
                "{}|",
                single("select customfields::text || '|' || productvariantid from"
                        + " commerce.ecomproducts where productid = 'NEW'"));
        assertThrows(
                SQLException.class,
                () -> execute(
                        "insert into commerce.ecomproducts (productid," + " productprice) values ('NEGATIVE', -1)"));
        connection.rollback();
    }

    @Test
    void aTableAViewDependsOnIsInsertedAndTheFallbackSaysWhy() throws Exception {
        execute("create view commerce.active_products as select productid from commerce.ecomproducts"
                + " where productactive");
        connection.commit();
        try {
            List<List<SourceRow>> chunks = items(50, 0);
            Result inserted = merge(stage(chunks), null);
            Result fellBack = merge(stage(chunks), listener);

            assertEquals(1, heard.size());
            assertTrue(
                    heard.get(0)
                            .startsWith("fell back ecomproducts dependents: rule _RETURN on view"
                                    + " commerce.active_products depends on it"),
                    heard.get(0));
            assertEquals(inserted.rows(), fellBack.rows());
            assertEquals(inserted.counts(), fellBack.counts());
            assertEquals("inserted=50 updated=0 unchanged=0 skipped=0 removed=0", fellBack.counts());
            assertEquals(50, fellBack.tuplesInserted());
            assertEquals("50", single("select count(*) from commerce.active_products"));
        } finally {
            connection.rollback();
            execute("drop view commerce.active_products");
            connection.commit();
        }
    }

    @Test
    void aTableAForeignKeyReferencesIsInsertedAndTheFallbackSaysWhy() throws Exception {
        execute("create table commerce.product_notes (productid text, languageid text, variantid text,"
                + " foreign key (productid, languageid, variantid) references commerce.ecomproducts)");
        connection.commit();
        try {
            Result fellBack = merge(stage(items(10, 0)), listener);

            assertEquals(1, heard.size());
            assertTrue(
                    heard.get(0).startsWith("fell back ecomproducts dependents: ")
                            && heard.get(0)
                                    .contains("constraint product_notes_productid_languageid_variantid_fkey"
                                            + " on table commerce.product_notes depends on it"),
                    heard.get(0));
            assertEquals("inserted=10 updated=0 unchanged=0 skipped=0 removed=0", fellBack.counts());
            assertEquals(10, fellBack.rows().size());
        } finally {
            connection.rollback();
            execute("drop table commerce.product_notes");
            connection.commit();
        }
    }

    @Test
    void aRepeatedKeyRollsTheSwapBackAndIsInsertedWithTheRowsAndCountsOfTheUsualMerge() throws Exception {
        String described = describe();
        // keys 0-19 come twice: chunk 2 repeats chunk 0's first half with other descriptions and prices
        List<List<SourceRow>> chunks = new ArrayList<>();
        for (int chunk = 0; chunk < 3; chunk++) {
            List<SourceRow> rows = new ArrayList<>();
            for (int i = chunk * 40; i < chunk * 40 + 40; i++) {
                rows.add(bcItem(i % 100, i));
            }
            chunks.add(rows);
        }
        Result inserted = merge(stage(chunks), null);
        Result fellBack = merge(stage(chunks), listener);

        assertEquals(1, heard.size());
        assertTrue(heard.get(0).startsWith("fell back ecomproducts repeated-key: "), heard.get(0));
        assertEquals(inserted.wholeRows(), fellBack.wholeRows());
        assertEquals(
                "ITEM-0000005|Item 105 description|105.99|0", fellBack.rows().get(5));
        assertEquals("inserted=100 updated=0 unchanged=0 skipped=20 removed=0", fellBack.counts());
        assertEquals(inserted.counts(), fellBack.counts());
        assertEquals(described, describe());
    }

    @Test
    void aFailedRowStagedForItsKeyIsLeftOutOfTheSwappedInTable() throws Exception {
        List<List<SourceRow>> chunks = items(20, 0);
        chunks.get(0).set(3, bcItem(3, 3, "not a price"));
        Result inserted = merge(stage(chunks), null);
        Result swapped = merge(stage(chunks), listener);

        assertEquals(List.of("swapped ecomproducts 19"), heard);
        assertEquals(19, swapped.rows().size());
        assertEquals(inserted.wholeRows(), swapped.wholeRows());
        assertEquals(inserted.counts(), swapped.counts());
        assertEquals("inserted=19 updated=0 unchanged=0 skipped=0 removed=0", swapped.counts());
    }

    @Test
    void aFailedRowStagedForItsKeyOnlyIsDeletedBeforeTheSwapAsItsChunkRecordedIt() throws Exception {
        Staged staged = stage(items(20, 0));
        String runId = staged.input().runId();
        // a failed row a full import keeps for its key (removeMissing), staged by chunk 99 and recorded with it;
        // the swap deletes such rows only when the run's chunks recorded some (else it does not scan for them)
        execute(
                "insert into " + staged.stage() + " (stage_mapping, stage_chunk, stage_row, stage_keep, productid,"
                        + " productlanguageid, productvariantid) values (0, 99, 0, true, 'KEPT', 'ENU', '')",
                "insert into mapping.mapping_run (run_id, job) values ('" + runId + "', 'bc-import-items')",
                "insert into mapping.run_chunk (run_id, sequence, read, staged, skipped, failed) values ('" + runId
                        + "', 99, 1, 0, 0, 1)",
                "insert into mapping.run_chunk_mapping (run_id, sequence, mapping_index, staged, kept, union_mask,"
                        + " common_mask) values ('" + runId + "', 99, 0, 0, 1, B'0', B'0')");
        connection.commit();
        try {
            Result swapped = merge(staged, listener);

            assertEquals(List.of("swapped ecomproducts 20"), heard);
            assertEquals(20, swapped.rows().size());
            assertEquals(
                    List.of(),
                    swapped.rows().stream().filter(r -> r.startsWith("KEPT|")).toList());
            assertEquals("inserted=20 updated=0 unchanged=0 skipped=0 removed=0", swapped.counts());
        } finally {
            execute("delete from mapping.mapping_run where run_id = '" + runId + "'");
            connection.commit();
        }
    }

    @Test
    void aMergeKilledWhileBuildingOrSwappingLeavesTheEmptyTableAndItsStagingAndIsRedoneExactly() throws Exception {
        String described = describe();
        Staged staged = stage(items(100, 0));
        // killed while waiting to alter the staging table (a transaction holds it), then while waiting for the
        // table's access exclusive lock (a reader holds it)
        for (String blocker : List.of(
                "lock table " + staged.stage() + " in row exclusive mode",
                "select count(*) from commerce.ecomproducts")) {
            try (Connection holder = postgres.connect("shadow");
                    Connection merging = postgres.connect("shadow")) {
                holder.setAutoCommit(false);
                try (Statement statement = holder.createStatement()) {
                    statement.execute(blocker);
                }
                merging.setAutoCommit(false);
                long pid = Long.parseLong(single(merging, "select pg_backend_pid()"));
                ExecutorService executor = Executors.newSingleThreadExecutor();
                try {
                    Future<?> merge = executor.submit(
                            () -> Merge.run(merging, staged.job(), staged.input(), 1000, "64MB", listener));
                    awaitLockWait(pid);
                    assertEquals("t", single("select pg_terminate_backend(" + pid + ")"));
                    connection.commit();
                    assertThrows(Exception.class, () -> merge.get(30, TimeUnit.SECONDS));
                } finally {
                    executor.shutdownNow();
                }
                holder.rollback();
            }
            assertEquals("0", single("select count(*) from commerce.ecomproducts"));
            assertEquals(described, describe());
            assertEquals("100", single("select count(*) from " + staged.stage() + " where stage_mapping >= 0"));
            connection.commit();
        }
        assertEquals(List.of(), heard);

        Result redone = merge(staged, listener);

        assertEquals(List.of("swapped ecomproducts 100"), heard);
        assertEquals("inserted=100 updated=0 unchanged=0 skipped=0 removed=0", redone.counts());
        assertEquals(100, redone.rows().size());
        assertEquals("ITEM-0000042|Item 42 description|42.99|0", redone.rows().get(42));
        assertEquals(described, describe());
    }

    @Test
    void rowsWritingDifferentColumnsAreSwappedInWithTheValuesTheInsertWrites() throws Exception {
        CompiledJob autoMapped =
                JobCompiler.compile(ShippedJobs.load("jobs", null).get("ifv2-import-products"), catalog);
        List<SourceRow> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Map<String, String> columns = new LinkedHashMap<>();
            columns.put("ProductId", "P" + i);
            columns.put("ProductVariantId", "V" + (i % 2));
            columns.put("ProductLanguageId", "LANG1");
            columns.put("ProductName", "Product " + i);
            if (i % 3 == 0) {
                columns.put("ProductPrice", i + ".5");
            }
            if (i % 5 == 0) {
                columns.put("ProductActive", "true");
            }
            rows.add(new SourceRow("EcomProducts", 1, i, columns));
        }
        Result inserted = merge(stage(autoMapped, List.of(rows)), null);
        Result swapped = merge(stage(autoMapped, List.of(rows)), listener);

        assertEquals(List.of("swapped ecomproducts 30"), heard);
        assertEquals(30, swapped.wholeRows().size());
        assertEquals(inserted.wholeRows(), swapped.wholeRows());
        assertEquals(inserted.counts(), swapped.counts());
        assertEquals("inserted=30 updated=0 unchanged=0 skipped=0 removed=0", swapped.counts());
        assertEquals(
                "(P3,V1,,\"Product 3\",3.50000000,,,LANG1,,,,,,,,,,,,,,,,,,,,,,{})",
                swapped.wholeRows().get(23));
    }

    @Test
    void aRunWaitingToMergeIntoTheTableWhileTheSwapCommitsMergesIntoTheSwappedInTableTheUsualWay() throws Exception {
        Staged first = stage(items(30, 0));
        Staged second = stage(items(40, 0));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection other = postgres.connect("shadow")) {
            other.setAutoCommit(false);
            long pid = Long.parseLong(single(other, "select pg_backend_pid()"));
            Merge.Outcome swapped = Merge.run(connection, job, first.input(), 1000, "64MB", listener);
            // the second run's merge waits for the table while the swap is not committed
            Future<Merge.Outcome> waiting =
                    executor.submit(() -> Merge.run(other, job, second.input(), 1000, "64MB", listener));
            awaitLockWait(pid);
            Staging.drop(connection, first.stage());
            connection.commit();
            Merge.Outcome merged = waiting.get(30, TimeUnit.SECONDS);
            Staging.drop(other, second.stage());
            other.commit();

            assertEquals(List.of("swapped ecomproducts 30"), heard);
            assertEquals(30, swapped.inserted());
            assertEquals(List.of(10L, 0L, 30L), List.of(merged.inserted(), merged.updated(), merged.unchanged()));
            assertEquals("40", single("select count(*) from commerce.ecomproducts"));
            connection.commit();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aTableWithRowsIsNotSwappedButMergedTheUsualWay() throws Exception {
        merge(stage(items(30, 0)), null);

        Result merged = merge(stage(items(40, 0)), listener, false);

        assertEquals(List.of(), heard);
        assertEquals(40, merged.rows().size());
        assertEquals("inserted=10 updated=0 unchanged=30 skipped=0 removed=0", merged.counts());
    }

    /** The staged rows of one run: its staging table and what each mapping staged. */
    private record Staged(CompiledJob job, String stage, Merge.Input input) {}

    /** What a merge left: the table's rows, the counts, and the row versions it wrote into the table. */
    private record Result(List<String> rows, String counts, long tuplesInserted, List<String> wholeRows) {}

    /** Stages the chunks (one transaction each, as the service does). */
    private static Staged stage(List<List<SourceRow>> sourceChunks) throws Exception {
        return stage(job, sourceChunks);
    }

    private static Staged stage(CompiledJob job, List<List<SourceRow>> sourceChunks) throws Exception {
        String stage = Staging.qualified("mapping", Staging.tableName(++stageIds, products));
        Staging.create(connection, stage, products, false);
        Map<Integer, Merge.MappingStats> stats = StagedChunks.stage(connection, job, stage, sourceChunks);
        return new Staged(
                job,
                stage,
                new Merge.Input(
                        "test-" + stageIds, Map.of(products.name(), stage), "mapping.run_chunk_mapping", stats, false));
    }

    private Result merge(Staged staged, ShadowSwap.Listener shadow) throws Exception {
        return merge(staged, shadow, true);
    }

    /** Merges staged rows (into the empty table unless {@code truncate} is false), commits and reads the table. */
    private Result merge(Staged staged, ShadowSwap.Listener shadow, boolean truncate) throws Exception {
        if (truncate) {
            execute("truncate commerce.ecomproducts cascade");
            connection.commit();
        }
        long before = tuplesInserted();
        Merge.Outcome outcome = Merge.run(connection, staged.job(), staged.input(), 1000, "64MB", shadow);
        long after = tuplesInserted();
        Staging.drop(connection, staged.stage());
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
        List<String> wholeRows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select t::text from commerce.ecomproducts t order by 1")) {
            while (result.next()) {
                wholeRows.add(result.getString(1));
            }
        }
        connection.commit();
        String counts = "inserted=" + outcome.inserted() + " updated=" + outcome.updated() + " unchanged="
                + outcome.unchanged() + " skipped=" + outcome.skipped() + " removed=" + outcome.removed();
        return new Result(rows, counts, after - before, wholeRows);
    }

    /** Row versions inserted into the products table in this transaction (0 when it has none yet). */
    private static long tuplesInserted() throws SQLException {
        String inserted = single("select coalesce(sum(n_tup_ins), 0) from pg_stat_xact_user_tables"
                + " where schemaname = 'commerce' and relname = 'ecomproducts'");
        return Long.parseLong(inserted);
    }

    /**
     * Everything about the products table a swap must keep, as text: columns with types, defaults and
     * NOT NULL, constraints, indexes, grants, comments, the sequences its columns own, its owner.
     */
    private static String describe() throws SQLException {
        String text = single("""
                with t as (select 'commerce.ecomproducts'::regclass as oid)
                select concat_ws(E'\\n',
                  (select string_agg(format('%s %s %s %s', attname, format_type(atttypid, atttypmod), attnotnull,
                      pg_get_expr(d.adbin, d.adrelid)), ', ' order by attnum)
                   from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum, t
                   where a.attrelid = t.oid and attnum > 0 and not attisdropped),
                  (select string_agg(conname || ' ' || pg_get_constraintdef(k.oid) || ' '
                      || coalesce(obj_description(k.oid, 'pg_constraint'), ''), ', ' order by conname)
                   from pg_constraint k, t where conrelid = t.oid),
                  (select string_agg(pg_get_indexdef(indexrelid) || ' ' || coalesce(obj_description(indexrelid, 'pg_class'), ''),
                      ', ' order by indexrelid::regclass::text) from pg_index, t where indrelid = t.oid),
                  (select relacl::text || ' ' || pg_get_userbyid(relowner) || ' ' || relkind::text || relpersistence::text
                   from pg_class c, t where c.oid = t.oid),
                  (select obj_description(t.oid, 'pg_class') from t),
                  (select string_agg(attname || ': ' || col_description(t.oid, attnum), ', ')
                   from pg_attribute, t where attrelid = t.oid and col_description(t.oid, attnum) is not null),
                  (select string_agg(s.relname || ' owned by ' || a.attname, ', ')
                   from pg_depend d join pg_class s on s.oid = d.objid and s.relkind = 'S'
                   join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid, t
                   where d.refobjid = t.oid and d.deptype = 'a'))
                """);
        connection.commit();
        return text;
    }

    /** Waits until the backend waits for a lock (asked on a connection of its own: the test's may be mid-merge). */
    private static void awaitLockWait(long pid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (Connection watcher = postgres.connect("shadow")) {
            while (System.nanoTime() < deadline) {
                if ("Lock".equals(single(watcher, "select wait_event_type from pg_stat_activity where pid = " + pid))) {
                    return;
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the merge never waited for the lock");
    }

    /** Counts the products table's rows until told to stop, each count in a transaction of its own. */
    private static void readThroughout(Set<Long> seen, List<String> errors, AtomicBoolean reading) {
        try (Connection reader = postgres.connect("shadow");
                PreparedStatement count = reader.prepareStatement("select count(*) from commerce.ecomproducts")) {
            while (reading.get()) {
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    seen.add(rows.getLong(1));
                } catch (SQLException e) {
                    errors.add(e.getMessage());
                }
            }
        } catch (SQLException e) {
            errors.add(e.getMessage());
        }
    }

    private static boolean exists(String qualified) throws SQLException {
        String found = single("select to_regclass('" + qualified.replace("'", "''") + "') is not null");
        connection.commit();
        return "t".equals(found);
    }

    private static void execute(String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String single(String sql) throws SQLException {
        return single(connection, sql);
    }

    private static String single(Connection on, String sql) throws SQLException {
        try (Statement statement = on.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** {@code count} Business Central item cards in chunks of 40, keys from {@code first}. */
    private static List<List<SourceRow>> items(int count, int first) {
        List<List<SourceRow>> chunks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i % 40 == 0) {
                chunks.add(new ArrayList<>());
            }
            chunks.get(chunks.size() - 1).add(bcItem(first + i, i));
        }
        return chunks;
    }

    private static SourceRow bcItem(int key, int version) {
        return StagedChunks.bcItem(key, version);
    }

    private static SourceRow bcItem(int key, int version, String price) {
        return StagedChunks.bcItem(key, version, price);
    }
}
