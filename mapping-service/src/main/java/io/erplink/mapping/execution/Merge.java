package io.erplink.mapping.execution;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.erplink.mapping.engine.CompiledJob;
import io.erplink.mapping.engine.CompiledTableMapping;
import io.erplink.mapping.engine.JobDefinition.Options;
import io.erplink.mapping.schema.ColumnInfo;
import io.erplink.mapping.schema.ColumnType;
import io.erplink.mapping.schema.TableInfo;

/**
 * Merges a run's staged rows into the commerce tables, in the caller's transaction (so readers see
 * the tables before or after the whole run, never in between). Per table mapping, in job order:
 * duplicates of a key collapse to the last staged row (the first with discardDuplicates), then an
 * {@code INSERT ... ON CONFLICT} on the primary key when the key columns are the primary key (into a
 * table that is empty, a first import, a plain {@code INSERT}), else an update of existing keys and
 * an insert of new ones; unchanged rows are not rewritten. Then, for
 * full imports only, rows whose key the run did not carry are removed (or products deactivated),
 * after the safety threshold was checked for every table before anything was written.
 *
 * <p>Only names read from the database (via the catalog) reach the SQL, quoted; values are parameters.
 */
public final class Merge {
    private static final Logger LOG = Logger.getLogger(Merge.class);
    private static final String PRODUCT_ACTIVE = "productactive";
    private static final String UNIQUE_VIOLATION = "23505";
    /** Prints each upsert's plan with its real timings (the statement runs twice, the first time rolled back): for tuning. */
    static final boolean EXPLAIN = Boolean.getBoolean("erplink.mapping.merge.explain");

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

    private final Connection connection;
    private final CompiledJob job;
    private final Input input;
    private final int maxProductIds;
    private final boolean combineFirstImport;
    private final Set<String> analyzed = new HashSet<>();

    private Merge(Connection connection, CompiledJob job, Input input, int maxProductIds, boolean combineFirstImport) {
        this.connection = connection;
        this.job = job;
        this.input = input;
        this.maxProductIds = maxProductIds;
        this.combineFirstImport = combineFirstImport;
    }

    /**
     * @throws Aborted when a removal or deactivation would touch more rows than its threshold allows
     */
    public static Outcome run(Connection connection, CompiledJob job, Input input, int maxProductIds, String workMem)
            throws SQLException {
        return run(connection, job, input, maxProductIds, workMem, true);
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
        if (workMem != null && !workMem.isBlank()) {
            try (PreparedStatement set = connection.prepareStatement("select set_config('work_mem', ?, true)")) {
                set.setString(1, workMem);
                set.execute();
            }
        }
        return new Merge(connection, job, input, maxProductIds, combineFirstImport).run();
    }

    private final class TableWork {
        final TableInfo table;
        final List<CompiledTableMapping> mappings = new ArrayList<>();
        final Optional<ColumnInfo> productId;
        long inserted;
        long updated;
        long unchanged;
        long skipped;
        long removed;
        final Set<String> ids = new LinkedHashSet<>();
        boolean allProducts;
        Removal removal;

        TableWork(TableInfo table) {
            this.table = table;
            this.productId = productIdColumn(table);
        }

        /** Product ids from a sample of {@code changed} rows: complete only when the sample holds them all. */
        void ids(String[] found, long changed) {
            if (allProducts || changed == 0) {
                return;
            }
            if (changed > sampleSize() || found == null) {
                allProducts = true;
                ids.clear();
                return;
            }
            for (String id : found) {
                ids.add(id);
                if (ids.size() > maxProductIds) {
                    allProducts = true;
                    ids.clear();
                    return;
                }
            }
        }

        String stage() {
            return input.stageTables().get(table.name());
        }

        /** The table as the job spells it (EcomProducts), for messages. */
        String display() {
            return mappings.get(0).destinationName();
        }
    }

    private record Removal(boolean deactivate, double threshold, String predicate) {}

