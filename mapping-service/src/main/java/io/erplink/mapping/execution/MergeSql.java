package io.erplink.mapping.execution;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

import io.erplink.mapping.engine.CompiledTableMapping;
import io.erplink.mapping.schema.ColumnInfo;
import io.erplink.mapping.schema.ColumnType;
import io.erplink.mapping.schema.TableInfo;

/**
 * The SQL fragments the merge strategies share: pure functions of table and column metadata (names
 * read from the database, quoted), tested as text in {@code MergeSqlTest}.
 */
final class MergeSql {
    private MergeSql() {}

    /** The columns a mapping's merge writes: inserted, updated (neither keys nor identity), and whether rows wrote different ones. */
    record Columns(List<ColumnInfo> insert, List<ColumnInfo> update, boolean perRow) {}

    /** A mapping's key columns the merge matches on (identity columns are the database's, never staged). */
    static List<ColumnInfo> keys(CompiledTableMapping mapping) {
        return mapping.keyColumns().stream().filter(k -> !k.identity()).toList();
    }

    static boolean keySetIsPrimaryKey(TableInfo table, List<ColumnInfo> keys) {
        List<ColumnInfo> pk = table.primaryKey();
        if (pk.isEmpty() || pk.stream().anyMatch(ColumnInfo::identity) || pk.size() != keys.size()) {
            return false;
        }
        Set<Integer> ordinals = new HashSet<>();
        keys.forEach(k -> ordinals.add(k.ordinal()));
        return pk.stream().allMatch(c -> ordinals.contains(c.ordinal()));
    }

    /**
     * The columns a merge of rows that wrote {@code union} (some row) and {@code common} (every row)
     * writes; an identity column only when every row gave it.
     */
    static Columns columns(TableInfo table, List<ColumnInfo> keys, BitSet union, BitSet common) {
        Set<Integer> keyOrdinals = new HashSet<>();
        keys.forEach(k -> keyOrdinals.add(k.ordinal()));
        List<ColumnInfo> insert = new ArrayList<>();
        List<ColumnInfo> update = new ArrayList<>();
        boolean perRow = false;
        for (ColumnInfo column : table.columns()) {
            if (!union.get(column.ordinal()) || (column.identity() && !common.get(column.ordinal()))) {
                continue;
            }
            insert.add(column);
            if (!keyOrdinals.contains(column.ordinal()) && !column.identity()) {
                update.add(column);
                perRow |= !common.get(column.ordinal());
            }
        }
        return new Columns(insert, update, perRow);
    }

    /** The columns a first import of rows that all wrote {@code written} inserts. */
    static List<ColumnInfo> insertColumns(TableInfo table, CompiledTableMapping mapping, BitSet written) {
        return columns(table, keys(mapping), written, written).insert();
    }

    /** The product id of a changed row as text ({@code t.<column>::text}), or a typed null for tables without one. */
    static String productId(Optional<ColumnInfo> column) {
        return column.map(c -> "t." + c.quoted() + "::text").orElse("null::text");
    }

    static String conflictKey(TableInfo table) {
        StringJoiner list = new StringJoiner(", ");
        table.primaryKey().forEach(c -> list.add(c.quoted()));
        return list.toString();
    }

    /** Rows {@code left} and {@code right} have the same key (NULLs equal in nullable key columns). */
    static String keyMatch(List<ColumnInfo> keys, String left, String right) {
        StringJoiner match = new StringJoiner(" and ");
        for (ColumnInfo key : keys) {
            String l = left + "." + key.quoted();
            String r = right + "." + key.quoted();
            match.add(key.nullable() ? l + " is not distinct from " + r : l + " = " + r);
        }
        return match.toString();
    }

    static String columnList(List<ColumnInfo> columns) {
        StringJoiner list = new StringJoiner(", ");
        columns.forEach(c -> list.add(c.quoted()));
        return list.toString();
    }

