package io.erplink.mapping.schema;

/**
 * A column of a commerce table as the database reports it.
 *
 * @param name       the name as stored (lower case for the unquoted names of the migrations)
 * @param type       value kind
 * @param nullable   whether NULL is allowed
 * @param hasDefault whether the column has a default (or is an identity column)
 * @param identity   whether the database generates the value
 * @param primaryKey whether the column is part of the primary key
 * @param ordinal    position in the table, from 0
 */
public record ColumnInfo(
        String name,
        ColumnType type,
        boolean nullable,
        boolean hasDefault,
        boolean identity,
        boolean primaryKey,
        int ordinal) {

    /** The name as a quoted SQL identifier: only ever produced for names read from the database. */
    public String quoted() {
        return SchemaCatalog.quote(name);
    }
}
