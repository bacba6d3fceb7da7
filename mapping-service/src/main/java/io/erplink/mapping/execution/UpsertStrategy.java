package io.erplink.mapping.execution;

/**
 * How one table mapping's staged rows go into a table that has rows: one statement (built by a pure
 * function of the {@link MappingTarget}) that answers one row of five columns: distinct keys staged,
 * rows inserted, rows updated, keys left out because they do not exist (updateOnlyExisting), and a
 * sample of the changed rows' product ids. A table that is empty takes {@link FirstImportInsert}.
 */
sealed interface UpsertStrategy permits KeylessInsert, OnConflictUpsert, UpdateThenInsert {

    String sql(MappingTarget target);

    /** The strategy for a mapping: keyless insert-only, ON CONFLICT on the primary key, or update then insert. */
    static UpsertStrategy of(MappingTarget target) {
        if (target.insertOnly() && target.keys().isEmpty()) {
            return new KeylessInsert();
        }
        if (target.keyIsPrimaryKey()
                && !target.updateOnly()
                && !target.columns().perRow()) {
            return new OnConflictUpsert();
        }
        return new UpdateThenInsert();
    }
}
