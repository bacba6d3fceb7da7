package io.erplink.simulator.bc.model;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Something the OData layer can read page by page: an entity set, or an API v2.0 view of one. */
public interface Table {

    String name();

    List<Field> fields();

    /** Positions of the key fields in {@link #fields()}. */
    int[] keyIndexes();

    /** The field of that name, if the table has it. */
    default Optional<Integer> indexOf(String field) {
        List<Field> fields = fields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(field)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The key values of a row. */
    default Object[] key(Row row) {
        int[] keys = keyIndexes();
        Object[] key = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            key[i] = row.values()[keys[i]];
        }
        return key;
    }

    /** Orders key tuples as the table's rows are ordered. */
    default Comparator<Object[]> keyComparator() {
        int[] keys = keyIndexes();
        List<Field> fields = fields();
        return (a, b) -> {
            for (int i = 0; i < keys.length; i++) {
                int c = fields.get(keys[i]).compare(a[i], b[i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    /** The live rows after {@code afterKey} (all when null), in key order, one at a time. */
    Iterator<Row> rowsAfter(Object[] afterKey);

    /** The live row of that key. */
    Optional<Row> find(Object[] key);
}
