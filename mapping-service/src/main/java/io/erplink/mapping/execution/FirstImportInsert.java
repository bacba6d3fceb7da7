package io.erplink.mapping.execution;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import org.jboss.logging.Logger;

import io.erplink.mapping.engine.CompiledTableMapping;
import io.erplink.mapping.schema.ColumnInfo;
import io.erplink.mapping.schema.TableInfo;

/**
 * The first import into an empty table, of one mapping or of several combinable ones: the
 * deduplicated rows cannot conflict, so one plain {@code INSERT ... SELECT} (no speculative
 * insertion, no RETURNING) writes them. A key keeps the row the mapping-by-mapping merge would
 * leave: the last mapping in job order that staged it wins, and within a mapping the last staged
 * row (the first with discardDuplicates). Every staged row goes in as it is unless a key repeats;
 * then the winners are picked by a hash anti-join on the keys (instead of a sort of every wide staged
 * row), and the staging order is kept.
 *
 * <p>The counts equal the mapping-by-mapping merge's: every remaining row is inserted; a key staged
 * twice by one mapping is a skipped duplicate; a key staged by several mappings is, for each later
 * mapping, an update when its row differs from the previous mapping's, else unchanged. Those two
 * are counted only when some key was staged twice (the inserted rows are fewer than the staged).
 * Every row is new, so the product ids (when few enough to list) are read back from the table.
 */
