package io.erplink.mapping.execution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.erplink.mapping.engine.CompiledJob;
import io.erplink.mapping.engine.CompiledTableMapping;
import io.erplink.mapping.schema.ColumnInfo;

/**
 * Merges a run's staged rows into the commerce tables, in the caller's transaction (so readers see
 * the tables before or after the whole run, never in between). Per table, mappings in job order:
 * into an empty table (a first import) its staging table swapped in ({@link ShadowSwap}, when asked
 * and possible) or a plain {@code INSERT} ({@link FirstImportInsert}, combining
 * the table's mappings when they write alike), else per mapping the {@link UpsertStrategy} its keys
 * and options call for (duplicates of a key collapse to the last staged row, the first with
 * discardDuplicates; unchanged rows are not rewritten). Then, for full imports only, rows whose key
 * the run did not carry are removed or deactivated ({@link RowRemoval}), after the safety threshold
 * was checked for every table before anything was written. Product ids of the changed rows are
 * sampled for CatalogChanged ({@link ProductSample}).
 *
 * <p>Only names read from the database (via the catalog) reach the SQL, quoted; values are parameters.
 */
public final class Merge {
    private static final Logger LOG = Logger.getLogger(Merge.class);

    /**
     * What the run staged for one table mapping, summed over its chunks.
     *
     * @param staged rows staged (failed rows kept for their keys not included)
     * @param union  columns any staged row wrote
     * @param common columns every staged row wrote
     */
    public record MappingStats(long staged, BitSet union, BitSet common) {}

    /** A merge that must not happen (e.g. over the safety threshold); nothing was written. */
    public static final class Aborted extends RuntimeException {
        public Aborted(String message) {
            super(message);
        }
    }

    /** What the merge did to one table. */
    public record TableOutcome(
            String table,
            long inserted,
            long updated,
            long unchanged,
            long skipped,
            long removed,
            Set<String> productIds,
            boolean allProducts,
            boolean productTable) {
        @JsonIgnore
        public boolean changed() {
            return inserted + updated + removed > 0;
        }
    }

    /** What the merge did. */
    public record Outcome(
            long inserted, long updated, long unchanged, long skipped, long removed, List<TableOutcome> tables) {}

    /**
     * Where the run's rows are.
     *
     * @param runId          the run
     * @param stageTables    commerce table name (as the catalog reports it) to its qualified staging table
     * @param chunkMaskTable qualified {@code run_chunk_mapping} (per chunk written-column masks)
     * @param stats          table mapping index to what it staged
     * @param fullImport     whether removal and deactivation may apply
     */
    public record Input(
            String runId,
            Map<String, String> stageTables,
            String chunkMaskTable,
            Map<Integer, MappingStats> stats,
            boolean fullImport) {}

    private final MergeSession session;
    private final CompiledJob job;
    private final Input input;
    private final int maxProductIds;
    private final boolean combineFirstImport;
    /** Hears about first imports swapped in ({@link ShadowSwap}); null: first imports are inserted. */
    private final ShadowSwap.Listener shadowSwap;

    private Merge(
            Connection connection,
            CompiledJob job,
            Input input,
            int maxProductIds,
            boolean combineFirstImport,
            ShadowSwap.Listener shadowSwap) {
        this.session = new MergeSession(connection, input.runId());
        this.job = job;
        this.input = input;
        this.maxProductIds = maxProductIds;
        this.combineFirstImport = combineFirstImport;
        this.shadowSwap = shadowSwap;
    }

    /**
     * @throws Aborted when a removal or deactivation would touch more rows than its threshold allows
     */
    public static Outcome run(Connection connection, CompiledJob job, Input input, int maxProductIds, String workMem)
            throws SQLException {
        return run(connection, job, input, maxProductIds, workMem, true, null);
    }

    /**
     * As {@link #run(Connection, CompiledJob, Input, int, String)}, swapping a first import's staging table in
     * for the empty table where it can ({@link ShadowSwap}), telling {@code shadowSwap} what it did.
     */
    static Outcome run(
            Connection connection,
            CompiledJob job,
            Input input,
            int maxProductIds,
            String workMem,
            ShadowSwap.Listener shadowSwap)
            throws SQLException {
        return run(connection, job, input, maxProductIds, workMem, true, shadowSwap);
    }