    private Outcome run() throws SQLException {
        Map<String, TableWork> tables = tablesOfJob();
        if (input.fullImport()) {
            for (TableWork work : tables.values()) {
                checkRemoval(work);
            }
        }
        for (TableWork work : tables.values()) {
            List<CompiledTableMapping> staged = new ArrayList<>();
            for (CompiledTableMapping mapping : work.mappings) {
                MappingStats stats = input.stats().get(mapping.index());
                if (stats != null && stats.staged() > 0 && work.stage() != null) {
                    staged.add(mapping);
                }
            }
            if (combineFirstImport && staged.size() > 1 && combinable(work, staged) && destinationEmpty(work)) {
                insertIntoEmpty(work, staged);
            } else {
                for (CompiledTableMapping mapping : staged) {
                    upsert(work, mapping, input.stats().get(mapping.index()));
                }
            }
            if (work.removal != null) {
                remove(work);
            }
        }
        return outcome(tables);
    }

    private Map<String, TableWork> tablesOfJob() {
        Map<String, TableWork> tables = new LinkedHashMap<>();
        for (CompiledTableMapping mapping : job.mappings()) {
            if (mapping.isImport()) {
                tables.computeIfAbsent(mapping.destination().name(), n -> new TableWork(mapping.destination()))
                        .mappings
                        .add(mapping);
            }
        }
        return tables;
    }

    /**
     * The outcome of a first import an {@link EagerMerge} wrote (into tables that were empty and locked
     * against other writers): every row is new, so it is what {@link #insertIntoEmpty} would report
     * for rows without repeated keys.
     */
    static Outcome ofFirstImport(
            Connection connection, CompiledJob job, Map<String, Long> insertedByTable, int maxProductIds)
            throws SQLException {
        Merge merge = new Merge(connection, job, new Input(null, Map.of(), null, Map.of(), false), maxProductIds, true);
        Map<String, TableWork> tables = merge.tablesOfJob();
        for (TableWork work : tables.values()) {
            long inserted = insertedByTable.getOrDefault(work.table.name(), 0L);
            work.inserted = inserted;
            merge.readInsertedIds(work, inserted);
        }
        return merge.outcome(tables);
    }

    /** Product ids of a table that was empty before {@code changed} rows went in: read back when few enough. */
    private void readInsertedIds(TableWork work, long changed) throws SQLException {
        if (work.productId.isEmpty() || work.allProducts || changed == 0) {
            return;
        }
        String[] ids = null;
        if (changed <= sampleSize()) {
            try (PreparedStatement select = connection.prepareStatement("select "
                            + idsOf("select t." + work.productId.get().quoted() + "::text as pid from "
                                    + work.table.qualified() + " t"));
                    ResultSet rows = select.executeQuery()) {
                rows.next();
                ids = strings(rows.getArray(1));
            }
        }
        work.ids(ids, changed);
    }

    private Outcome outcome(Map<String, TableWork> tables) {
        long inserted = 0, updated = 0, unchanged = 0, skipped = 0, removed = 0;
        List<TableOutcome> outcomes = new ArrayList<>();
        for (TableWork work : tables.values()) {
            inserted += work.inserted;
            updated += work.updated;
            unchanged += work.unchanged;
            skipped += work.skipped;
            removed += work.removed;
            outcomes.add(new TableOutcome(
                    work.table.name(),
                    work.inserted,
                    work.updated,
                    work.unchanged,
                    work.skipped,
                    work.removed,
                    Set.copyOf(work.ids),
                    work.allProducts,
                    work.productId.isPresent()));
        }
        return new Outcome(inserted, updated, unchanged, skipped, removed, outcomes);
    }