final class FirstImportInsert {
    private static final Logger LOG = Logger.getLogger(FirstImportInsert.class);
    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * What the statements are made of.
     *
     * @param mappings  the table mappings' indexes, in job order
     * @param firstWins those of them with discardDuplicates
     * @param insert    the columns inserted (the first mapping's; combined mappings write the same)
     * @param common    columns every staged row of the first mapping wrote
     */
    record Target(
            TableInfo table,
            String stage,
            List<Integer> mappings,
            List<Integer> firstWins,
            List<ColumnInfo> keys,
            List<ColumnInfo> insert,
            BitSet common) {

        static Target of(TableWork work, List<CompiledTableMapping> mappings, Merge.MappingStats firstStats) {
            CompiledTableMapping first = mappings.get(0);
            List<ColumnInfo> keys = MergeSql.keys(first);
            return new Target(
                    work.table,
                    work.stage,
                    mappings.stream().map(CompiledTableMapping::index).toList(),
                    mappings.stream()
                            .filter(m -> m.options().discardDuplicateRows())
                            .map(CompiledTableMapping::index)
                            .toList(),
                    keys,
                    MergeSql.columns(work.table, keys, firstStats.union(), firstStats.common())
                            .insert(),
                    firstStats.common());
        }
    }

    private FirstImportInsert() {}

    static void merge(
            MergeSession session,
            TableWork work,
            List<CompiledTableMapping> mappings,
            Map<Integer, Merge.MappingStats> stats)
            throws SQLException {
        Target target = Target.of(work, mappings, stats.get(mappings.get(0).index()));
        String insert = insertSql(target);
        // The anti-join must hash the keys: a nested loop over two copies of the staged rows is quadratic.
        String nestLoop = session.setting("enable_nestloop", "off");
        Long optimistic = insertUnlessKeyRepeats(session, insert);
        long inserted;
        if (optimistic != null) {
            inserted = optimistic;
        } else {
            session.analyze(target.stage());
            String deduplicated = deduplicatedSql(target);
            session.explainIfAsked(deduplicated, false);
            try (PreparedStatement statement = session.connection().prepareStatement(deduplicated)) {
                inserted = statement.executeUpdate();
            }
        }
        long staged = 0;
        for (CompiledTableMapping mapping : mappings) {
            staged += stats.get(mapping.index()).staged();
        }
        long perMapping = inserted;
        long updated = 0;
        if (inserted < staged && mappings.size() > 1) {
            // Some key was staged more than once: by one mapping (a duplicate) or by several (an update or unchanged).
            perMapping = session.count(perMappingCountSql(target));
            String changed = changedAcrossMappingsSql(target);
            if (perMapping > inserted && changed != null) {
                updated = session.count(changed);
            }
        }
        session.setting("enable_nestloop", nestLoop);
        if (inserted > 0) {
            work.products.addInserted(session.connection(), work.table, work.productId, inserted + updated);
        }
        long duplicates = staged - perMapping;
        long unchanged = perMapping - inserted - updated;
        work.inserted += inserted;
        work.updated += updated;
        work.unchanged += unchanged;
        work.skipped += duplicates;
        LOG.debugf(
                "run %s, %s (%d mappings) into the empty table: %d staged, %d duplicates, %d inserted, %d updated, %d unchanged",
                session.runId(), work.display(), mappings.size(), staged, duplicates, inserted, updated, unchanged);
    }

    /**
     * A first import usually stages every key once: then every staged row is inserted as it is, without
     * the anti-join that finds the winner of a repeated key (a third of the merge's time on 1M rows).
     * A repeated key makes the primary key refuse the statement; it is rolled back (to a savepoint)
     * and null returned, so the caller inserts the deduplicated rows instead. That costs the work done
     * up to the repeated key, at most one more insert of the run's rows.
     */
    private static Long insertUnlessKeyRepeats(MergeSession session, String insert) throws SQLException {
        try (Statement savepoint = session.connection().createStatement()) {
            savepoint.execute("savepoint first_import");
            try {
                session.explainIfAsked(insert, false);
                long inserted;
                try (PreparedStatement statement = session.connection().prepareStatement(insert)) {
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
                        "run %s: a key repeats among the staged rows, inserting the deduplicated rows",
                        session.runId());
                return null;
            }
        }
    }

    /** Every staged row of the mappings, as it is. */
    static String insertSql(Target t) {
        return "insert into " + t.table().qualified() + " (" + MergeSql.columnList(t.insert()) + ") select "
                + MergeSql.insertValues(t.insert(), t.common(), "s") + " from " + t.stage()
                + " s where s.stage_mapping " + MergeSql.mappingFilter(t.mappings()) + " and not s.stage_keep";
    }

    /** The staged rows that win their key (a hash anti-join against the rows that beat them). */
    static String deduplicatedSql(Target t) {
        return insertSql(t) + " and not exists (select 1 from " + t.stage() + " d where d.stage_mapping "
                + MergeSql.mappingFilter(t.mappings()) + " and not d.stage_keep and "
                + MergeSql.keyMatch(t.keys(), "d", "s") + " and " + MergeSql.wins(t.mappings(), t.firstWins(), "d", "s")
                + ")";
    }

    /** The rows each mapping keeps (its last per key), summed over the mappings. */
    static String perMappingCountSql(Target t) {
        return "select count(*) from " + t.stage() + " s where s.stage_mapping " + MergeSql.mappingFilter(t.mappings())
                + " and not s.stage_keep and not exists (select 1 from " + t.stage()
                + " d where d.stage_mapping = s.stage_mapping"
                + " and not d.stage_keep and " + MergeSql.keyMatch(t.keys(), "d", "s") + " and "
                + MergeSql.later("d", "s") + ")";
    }

    /**
     * For keys staged by several mappings: how many times a mapping's row (the one it keeps for the key)
     * differs from the previous mapping's, which the mapping-by-mapping merge counts as updates; null
     * when only keys are written (nothing to update: ON CONFLICT DO NOTHING).
     */
    static String changedAcrossMappingsSql(Target t) {
        Set<Integer> keyOrdinals = new HashSet<>();
        t.keys().forEach(k -> keyOrdinals.add(k.ordinal()));
        List<ColumnInfo> values = t.insert().stream()
                .filter(c -> !keyOrdinals.contains(c.ordinal()) && !c.identity())
                .toList();
        if (values.isEmpty()) {
            return null;
        }
        String stage = t.stage();
        String ofMappings = MergeSql.mappingFilter(t.mappings());
        String row = "row(" + MergeSql.insertValues(values, t.common(), "s") + ")";
        StringJoiner partition = new StringJoiner(", ");
        t.keys().forEach(k -> partition.add("s." + k.quoted()));
        // Records compare NULL fields as equal, as the ON CONFLICT's "row(...) is distinct from row(...)" does.
        String window = " over (partition by " + partition + " order by s.stage_mapping)";
        return "select count(*) filter (where w.previous and w.v is distinct from w.p) from (select " + row
                + " as v, lag(" + row + ")" + window + " as p, lag(true, 1, false)" + window + " as previous from "
                + stage + " s where s.stage_mapping " + ofMappings + " and not s.stage_keep"
                + " and not exists (select 1 from " + stage
                + " d where d.stage_mapping = s.stage_mapping and not d.stage_keep and "
                + MergeSql.keyMatch(t.keys(), "d", "s") + " and " + MergeSql.wins(t.mappings(), t.firstWins(), "d", "s")
                + ")" + " and exists (select 1 from " + stage + " o where o.stage_mapping " + ofMappings
                + " and o.stage_mapping <> s.stage_mapping and not o.stage_keep and "
                + MergeSql.keyMatch(t.keys(), "o", "s") + ")) w";
    }
}