    /** {@code combineFirstImport} false merges mapping by mapping even into an empty table (the path the combined one must equal). */
    static Outcome run(
            Connection connection,
            CompiledJob job,
            Input input,
            int maxProductIds,
            String workMem,
            boolean combineFirstImport)
            throws SQLException {
        return run(connection, job, input, maxProductIds, workMem, combineFirstImport, null);
    }

    private static Outcome run(
            Connection connection,
            CompiledJob job,
            Input input,
            int maxProductIds,
            String workMem,
            boolean combineFirstImport,
            ShadowSwap.Listener shadowSwap)
            throws SQLException {
        if (workMem != null && !workMem.isBlank()) {
            try (PreparedStatement set = connection.prepareStatement("select set_config('work_mem', ?, true)")) {
                set.setString(1, workMem);
                set.execute();
            }
        }
        return new Merge(connection, job, input, maxProductIds, combineFirstImport, shadowSwap).run();
    }

    private Outcome run() throws SQLException {
        Map<String, TableWork> tables = tablesOfJob(job, input.stageTables(), maxProductIds);
        Map<TableWork, RowRemoval> removals = new LinkedHashMap<>();
        if (input.fullImport()) {
            for (TableWork work : tables.values()) {
                RowRemoval removal = RowRemoval.check(session, work);
                if (removal != null) {
                    removals.put(work, removal);
                }
            }
        }
        for (TableWork work : tables.values()) {
            List<CompiledTableMapping> staged = new ArrayList<>();
            for (CompiledTableMapping mapping : work.mappings) {
                MappingStats stats = input.stats().get(mapping.index());
                if (stats != null && stats.staged() > 0 && work.stage != null) {
                    staged.add(mapping);
                }
            }
            if (shadowSwapped(work, staged)) {
                // the table was empty: nothing to remove
                continue;
            }
            if (combineFirstImport
                    && staged.size() > 1
                    && combinable(work, staged)
                    && session.emptyAndLocked(work.table)) {
                FirstImportInsert.merge(session, work, staged, input.stats());
            } else {
                for (CompiledTableMapping mapping : staged) {
                    upsert(work, mapping, input.stats().get(mapping.index()));
                }
            }
            RowRemoval removal = removals.get(work);
            if (removal != null) {
                removal.apply(session, work);
            }
        }
        return outcome(tables);
    }

    private static Map<String, TableWork> tablesOfJob(
            CompiledJob job, Map<String, String> stageTables, int maxProductIds) {
        Map<String, TableWork> tables = new LinkedHashMap<>();
        for (CompiledTableMapping mapping : job.mappings()) {
            if (mapping.isImport()) {
                String table = mapping.destination().name();
                tables.computeIfAbsent(
                                table, n -> new TableWork(mapping.destination(), stageTables.get(table), maxProductIds))
                        .mappings
                        .add(mapping);
            }
        }
        return tables;
    }

    /**
     * The outcome of a first import an {@link EagerMerge} wrote (into tables that were empty and locked
     * against other writers): every row is new, so it is what {@link FirstImportInsert} would report
     * for rows without repeated keys.
     */
    static Outcome ofFirstImport(
            Connection connection, CompiledJob job, Map<String, Long> insertedByTable, int maxProductIds)
            throws SQLException {
        Map<String, TableWork> tables = tablesOfJob(job, Map.of(), maxProductIds);
        for (TableWork work : tables.values()) {
            long inserted = insertedByTable.getOrDefault(work.table.name(), 0L);
            work.inserted = inserted;
            work.products.addInserted(connection, work.table, work.productId, inserted);
        }
        return outcome(tables);
    }

    private static Outcome outcome(Map<String, TableWork> tables) {
        long inserted = 0, updated = 0, unchanged = 0, skipped = 0, removed = 0;
        List<TableOutcome> outcomes = new ArrayList<>();
        for (TableWork work : tables.values()) {
            inserted += work.inserted;
            updated += work.updated;
            unchanged += work.unchanged;
            skipped += work.skipped;
            removed += work.removed;
            outcomes.add(work.outcome());
        }
        return new Outcome(inserted, updated, unchanged, skipped, removed, outcomes);
    }