    /**
     * Gathers a staging table's statistics before the first statement that joins it: fresh staging
     * tables have none, and without them the planner picks nested loops. A first import that inserts
     * the staged rows as they are joins nothing and skips it (a sample of the table's pages).
     */
    private void analyze(String stage) throws SQLException {
        if (stage != null && analyzed.add(stage)) {
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("analyze " + stage);
            }
        }
    }

    /** The column identifying products in a table: ProductId, else the first column ending in ProductId. */
    public static Optional<ColumnInfo> productIdColumn(TableInfo table) {
        Optional<ColumnInfo> exact = table.findColumn("productid");
        if (exact.isPresent()) {
            return exact;
        }
        return table.columns().stream()
                .filter(c -> c.name().toLowerCase(Locale.ROOT).endsWith("productid"))
                .findFirst();
    }

    // ---- remove rows not in source / deactivate missing ------------------------------------------------------------

    private void checkRemoval(TableWork work) throws SQLException {
        boolean remove = false;
        boolean deactivate = false;
        double threshold = 100;
        for (CompiledTableMapping mapping : work.mappings) {
            Options options = mapping.options();
            if (options.removeRowsNotInSource() || options.deactivateMissingProducts()) {
                remove |= options.removeRowsNotInSource();
                deactivate |= options.deactivateMissingProducts();
                threshold = Math.min(threshold, options.removalThresholdPercent());
            }
        }
        if (!remove && !deactivate) {
            return;
        }
        if (remove && deactivate) {
            throw new Aborted(
                    work.display() + ": one table mapping removes rows not in source and another deactivates them");
        }
        analyze(work.stage());
        String predicate = missingPredicate(work);
        if (predicate == null) {
            LOG.warnf(
                    "run %s: %s has no table mapping with key columns; rows not in source cannot be told apart and stay",
                    input.runId(), work.display());
            return;
        }
        ColumnInfo active = deactivate ? work.table.column(PRODUCT_ACTIVE) : null;
        String affected = deactivate ? "t." + active.quoted() + " is distinct from false and " + predicate : predicate;
        long total;
        long missing;
        try (PreparedStatement count = connection.prepareStatement(
                "select count(*), count(*) filter (where " + affected + ") from " + work.table.qualified() + " t")) {
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                total = rows.getLong(1);
                missing = rows.getLong(2);
            }
        }
        if (total > 0 && missing * 100.0 / total > threshold) {
            throw new Aborted(String.format(
                    Locale.ROOT,
                    "%s would %s %d of its %d rows (%.1f%%), more than the safety threshold of %s%%; nothing was merged",
                    work.display(),
                    deactivate ? "deactivate" : "delete",
                    missing,
                    total,
                    missing * 100.0 / total,
                    stripZeros(threshold)));
        }
        work.removal = new Removal(deactivate, threshold, predicate);
    }

    /** {@code not exists (...)} per keyed mapping of the table: true for a row no staged row (or kept key) matches. */
    private String missingPredicate(TableWork work) {
        StringJoiner predicate = new StringJoiner(" and ");
        boolean anyKeyed = false;
        for (CompiledTableMapping mapping : work.mappings) {
            List<ColumnInfo> keys = keys(mapping);
            if (keys.isEmpty()) {
                continue;
            }
            anyKeyed = true;
            if (work.stage() == null) {
                continue;
            }
            predicate.add("not exists (select 1 from " + work.stage() + " s where s.stage_mapping = " + mapping.index()
                    + " and " + keyMatch(keys, "t", "s") + ")");
        }
        if (!anyKeyed) {
            return null;
        }
        return predicate.length() == 0 ? "true" : predicate.toString();
    }

    private void remove(TableWork work) throws SQLException {
        Removal removal = work.removal;
        String pid = work.productId.map(c -> "t." + c.quoted() + "::text").orElse("null::text");
        String change = removal.deactivate()
                ? "update " + work.table.qualified() + " t set "
                        + work.table.column(PRODUCT_ACTIVE).quoted() + " = false where t."
                        + work.table.column(PRODUCT_ACTIVE).quoted() + " is distinct from false and "
                        + removal.predicate()
                : "delete from " + work.table.qualified() + " t where " + removal.predicate();
        String sql = "with d as (" + change + " returning " + pid + " as pid) select (select count(*) from d), "
                + idsOf("select pid from d");
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            work.removed += rows.getLong(1);
            work.ids(strings(rows.getArray(2)), rows.getLong(1));
        }
    }

    // ---- insert / update ------------------------------------------------------------------------------------------

    private void upsert(TableWork work, CompiledTableMapping mapping, MappingStats stats) throws SQLException {
        TableInfo table = work.table;
        List<ColumnInfo> keys = keys(mapping);
        BitSet common = stats.common();
        Columns columns = columns(table, mapping, stats);
        List<ColumnInfo> insertColumns = columns.insert();
        List<ColumnInfo> updateColumns = columns.update();
        boolean perRowColumns = columns.perRow();
        Options options = mapping.options();
        boolean insertOnly = options.insertOnly();
        boolean updateOnly = options.updateOnly();
        String dedup = dedup(mapping, work.stage(), insertColumns, keys, perRowColumns && !insertOnly);
        String pid = work.productId.map(c -> "t." + c.quoted() + "::text").orElse("null::text");
        boolean pkIsKey = !keys.isEmpty() && keySetIsPrimaryKey(table, keys);
        if (pkIsKey && !updateOnly && !perRowColumns && destinationEmpty(work)) {
            insertIntoEmpty(work, List.of(mapping));
            return;
        }
        analyze(work.stage());
        String sql;
        if (insertOnly && keys.isEmpty()) {
            sql = "with s as materialized (" + dedup + "), ins as ("
                    + insert(table, insertColumns, common, "s", null, pid)
                    + ") select (select count(*) from s), (select count(*) from ins), 0, 0, "
                    + idsOf("select pid from ins");
        } else if (pkIsKey && !updateOnly && !perRowColumns) {
            String conflict = conflictKey(table);
            String action;
            if (insertOnly || updateColumns.isEmpty()) {
                action = " on conflict (" + conflict + ") do nothing";
            } else {
                StringJoiner set = new StringJoiner(", ");
                StringJoiner before = new StringJoiner(", ");
                StringJoiner after = new StringJoiner(", ");
                for (ColumnInfo column : updateColumns) {
                    set.add(column.quoted() + " = excluded." + column.quoted());
                    before.add("t." + column.quoted());
                    after.add("excluded." + column.quoted());
                }
                action = " on conflict (" + conflict + ") do update set " + set + " where row(" + before
                        + ") is distinct from row(" + after + ")";
            }
            sql = "with s as materialized (" + dedup + "), u as (insert into " + table.qualified() + " as t ("
                    + columnList(insertColumns) + ") select " + insertValues(insertColumns, common, "s") + " from s"
                    + action
                    + " returning (t.xmax = 0) as ins, " + pid + " as pid)"
                    + " select (select count(*) from s), count(*) filter (where u.ins), count(*) filter (where not u.ins), 0, "
                    + idsOf("select pid from u") + " from u";
        } else {
            StringJoiner ctes = new StringJoiner(", ", "with ", " ");
            ctes.add("s as materialized (" + dedup + ")");
            boolean update = !insertOnly && !updateColumns.isEmpty();
            if (update) {
                StringJoiner set = new StringJoiner(", ");
                StringJoiner before = new StringJoiner(", ");
                StringJoiner after = new StringJoiner(", ");
                for (ColumnInfo column : updateColumns) {
                    String value = common.get(column.ordinal())
                            ? "s." + column.quoted()
                            : "case when get_bit(s.stage_w, " + column.ordinal() + ") = 1 then s." + column.quoted()
                                    + " else t." + column.quoted() + " end";
                    set.add(column.quoted() + " = " + value);
                    before.add("t." + column.quoted());
                    after.add(value);
                }
                ctes.add("up as (update " + table.qualified() + " t set " + set + " from s where "
                        + keyMatch(keys, "t", "s") + " and row(" + before + ") is distinct from row(" + after
                        + ") returning " + pid + " as pid)");
            }
            if (!updateOnly) {
                ctes.add("ins as (" + insert(table, insertColumns, common, "s", keys, pid) + ")");
            }
            String optionSkipped = updateOnly
                    ? "(select count(*) from s where not exists (select 1 from " + table.qualified() + " t where "
                            + keyMatch(keys, "t", "s") + "))"
                    : "0";
            String idSource = update && !updateOnly
                    ? "select pid from up union all select pid from ins"
                    : update ? "select pid from up" : "select pid from ins";
            sql = ctes + "select (select count(*) from s), " + (updateOnly ? "0" : "(select count(*) from ins)") + ", "
                    + (update ? "(select count(*) from up)" : "0") + ", " + optionSkipped + ", " + idsOf(idSource);
        }
        if (EXPLAIN) {
            explain(sql, perRowColumns && !insertOnly);
        }
        long distinct;
        long inserted;
        long updated;
        long notExisting;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (perRowColumns && !insertOnly) {
                statement.setString(1, input.runId());
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                distinct = rows.getLong(1);
                inserted = rows.getLong(2);
                updated = rows.getLong(3);
                notExisting = rows.getLong(4);
                work.ids(strings(rows.getArray(5)), inserted + updated);
            }
        }
        long duplicates = stats.staged() - distinct;
        // insertOnlyNew leaves existing keys alone, updateOnlyExisting new ones: both on purpose
        long skippedByOption = insertOnly ? distinct - inserted : notExisting;
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

    /**
     * Whether the destination table is empty (a first import). When it is, the table is locked against
     * other writers until the transaction ends (readers are not blocked) and looked at again, so it
     * stays empty until this merge inserts: another run merging into the same table waits instead of
     * conflicting. A table with rows is not locked.
     */
    private boolean destinationEmpty(TableWork work) throws SQLException {
        String empty = "select not exists (select 1 from " + work.table.qualified() + ")";
        try (Statement statement = connection.createStatement()) {
            if (!bool(statement, empty)) {
                return false;
            }
            statement.execute("lock table " + work.table.qualified() + " in share row exclusive mode");
            return bool(statement, empty);
        }
    }

    private static boolean bool(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    /** The columns a mapping's merge writes: inserted, updated (neither keys nor identity), and whether rows wrote different ones. */
    private record Columns(List<ColumnInfo> insert, List<ColumnInfo> update, boolean perRow) {}

    /** The columns a first import of rows that all wrote {@code written} inserts, as {@link #insertIntoEmpty} does. */
    static List<ColumnInfo> insertColumns(TableInfo table, CompiledTableMapping mapping, BitSet written) {
        return columns(table, mapping, new MappingStats(0, written, written)).insert();
    }

    private static Columns columns(TableInfo table, CompiledTableMapping mapping, MappingStats stats) {
        BitSet union = stats.union();
        BitSet common = stats.common();
        Set<Integer> keyOrdinals = new HashSet<>();
        keys(mapping).forEach(k -> keyOrdinals.add(k.ordinal()));
        List<ColumnInfo> insert = new ArrayList<>();
        List<ColumnInfo> update = new ArrayList<>();
        boolean perRow = false;
        for (ColumnInfo column : table.columns()) {
            if (!union.get(column.ordinal()) || (column.identity() && !common.get(column.ordinal()))) {
                continue;
            }
            insert.add(column);
            if (!keyOrdinals.contains(column.ordinal()) && !column.identity()) {
                update.add(column);
                perRow |= !common.get(column.ordinal());
            }
        }
        return new Columns(insert, update, perRow);
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
            List<ColumnInfo> keys = keys(mapping);
            Options options = mapping.options();
            if (keys.isEmpty()
                    || !keySetIsPrimaryKey(work.table, keys)
                    || options.insertOnly()
                    || options.updateOnly()) {
                return false;
            }
            MappingStats stats = input.stats().get(mapping.index());
            Columns columns = columns(work.table, mapping, stats);
            if (columns.perRow()) {
                return false;
            }
            String mine = columnList(columns.insert()) + " <- " + insertValues(columns.insert(), stats.common(), "s");
            if (values != null && !values.equals(mine)) {
                return false;
            }
            values = mine;
        }
        return true;
    }

    /**
     * The first import into an empty table, of one mapping or of several {@link #combinable} ones: the
     * deduplicated rows cannot conflict, so one plain {@code INSERT ... SELECT} (no speculative
     * insertion, no RETURNING) writes them. A key keeps the row the mapping-by-mapping merge would
     * leave: the last mapping in job order that staged it wins, and within a mapping the last staged
     * row (the first with discardDuplicates). Every staged row goes in as it is unless a key repeats
     * ({@link #insertUnlessKeyRepeats}); then the winners are picked by a hash anti-join on the keys
     * (instead of a sort of every wide staged row), and the staging order is kept.
     *
     * <p>The counts equal the mapping-by-mapping merge's: every remaining row is inserted; a key staged
     * twice by one mapping is a skipped duplicate; a key staged by several mappings is, for each later
     * mapping, an update when its row differs from the previous mapping's, else unchanged. Those two
     * are counted only when some key was staged twice (the inserted rows are fewer than the staged).
     * Every row is new, so the product ids (when few enough to list) are read back from the table.
     */
    private void insertIntoEmpty(TableWork work, List<CompiledTableMapping> mappings) throws SQLException {
        CompiledTableMapping first = mappings.get(0);
        MappingStats firstStats = input.stats().get(first.index());
        List<ColumnInfo> insertColumns = columns(work.table, first, firstStats).insert();
        List<ColumnInfo> keys = keys(first);
        String stage = work.stage();
        String ofMappings = mappingFilter(mappings);
        String insert = "insert into " + work.table.qualified() + " (" + columnList(insertColumns) + ") select "
                + insertValues(insertColumns, firstStats.common(), "s") + " from " + stage + " s where s.stage_mapping "
                + ofMappings
                + " and not s.stage_keep";
        // The anti-join must hash the keys: a nested loop over two copies of the staged rows is quadratic.
        String nestLoop = setting("enable_nestloop", "off");
        Long optimistic = insertUnlessKeyRepeats(insert);
        long inserted;
        if (optimistic != null) {
            inserted = optimistic;
        } else {
            analyze(stage);
            String deduplicated = insert + " and not exists (select 1 from " + stage + " d where d.stage_mapping "
                    + ofMappings + " and not d.stage_keep and " + keyMatch(keys, "d", "s") + " and "
                    + wins(mappings, "d", "s") + ")";
            if (EXPLAIN) {
                explain(deduplicated, false);
            }
            try (PreparedStatement statement = connection.prepareStatement(deduplicated)) {
                inserted = statement.executeUpdate();
            }
        }
        long staged = 0;
        for (CompiledTableMapping mapping : mappings) {
            staged += input.stats().get(mapping.index()).staged();
        }
        long perMapping = inserted;
        long updated = 0;
        if (inserted < staged && mappings.size() > 1) {
            // Some key was staged more than once: by one mapping (a duplicate) or by several (an update or unchanged).
            perMapping = count("select count(*) from " + stage + " s where s.stage_mapping " + ofMappings
                    + " and not s.stage_keep and not exists (select 1 from " + stage
                    + " d where d.stage_mapping = s.stage_mapping"
                    + " and not d.stage_keep and " + keyMatch(keys, "d", "s") + " and " + later("d", "s") + ")");
            if (perMapping > inserted) {
                updated = changedAcrossMappings(work, mappings, insertColumns, keys);
            }
        }
        setting("enable_nestloop", nestLoop);
        if (inserted > 0) {
            readInsertedIds(work, inserted + updated);
        }
        long duplicates = staged - perMapping;
        long unchanged = perMapping - inserted - updated;
        work.inserted += inserted;
        work.updated += updated;
        work.unchanged += unchanged;
        work.skipped += duplicates;
        LOG.debugf(
                "run %s, %s (%d mappings) into the empty table: %d staged, %d duplicates, %d inserted, %d updated, %d unchanged",
                input.runId(), work.display(), mappings.size(), staged, duplicates, inserted, updated, unchanged);
    }

    /**
     * A first import usually stages every key once: then every staged row is inserted as it is, without
     * the anti-join that finds the winner of a repeated key (a third of the merge's time on 1M rows).
     * A repeated key makes the primary key refuse the statement; it is rolled back (to a savepoint)
     * and null returned, so the caller inserts the deduplicated rows instead. That costs the work done
     * up to the repeated key, at most one more insert of the run's rows.
     */
    private Long insertUnlessKeyRepeats(String insert) throws SQLException {
        try (Statement savepoint = connection.createStatement()) {
            savepoint.execute("savepoint first_import");
            try {
                if (EXPLAIN) {
                    explain(insert, false);
                }
                long inserted;
                try (PreparedStatement statement = connection.prepareStatement(insert)) {
                    inserted = statement.executeUpdate();
                }
                savepoint.execute("release savepoint first_import");
                return inserted;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                savepoint.execute("rollback to savepoint first_import");
                savepoint.execute("release savepoint first_import");
                LOG.debugf(
                        "run %s: a key repeats among the staged rows, inserting the deduplicated rows", input.runId());
                return null;
            }
        }
    }

    /**
     * For keys staged by several mappings: how many times a mapping's row (the one it keeps for the
     * key) differs from the previous mapping's, which the mapping-by-mapping merge counts as updates.
     */
    private long changedAcrossMappings(
            TableWork work, List<CompiledTableMapping> mappings, List<ColumnInfo> insertColumns, List<ColumnInfo> keys)
            throws SQLException {
        String stage = work.stage();
        String ofMappings = mappingFilter(mappings);
        Set<Integer> keyOrdinals = new HashSet<>();
        keys.forEach(k -> keyOrdinals.add(k.ordinal()));
        List<ColumnInfo> values = insertColumns.stream()
                .filter(c -> !keyOrdinals.contains(c.ordinal()) && !c.identity())
                .toList();
        if (values.isEmpty()) {
            return 0; // nothing to update: ON CONFLICT DO NOTHING
        }
        String row = "row("
                + insertValues(
                        values, input.stats().get(mappings.get(0).index()).common(), "s") + ")";
        StringJoiner partition = new StringJoiner(", ");
        keys.forEach(k -> partition.add("s." + k.quoted()));
        // Records compare NULL fields as equal, as the ON CONFLICT's "row(...) is distinct from row(...)" does.
        String window = " over (partition by " + partition + " order by s.stage_mapping)";
        return count("select count(*) filter (where w.previous and w.v is distinct from w.p) from (select " + row
                + " as v, lag("
                + row + ")" + window + " as p, lag(true, 1, false)" + window + " as previous from " + stage
                + " s where s.stage_mapping "
                + ofMappings + " and not s.stage_keep"
                + " and not exists (select 1 from " + stage
                + " d where d.stage_mapping = s.stage_mapping and not d.stage_keep and "
                + keyMatch(keys, "d", "s") + " and " + wins(mappings, "d", "s") + ")"
                + " and exists (select 1 from " + stage + " o where o.stage_mapping " + ofMappings
                + " and o.stage_mapping <> s.stage_mapping and not o.stage_keep and " + keyMatch(keys, "o", "s")
                + ")) w");
    }

    private static String mappingFilter(List<CompiledTableMapping> mappings) {
        if (mappings.size() == 1) {
            return "= " + mappings.get(0).index();
        }
        StringJoiner in = new StringJoiner(", ", "in (", ")");
        mappings.forEach(m -> in.add(Integer.toString(m.index())));
        return in.toString();
    }

    /** Whether staged row {@code d} is staged after {@code s} (same mapping). */
    private static String later(String d, String s) {
        return "(" + d + ".stage_chunk, " + d + ".stage_row) > (" + s + ".stage_chunk, " + s + ".stage_row)";
    }

    /**
     * Whether staged row {@code d} wins over {@code s} of the same key, as the mapping-by-mapping merge
     * resolves it: a later mapping in job order wins; within a mapping the later staged row, or with
     * discardDuplicates the earlier one.
     */
    private static String wins(List<CompiledTableMapping> mappings, String d, String s) {
        List<Integer> firstWins = mappings.stream()
                .filter(m -> m.options().discardDuplicateRows())
                .map(CompiledTableMapping::index)
                .toList();
        String earlier = later(s, d);
        String within;
        if (firstWins.isEmpty()) {
            within = later(d, s);
        } else if (firstWins.size() == mappings.size()) {
            within = earlier;
        } else {
            StringJoiner in = new StringJoiner(", ", "(", ")");
            firstWins.forEach(i -> in.add(Integer.toString(i)));
            within =
                    "case when " + s + ".stage_mapping in " + in + " then " + earlier + " else " + later(d, s) + " end";
        }
        if (mappings.size() == 1) {
            return within;
        }
        return "(" + d + ".stage_mapping > " + s + ".stage_mapping or (" + d + ".stage_mapping = " + s
                + ".stage_mapping and " + within + "))";
    }

    private long count(String sql) throws SQLException {
        if (EXPLAIN) {
            explain(sql, false);
        }
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void explain(String sql, boolean withRunId) throws SQLException {
        try (Statement savepoint = connection.createStatement()) {
            savepoint.execute("savepoint explain");
            try (PreparedStatement statement = connection.prepareStatement("explain (analyze, buffers) " + sql)) {
                if (withRunId) {
                    statement.setString(1, input.runId());
                }
                StringBuilder plan = new StringBuilder(sql).append('\n');
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                LOG.info(plan);
            }
            savepoint.execute("rollback to savepoint explain");
        }
    }

    private String insert(
            TableInfo table, List<ColumnInfo> columns, BitSet common, String alias, List<ColumnInfo> keys, String pid) {
        String where = keys == null || keys.isEmpty()
                ? ""
                : " where not exists (select 1 from " + table.qualified() + " t where " + keyMatch(keys, "t", alias)
                        + ")";
        return "insert into " + table.qualified() + " as t (" + columnList(columns) + ") select "
                + insertValues(columns, common, alias) + " from " + alias + where + " returning " + pid + " as pid";
    }

    private static String insertValues(List<ColumnInfo> columns, BitSet common, String alias) {
        StringJoiner values = new StringJoiner(", ");
        for (ColumnInfo column : columns) {
            String value = alias + "." + column.quoted();
            if (!common.get(column.ordinal()) && !column.nullable()) {
                if (column.type() == ColumnType.TEXT) {
                    value = "coalesce(" + value + ", '')";
                } else if (column.type() == ColumnType.JSONB) {
                    value = "coalesce(" + value + ", '{}'::jsonb)";
                }
            }
            values.add(value);
        }
        return values.toString();
    }

    /** Sets a planner setting for the rest of the transaction; returns its value before. */
    private String setting(String name, String value) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("select current_setting(?), set_config(?, ?, true)")) {
            set.setString(1, name);
            set.setString(2, name);
            set.setString(3, value);
            try (ResultSet rows = set.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    /** The staged rows of a mapping, one per key: the last staged (the first with discardDuplicates). */
    private String dedup(
            CompiledTableMapping mapping,
            String stage,
            List<ColumnInfo> columns,
            List<ColumnInfo> keys,
            boolean withMask) {
        StringJoiner select = new StringJoiner(", ");
        for (ColumnInfo column : columns) {
            select.add("s." + column.quoted());
        }
        if (withMask) {
            select.add("coalesce(s.stage_written, (select c.union_mask from " + input.chunkMaskTable()
                    + " c where c.run_id = ? and c.sequence = s.stage_chunk and c.mapping_index = " + mapping.index()
                    + ")) as stage_w");
        }
        String where = " from " + stage + " s where s.stage_mapping = " + mapping.index() + " and not s.stage_keep";
        if (keys.isEmpty()) {
            return "select " + select + where;
        }
        // Byte order (collate "C") groups equal keys as the column's collation would, without its costly comparisons.
        StringJoiner keyList = new StringJoiner(", ");
        for (ColumnInfo key : keys) {
            keyList.add("s." + key.quoted() + (key.type() == ColumnType.TEXT ? " collate \"C\"" : ""));
        }
        String direction = mapping.options().discardDuplicateRows() ? "" : " desc";
        return "select distinct on (" + keyList + ") " + select + where + " order by " + keyList + ", s.stage_chunk"
                + direction + ", s.stage_row" + direction;
    }

    static List<ColumnInfo> keys(CompiledTableMapping mapping) {
        return mapping.keyColumns().stream().filter(k -> !k.identity()).toList();
    }

    static boolean keySetIsPrimaryKey(TableInfo table, List<ColumnInfo> keys) {
        List<ColumnInfo> pk = table.primaryKey();
        if (pk.isEmpty() || pk.stream().anyMatch(ColumnInfo::identity) || pk.size() != keys.size()) {
            return false;
        }
        Set<Integer> ordinals = new HashSet<>();
        keys.forEach(k -> ordinals.add(k.ordinal()));
        return pk.stream().allMatch(c -> ordinals.contains(c.ordinal()));
    }

    private static String conflictKey(TableInfo table) {
        StringJoiner list = new StringJoiner(", ");
        table.primaryKey().forEach(c -> list.add(c.quoted()));
        return list.toString();
    }

    private static String keyMatch(List<ColumnInfo> keys, String left, String right) {
        StringJoiner match = new StringJoiner(" and ");
        for (ColumnInfo key : keys) {
            String l = left + "." + key.quoted();
            String r = right + "." + key.quoted();
            match.add(key.nullable() ? l + " is not distinct from " + r : l + " = " + r);
        }
        return match.toString();
    }

    private static String columnList(List<ColumnInfo> columns) {
        StringJoiner list = new StringJoiner(", ");
        columns.forEach(c -> list.add(c.quoted()));
        return list.toString();
    }

    /**
     * Product ids of the first {@link #sampleSize()} rows of a row source. Reading a bounded sample (not
     * a DISTINCT over every changed row) keeps a million-row merge from sorting its ids: when more rows
     * changed than the sample holds, the event says "all products".
     */
    private String idsOf(String source) {
        return "(select array_agg(pid) from (select pid from (" + source + ") i where pid is not null limit "
                + sampleSize() + ") x)";
    }

    private long sampleSize() {
        return 5L * maxProductIds + 1;
    }

    private static String[] strings(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] values = (Object[]) array.getArray();
        String[] result = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (String) values[i];
        }
        return result;
    }

    private static String stripZeros(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
