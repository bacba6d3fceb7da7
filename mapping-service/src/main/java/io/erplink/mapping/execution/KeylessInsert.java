package io.erplink.mapping.execution;

/** insertOnlyNew without key columns: every staged row is inserted (no key tells rows apart). */
final class KeylessInsert implements UpsertStrategy {
    @Override
    public String sql(MappingTarget t) {
        return "with s as materialized (" + MergeSql.dedup(t, false) + "), ins as ("
                + MergeSql.insert(t.table(), t.columns().insert(), t.common(), "s", null, t.pid())
                + ") select (select count(*) from s), (select count(*) from ins), 0, 0, "
                + ProductSample.idsOf("select pid from ins", t.sampleSize());
    }
}
