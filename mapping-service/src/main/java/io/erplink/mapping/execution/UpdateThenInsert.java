package io.erplink.mapping.execution;

import java.util.StringJoiner;

import io.erplink.mapping.schema.ColumnInfo;

/**
 * Keys other than the primary key, updateOnlyExisting, or rows writing different columns: an update of
 * the existing keys (a column a row did not write keeps its value, by the row's mask) and an insert of
 * the new ones, in one statement; unchanged rows are not rewritten.
 */
final class UpdateThenInsert implements UpsertStrategy {
    @Override
    public String sql(MappingTarget t) {
        StringJoiner ctes = new StringJoiner(", ", "with ", " ");
        ctes.add("s as materialized (" + MergeSql.dedup(t, t.withMasks()) + ")");
        String table = t.table().qualified();
        boolean update = !t.insertOnly() && !t.columns().update().isEmpty();
        if (update) {
            StringJoiner set = new StringJoiner(", ");
            StringJoiner before = new StringJoiner(", ");
            StringJoiner after = new StringJoiner(", ");
            for (ColumnInfo column : t.columns().update()) {
                String value = t.common().get(column.ordinal())
                        ? "s." + column.quoted()
                        : "case when get_bit(s.stage_w, " + column.ordinal() + ") = 1 then s." + column.quoted()
                                + " else t." + column.quoted() + " end";
                set.add(column.quoted() + " = " + value);
                before.add("t." + column.quoted());
                after.add(value);
            }
            ctes.add("up as (update " + table + " t set " + set + " from s where "
                    + MergeSql.keyMatch(t.keys(), "t", "s") + " and row(" + before + ") is distinct from row("
                    + after + ") returning " + t.pid() + " as pid)");
        }
        if (!t.updateOnly()) {
            ctes.add("ins as (" + MergeSql.insert(t.table(), t.columns().insert(), t.common(), "s", t.keys(), t.pid())
                    + ")");
        }
        String optionSkipped = t.updateOnly()
                ? "(select count(*) from s where not exists (select 1 from " + table + " t where "
                        + MergeSql.keyMatch(t.keys(), "t", "s") + "))"
                : "0";
        String idSource = update && !t.updateOnly()
                ? "select pid from up union all select pid from ins"
                : update ? "select pid from up" : "select pid from ins";
        return ctes + "select (select count(*) from s), " + (t.updateOnly() ? "0" : "(select count(*) from ins)")
                + ", " + (update ? "(select count(*) from up)" : "0") + ", " + optionSkipped + ", "
                + ProductSample.idsOf(idSource, t.sampleSize());
    }
}