    /** The values of {@code columns} from row {@code alias}: a column some row did not write gets its NOT NULL default. */
    static String insertValues(List<ColumnInfo> columns, BitSet common, String alias) {
        StringJoiner values = new StringJoiner(", ");
        for (ColumnInfo column : columns) {
            String value = alias + "." + column.quoted();
            if (!common.get(column.ordinal()) && !column.nullable()) {
                if (column.type() == ColumnType.TEXT) {
                    value = "coalesce(" + value + ", '')";
                } else if (column.type() == ColumnType.JSONB) {
                    value = "coalesce(" + value + ", '{}'::jsonb)";
                }
            }
            values.add(value);
        }
        return values.toString();
    }

    /** An insert of the rows of {@code alias} (whose key is not in the table yet, when {@code keys} are given), returning product ids. */
    static String insert(
            TableInfo table, List<ColumnInfo> columns, BitSet common, String alias, List<ColumnInfo> keys, String pid) {
        String where = keys == null || keys.isEmpty()
                ? ""
                : " where not exists (select 1 from " + table.qualified() + " t where " + keyMatch(keys, "t", alias)
                        + ")";
        return "insert into " + table.qualified() + " as t (" + columnList(columns) + ") select "
                + insertValues(columns, common, alias) + " from " + alias + where + " returning " + pid + " as pid";
    }

    /** {@code = 3} for one mapping, {@code in (1, 3)} for several. */
    static String mappingFilter(List<Integer> mappings) {
        if (mappings.size() == 1) {
            return "= " + mappings.get(0);
        }
        StringJoiner in = new StringJoiner(", ", "in (", ")");
        mappings.forEach(m -> in.add(Integer.toString(m)));
        return in.toString();
    }

    /** Whether staged row {@code d} is staged after {@code s} (same mapping). */
    static String later(String d, String s) {
        return "(" + d + ".stage_chunk, " + d + ".stage_row) > (" + s + ".stage_chunk, " + s + ".stage_row)";
    }

    /**
     * Whether staged row {@code d} wins over {@code s} of the same key, as the mapping-by-mapping merge
     * resolves it: a later mapping in job order wins; within a mapping the later staged row, or with
     * discardDuplicates ({@code firstWins}) the earlier one.
     */
    static String wins(List<Integer> mappings, List<Integer> firstWins, String d, String s) {
        String earlier = later(s, d);
        String within;
        if (firstWins.isEmpty()) {
            within = later(d, s);
        } else if (firstWins.size() == mappings.size()) {
            within = earlier;
        } else {
            StringJoiner in = new StringJoiner(", ", "(", ")");
            firstWins.forEach(i -> in.add(Integer.toString(i)));
            within =
                    "case when " + s + ".stage_mapping in " + in + " then " + earlier + " else " + later(d, s) + " end";
        }
        if (mappings.size() == 1) {
            return within;
        }
        return "(" + d + ".stage_mapping > " + s + ".stage_mapping or (" + d + ".stage_mapping = " + s
                + ".stage_mapping and " + within + "))";
    }

    /**
     * The staged rows of a mapping, one per key: the last staged (the first with discardDuplicates).
     * {@code withMask} adds each row's written-column mask ({@code stage_w}; a parameter: the run id).
     */
    static String dedup(MappingTarget target, boolean withMask) {
        StringJoiner select = new StringJoiner(", ");
        for (ColumnInfo column : target.columns().insert()) {
            select.add("s." + column.quoted());
        }
        if (withMask) {
            select.add("coalesce(s.stage_written, (select c.union_mask from " + target.chunkMaskTable()
                    + " c where c.run_id = ? and c.sequence = s.stage_chunk and c.mapping_index = " + target.mapping()
                    + ")) as stage_w");
        }
        String where =
                " from " + target.stage() + " s where s.stage_mapping = " + target.mapping() + " and not s.stage_keep";
        if (target.keys().isEmpty()) {
            return "select " + select + where;
        }
        // Byte order (collate "C") groups equal keys as the column's collation would, without its costly comparisons.
        StringJoiner keyList = new StringJoiner(", ");
        for (ColumnInfo key : target.keys()) {
            keyList.add("s." + key.quoted() + (key.type() == ColumnType.TEXT ? " collate \"C\"" : ""));
        }
        String direction = target.discardDuplicates() ? "" : " desc";
        return "select distinct on (" + keyList + ") " + select + where + " order by " + keyList + ", s.stage_chunk"
                + direction + ", s.stage_row" + direction;
    }
}
