package io.erplink.mapping.execution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.erplink.mapping.schema.ColumnInfo;
import io.erplink.mapping.schema.ColumnType;
import io.erplink.mapping.schema.TableInfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The merge's SQL, text for text: each strategy's statement for a small products table compared with
 * the statement in {@code src/test/resources/merge-sql/<name>.sql} (one statement, one line). A
 * change to the merge's SQL shows here as a diff to review. To rewrite the files after a deliberate
 * change, run with {@code -Dmerge-sql.update=true} and read their diff.
 */
class MergeSqlTest {
    private static final String STAGE = "\"mapping\".\"stage_7_products\"";
    private static final String MASKS = "mapping.run_chunk_mapping";

    private static final ColumnInfo ID = new ColumnInfo("productid", ColumnType.TEXT, false, false, false, true, 0);
    private static final ColumnInfo LANGUAGE =
            new ColumnInfo("productlanguageid", ColumnType.TEXT, false, false, false, true, 1);
    private static final ColumnInfo NAME = new ColumnInfo("productname", ColumnType.TEXT, false, true, false, false, 2);
    private static final ColumnInfo PRICE =
            new ColumnInfo("productprice", ColumnType.NUMERIC, true, false, false, false, 3);
    private static final ColumnInfo ACTIVE =
            new ColumnInfo("productactive", ColumnType.BOOLEAN, false, true, false, false, 4);
    private static final ColumnInfo CUSTOM =
            new ColumnInfo("customfields", ColumnType.JSONB, false, true, false, false, 5);
    private static final TableInfo PRODUCTS =
            new TableInfo("commerce", "products", List.of(ID, LANGUAGE, NAME, PRICE, ACTIVE, CUSTOM));

    private static BitSet bits(ColumnInfo... columns) {
        BitSet bits = new BitSet();
        for (ColumnInfo column : columns) {
            bits.set(column.ordinal());
        }
        return bits;
    }

    /** Mapping 2 into the products table, keyed by {@code keys}, its rows writing {@code union} and every one {@code common}. */
    private static MappingTarget target(
            List<ColumnInfo> keys,
            BitSet union,
            BitSet common,
            boolean insertOnly,
            boolean updateOnly,
            boolean discardDuplicates) {
        return new MappingTarget(
                PRODUCTS,
                STAGE,
                MASKS,
                2,
                keys,
                MergeSql.columns(PRODUCTS, keys, union, common),
                common,
                insertOnly,
                updateOnly,
                discardDuplicates,
                Optional.of(ID),
                5001);
    }

    private static final BitSet ALL = bits(ID, LANGUAGE, NAME, PRICE);

    @Test
    void primaryKeyedRowsUpdateOnConflictWhenSomethingChanged() {
        MappingTarget target = target(List.of(ID, LANGUAGE), ALL, ALL, false, false, false);
        assertInstanceOf(OnConflictUpsert.class, UpsertStrategy.of(target));
        assertGolden("on-conflict-update", UpsertStrategy.of(target).sql(target));
    }

    @Test
    void insertOnlyNewOnThePrimaryKeyDoesNothingOnConflict() {
        MappingTarget target = target(List.of(ID, LANGUAGE), ALL, ALL, true, false, true);
        assertInstanceOf(OnConflictUpsert.class, UpsertStrategy.of(target));
        assertGolden("on-conflict-do-nothing", UpsertStrategy.of(target).sql(target));
    }

    @Test
    void rowsWritingDifferentColumnsUpdateByTheirMasksThenInsert() {
        MappingTarget target = target(List.of(ID, LANGUAGE), ALL, bits(ID, LANGUAGE, NAME), false, false, false);
        assertInstanceOf(UpdateThenInsert.class, UpsertStrategy.of(target));
        assertEquals(true, target.withMasks());
        assertGolden("update-by-masks-then-insert", UpsertStrategy.of(target).sql(target));
    }

    @Test
    void updateOnlyExistingOnKeysOtherThanThePrimaryKeyCountsTheKeysLeftOut() {
        MappingTarget target = target(List.of(ID), ALL, ALL, false, true, false);
        assertInstanceOf(UpdateThenInsert.class, UpsertStrategy.of(target));
        assertGolden("update-only-existing", UpsertStrategy.of(target).sql(target));
    }

    @Test
    void insertOnlyNewWithoutKeysInsertsEveryStagedRow() {
        MappingTarget target = target(List.of(), ALL, ALL, true, false, false);
        assertInstanceOf(KeylessInsert.class, UpsertStrategy.of(target));
        assertGolden("keyless-insert", UpsertStrategy.of(target).sql(target));
    }

