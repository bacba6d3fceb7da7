package io.erplink.simulator.bc.model;

/**
 * One row of an entity set: its values in the order of the set's fields (never null) and the
 * version its ETag is made of (it changes whenever the row changes). A row is never modified in
 * place; a change makes a new row.
 *
 * @param deleted a tombstone: the generated row of this key was deleted
 */
public record Row(Object[] values, long version, boolean deleted) {

    public Object get(int field) {
        return values[field];
    }
}
