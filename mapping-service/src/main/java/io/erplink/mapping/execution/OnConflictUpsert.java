package io.erplink.mapping.execution;

import java.util.StringJoiner;

import io.erplink.mapping.schema.ColumnInfo;

/**
 * Keys that are the primary key, every row writing the same columns: {@code INSERT ... ON CONFLICT
 * (primary key) DO UPDATE ... WHERE <something changed>} (or {@code DO NOTHING} for insertOnlyNew or
 * when only keys are written); unchanged rows are not rewritten.
 */
final class OnConflictUpsert implements UpsertStrategy {
    @Override
    public String sql(MappingTarget t) {
        String conflict = MergeSql.conflictKey(t.table());
        String action;
        if (t.insertOnly() || t.columns().update().isEmpty()) {
            action = " on conflict (" + conflict + ") do nothing";
        } else {
            StringJoiner set = new StringJoiner(", ");
            StringJoiner before = new StringJoiner(", ");
            StringJoiner after = new StringJoiner(", ");
            for (ColumnInfo column : t.columns().update()) {
                set.add(column.quoted() + " = excluded." + column.quoted());
                before.add("t." + column.quoted());
                after.add("excluded." + column.quoted());
            }
            action = " on conflict (" + conflict + ") do update set " + set + " where row(" + before
                    + ") is distinct from row(" + after + ")";
        }
        return "with s as materialized (" + MergeSql.dedup(t, false) + "), u as (insert into "
                + t.table().qualified()
                + " as t (" + MergeSql.columnList(t.columns().insert()) + ") select "
                + MergeSql.insertValues(t.columns().insert(), t.common(), "s") + " from s" + action
                + " returning (t.xmax = 0) as ins, " + t.pid() + " as pid)"
                + " select (select count(*) from s), count(*) filter (where u.ins), count(*) filter (where not u.ins), 0, "
                + ProductSample.idsOf("select pid from u", t.sampleSize()) + " from u";
    }
}