    /**
     * Whether the mappings can go into an empty table in one plain INSERT with the result of merging
     * them one after the other: every one keyed by the primary key, neither insert-only nor update-only
     * (they would change which mapping wins a key), and all writing the same columns with the same
     * values, so the row that wins a key is the whole outcome (no column merge of two mappings' rows).
     */
    private boolean combinable(TableWork work, List<CompiledTableMapping> mappings) {
        String values = null;
        for (CompiledTableMapping mapping : mappings) {
            MappingTarget target = target(work, mapping, input.stats().get(mapping.index()));
            if (!target.keyIsPrimaryKey()
                    || target.insertOnly()
                    || target.updateOnly()
                    || target.columns().perRow()) {
                return false;
            }
            List<ColumnInfo> insert = target.columns().insert();
            String mine = MergeSql.columnList(insert) + " <- " + MergeSql.insertValues(insert, target.common(), "s");
            if (values != null && !values.equals(mine)) {
                return false;
            }
            values = mine;
        }
        return true;
    }

    /**
     * Swaps the staging table in for the table when it is a first import the swap can take: every
     * mapping that staged rows keyed by the primary key and not update-only, and the table empty (then
     * locked against other writers).
     */
    private boolean shadowSwapped(TableWork work, List<CompiledTableMapping> staged) throws SQLException {
        if (shadowSwap == null || staged.isEmpty()) {
            return false;
        }
        List<MappingTarget> targets = new ArrayList<>();
        long rows = 0;
        for (CompiledTableMapping mapping : staged) {
            MappingTarget target = target(work, mapping, input.stats().get(mapping.index()));
            // per-row column masks only matter to updates: an empty table has nothing to update
            if (!target.keyIsPrimaryKey() || target.updateOnly()) {
                return false;
            }
            targets.add(target);
            rows += input.stats().get(mapping.index()).staged();
        }
        return session.emptyAndLocked(work.table) && ShadowSwap.merge(session, work, targets, rows, shadowSwap);
    }

    private MappingTarget target(TableWork work, CompiledTableMapping mapping, MappingStats stats) {
        return MappingTarget.of(
                work.table,
                work.stage,
                input.chunkMaskTable(),
                mapping,
                stats,
                ProductSample.sampleSize(maxProductIds));
    }

    /** One mapping into a table: a first import when the table is empty, else its {@link UpsertStrategy}. */
    private void upsert(TableWork work, CompiledTableMapping mapping, MappingStats stats) throws SQLException {
        MappingTarget target = target(work, mapping, stats);
        if (target.keyIsPrimaryKey()
                && !target.updateOnly()
                && !target.columns().perRow()
                && session.emptyAndLocked(work.table)) {
            FirstImportInsert.merge(session, work, List.of(mapping), input.stats());
            return;
        }
        session.analyze(work.stage);
        String sql = UpsertStrategy.of(target).sql(target);
        session.explainIfAsked(sql, target.withMasks());
        long distinct;
        long inserted;
        long updated;
        long notExisting;
        try (PreparedStatement statement = session.connection().prepareStatement(sql)) {
            if (target.withMasks()) {
                statement.setString(1, input.runId());
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                distinct = rows.getLong(1);
                inserted = rows.getLong(2);
                updated = rows.getLong(3);
                notExisting = rows.getLong(4);
                work.products.add(rows.getArray(5), inserted + updated);
            }
        }
        long duplicates = stats.staged() - distinct;
        // insertOnlyNew leaves existing keys alone, updateOnlyExisting new ones: both on purpose
        long skippedByOption = target.insertOnly() ? distinct - inserted : notExisting;
        long unchanged = Math.max(0, distinct - inserted - updated - skippedByOption);
        work.inserted += inserted;
        work.updated += updated;
        work.unchanged += unchanged;
        work.skipped += duplicates + skippedByOption;
        LOG.debugf(
                "run %s, %s: %d staged, %d duplicates, %d inserted, %d updated, %d unchanged, %d left out by option",
                input.runId(),
                mapping.label(),
                stats.staged(),
                duplicates,
                inserted,
                updated,
                unchanged,
                skippedByOption);
    }
}
