package io.erplink.mapping.engine;

import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.erplink.mapping.schema.ColumnInfo;
import io.erplink.mapping.schema.ColumnType;
import io.erplink.mapping.schema.TableInfo;

/**
 * Where the source columns of an auto-mapping go, resolved once per source column name: the
 * destination column of that name unless a listed destination writes it, into CustomFields when the
 * table has no such column (and the mapping keeps custom fields), else nowhere. Source columns a
 * listed destination reads go nowhere. Thread-safe.
 */
final class AutoColumns {
    /** A source column that is not written. */
    static final ColumnInfo NO_COLUMN = new ColumnInfo("", ColumnType.TEXT, true, false, false, false, -1);
    /** A source column that goes into the CustomFields JSON. */
    static final ColumnInfo TO_CUSTOM_FIELDS = new ColumnInfo("", ColumnType.TEXT, true, false, false, false, -2);

    private final TableInfo destination;
    private final Set<String> explicitSources;
    private final BitSet explicitOrdinals;
    private final boolean toCustomFields;
    /** What each source column name seen so far maps to: a column, {@link #NO_COLUMN} or {@link #TO_CUSTOM_FIELDS}. */
    private final Map<String, ColumnInfo> columns = new ConcurrentHashMap<>();

    /**
     * @param explicitSources  source column names the listed destinations read, lower case
     * @param explicitOrdinals the columns the listed destinations write
     * @param toCustomFields   whether unknown source columns go into CustomFields
     */
    AutoColumns(TableInfo destination, Set<String> explicitSources, BitSet explicitOrdinals, boolean toCustomFields) {
        this.destination = destination;
        this.explicitSources = Set.copyOf(explicitSources);
        this.explicitOrdinals = (BitSet) explicitOrdinals.clone();
        this.toCustomFields = toCustomFields;
    }

    /** Where the source column {@code name} goes. */
    ColumnInfo of(String name) {
        return columns.computeIfAbsent(name, this::resolve);
    }

    /** The source column name (as a row spelled it) that went to {@code column} so far, or null. */
    String sourceOf(ColumnInfo column) {
        for (Map.Entry<String, ColumnInfo> auto : columns.entrySet()) {
            if (auto.getValue().ordinal() == column.ordinal()) {
                return auto.getKey();
            }
        }
        return null;
    }

    private ColumnInfo resolve(String name) {
        if (explicitSources.contains(name.toLowerCase(Locale.ROOT))) {
            return NO_COLUMN;
        }
        Optional<ColumnInfo> column = destination.findColumn(name);
        if (column.isEmpty()) {
            return toCustomFields ? TO_CUSTOM_FIELDS : NO_COLUMN;
        }
        ColumnInfo found = column.get();
        return !explicitOrdinals.get(found.ordinal()) && found.type() != ColumnType.JSONB ? found : NO_COLUMN;
    }
}