    private static FirstImportInsert.Target firstImport(List<Integer> mappings, List<Integer> firstWins) {
        return new FirstImportInsert.Target(
                PRODUCTS, STAGE, mappings, firstWins, List.of(ID, LANGUAGE), List.of(ID, LANGUAGE, NAME, PRICE), ALL);
    }

    @Test
    void aFirstImportInsertsTheStagedRowsAsTheyAre() {
        assertGolden("first-import-insert", FirstImportInsert.insertSql(firstImport(List.of(2), List.of())));
    }

    @Test
    void aFirstImportOfTwoMappingsKeepsTheRowOfTheLaterMappingTheFirstRowWithDiscardDuplicates() {
        FirstImportInsert.Target target = firstImport(List.of(1, 3), List.of(1));
        assertGolden("first-import-deduplicated", FirstImportInsert.deduplicatedSql(target));
        assertGolden("first-import-per-mapping-count", FirstImportInsert.perMappingCountSql(target));
        assertGolden("first-import-changed-across-mappings", FirstImportInsert.changedAcrossMappingsSql(target));
    }

    @Test
    void aFirstImportWritingOnlyKeysCountsNoUpdates() {
        FirstImportInsert.Target target = new FirstImportInsert.Target(
                PRODUCTS, STAGE, List.of(1, 3), List.of(), List.of(ID, LANGUAGE), List.of(ID, LANGUAGE), ALL);
        assertNull(FirstImportInsert.changedAcrossMappingsSql(target));
    }

    @Test
    void removalDeletesRowsNoKeyedMappingStaged() {
        String predicate = RowRemoval.missingPredicate(
                STAGE,
                List.of(
                        new RowRemoval.KeyedMapping(0, List.of(ID, LANGUAGE)),
                        new RowRemoval.KeyedMapping(1, List.of()),
                        new RowRemoval.KeyedMapping(2, List.of(ID))));
        assertGolden("removal-count", RowRemoval.countSql(PRODUCTS, RowRemoval.affected(PRODUCTS, false, predicate)));
        assertGolden("removal-delete", new RowRemoval(false, predicate).sql(PRODUCTS, Optional.of(ID), 5001));
    }

    @Test
    void deactivationTouchesOnlyActiveProductsAndATableWithoutProductIdsReportsNone() {
        String predicate = RowRemoval.missingPredicate(STAGE, List.of(new RowRemoval.KeyedMapping(0, List.of(ID))));
        assertGolden("removal-deactivate", new RowRemoval(true, predicate).sql(PRODUCTS, Optional.empty(), 5001));
    }

    @Test
    void removalWithoutStagedRowsMatchesEveryRowAndWithoutKeysNone() {
        assertEquals("true", RowRemoval.missingPredicate(null, List.of(new RowRemoval.KeyedMapping(0, List.of(ID)))));
        assertNull(RowRemoval.missingPredicate(STAGE, List.of(new RowRemoval.KeyedMapping(0, List.of()))));
    }

    @Test
    void columnsOfRowsThatWroteDifferentColumnsAreUpdatedPerRow() {
        MergeSql.Columns columns = MergeSql.columns(PRODUCTS, List.of(ID, LANGUAGE), ALL, bits(ID, LANGUAGE, NAME));
        assertEquals(List.of(ID, LANGUAGE, NAME, PRICE), columns.insert());
        assertEquals(List.of(NAME, PRICE), columns.update());
        assertEquals(true, columns.perRow());
        assertEquals(
                "s.\"productid\", s.\"productlanguageid\", s.\"productname\", s.\"productprice\", coalesce(s.\"customfields\", '{}'::jsonb)",
                MergeSql.insertValues(List.of(ID, LANGUAGE, NAME, PRICE, CUSTOM), ALL, "s"));
    }

    @Test
    void onlyTheWholePrimaryKeyIsThePrimaryKey() {
        assertEquals(true, MergeSql.keySetIsPrimaryKey(PRODUCTS, List.of(LANGUAGE, ID)));
        assertEquals(false, MergeSql.keySetIsPrimaryKey(PRODUCTS, List.of(ID)));
        assertEquals(false, MergeSql.keySetIsPrimaryKey(PRODUCTS, List.of(ID, NAME)));
    }

    private static void assertGolden(String name, String sql) {
        String resource = "/merge-sql/" + name + ".sql";
        if (Boolean.getBoolean("merge-sql.update")) {
            try {
                Files.writeString(Path.of("src/test/resources" + resource), sql + "\n");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        String expected;
        try (InputStream in = MergeSqlTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no golden SQL " + resource + " (run with -Dmerge-sql.update=true)");
            }
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(expected, sql, name);
    }
}
