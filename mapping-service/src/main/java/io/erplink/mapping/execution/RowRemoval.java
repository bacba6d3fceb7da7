package io.erplink.mapping.execution;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

import org.jboss.logging.Logger;

import io.erplink.mapping.engine.CompiledTableMapping;
import io.erplink.mapping.engine.JobDefinition.Options;
import io.erplink.mapping.schema.ColumnInfo;
import io.erplink.mapping.schema.TableInfo;

/**
 * removeMissing and deactivateMissing of a full import: the rows of a table whose key no mapping of
 * the job staged in the run are deleted (or the products deactivated), after the safety threshold
 * was checked for every table before anything was written.
 *
 * @param deactivate whether rows are deactivated ({@code ProductActive = false}) instead of deleted
 * @param predicate  true for a row of the table ({@code t}) the run did not stage
 */
record RowRemoval(boolean deactivate, String predicate) {
    private static final Logger LOG = Logger.getLogger(RowRemoval.class);
    static final String PRODUCT_ACTIVE = "productactive";

    /** A table mapping's index with its key columns. */
    record KeyedMapping(int index, List<ColumnInfo> keys) {}

    /**
     * The removal the table's mappings ask for, or null (none asked, or no mapping has keys).
     *
     * @throws Merge.Aborted when it would touch more than the smallest threshold of the table's mappings,
     *     or when one mapping removes and another deactivates
     */
    static RowRemoval check(MergeSession session, TableWork work) throws SQLException {
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
            return null;
        }
        if (remove && deactivate) {
            throw new Merge.Aborted(
                    work.display() + ": one table mapping removes rows not in source and another deactivates them");
        }
        if (session.emptyAndLocked(work.table)) {
            // A first import: nothing to remove or deactivate, and the lock keeps the table empty until this
            // merge writes it. Without this, the staging table was analyzed for a join with an empty table
            // (the ANALYZE was 1.9 s of a 200,000-product merge, on the critical path).
            return null;
        }
        session.analyze(work.stage);
        List<KeyedMapping> keyed = new ArrayList<>();
        for (CompiledTableMapping mapping : work.mappings) {
            keyed.add(new KeyedMapping(mapping.index(), MergeSql.keys(mapping)));
        }
        String predicate = missingPredicate(work.stage, keyed);
        if (predicate == null) {
            LOG.warnf(
                    "run %s: %s has no table mapping with key columns; rows not in source cannot be told apart and stay",
                    session.runId(), work.display());
            return null;
        }
        String affected = affected(work.table, deactivate, predicate);
        long total;
        long missing;
        try (PreparedStatement count = session.connection().prepareStatement(countSql(work.table, affected));
                ResultSet rows = count.executeQuery()) {
            rows.next();
            total = rows.getLong(1);
            missing = rows.getLong(2);
        }
        if (total > 0 && missing * 100.0 / total > threshold) {
            throw new Merge.Aborted(String.format(
                    Locale.ROOT,
                    "%s would %s %d of its %d rows (%.1f%%), more than the safety threshold of %s%%; nothing was merged",
                    work.display(),
                    deactivate ? "deactivate" : "delete",
                    missing,
                    total,
                    missing * 100.0 / total,
                    stripZeros(threshold)));
        }
        return new RowRemoval(deactivate, predicate);
    }

    /** Deletes (or deactivates) the rows and books them, with their product ids, on the table. */
    void apply(MergeSession session, TableWork work) throws SQLException {
        String sql = sql(work.table, work.productId, work.products.sampleSize());
        try (PreparedStatement statement = session.connection().prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            work.removed += rows.getLong(1);
            work.products.add(rows.getArray(2), rows.getLong(1));
        }
    }

    /**
     * {@code not exists (...)} per keyed mapping of the table: true for a row no staged row (or kept key)
     * matches; "true" when the run staged nothing into the table; null when no mapping has keys.
     */
    static String missingPredicate(String stage, List<KeyedMapping> mappings) {
        StringJoiner predicate = new StringJoiner(" and ");
        boolean anyKeyed = false;
        for (KeyedMapping mapping : mappings) {
            if (mapping.keys().isEmpty()) {
                continue;
            }
            anyKeyed = true;
            if (stage == null) {
                continue;
            }
            predicate.add("not exists (select 1 from " + stage + " s where s.stage_mapping = " + mapping.index()
                    + " and " + MergeSql.keyMatch(mapping.keys(), "t", "s") + ")");
        }
        if (!anyKeyed) {
            return null;
        }
        return predicate.length() == 0 ? "true" : predicate.toString();
    }

    /** The rows the removal would touch: those missing (and, to deactivate, still active). */
    static String affected(TableInfo table, boolean deactivate, String predicate) {
        return deactivate
                ? "t." + table.column(PRODUCT_ACTIVE).quoted() + " is distinct from false and " + predicate
                : predicate;
    }

    /** The table's rows and the affected ones among them. */
    static String countSql(TableInfo table, String affected) {
        return "select count(*), count(*) filter (where " + affected + ") from " + table.qualified() + " t";
    }

    /** The removal: how many rows it touched and a sample of their product ids. */
    String sql(TableInfo table, Optional<ColumnInfo> productId, long sampleSize) {
        String change = deactivate
                ? "update " + table.qualified() + " t set "
                        + table.column(PRODUCT_ACTIVE).quoted() + " = false where " + affected(table, true, predicate)
                : "delete from " + table.qualified() + " t where " + predicate;
        return "with d as (" + change + " returning " + MergeSql.productId(productId)
                + " as pid) select (select count(*) from d), " + ProductSample.idsOf("select pid from d", sampleSize);
    }

    private static String stripZeros(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
