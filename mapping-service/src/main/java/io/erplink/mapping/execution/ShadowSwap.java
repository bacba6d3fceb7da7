package io.erplink.mapping.execution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import io.erplink.mapping.schema.ColumnInfo;
import io.erplink.mapping.schema.ColumnType;
import io.erplink.mapping.schema.SchemaCatalog;
import io.erplink.mapping.schema.TableInfo;

/**
 * A first import swapped in instead of inserted: the run's staging table of an empty commerce table
 * becomes that table. Its bookkeeping columns are dropped (a catalog change), the table's defaults,
 * NOT NULL and check constraints, grants and comments are put on it, its primary key and other
 * indexes are built once (a sorted build instead of maintaining them row by row), and then, in the
 * merge's transaction, the empty table is renamed away, the staging table moved and renamed into its
 * place (sequences the old table owned now owned by it), the old table dropped and the indexes and
 * constraints given their names back. PostgreSQL writes each row once, at staging, instead of a
 * second time into the commerce table; readers see the empty table until the merge commits and the
 * full one after. The swap takes the table's {@code access exclusive} lock, held until the merge
 * commits: readers of the table wait from its swap to the commit (the rest of the merge: for a job
 * with several tables, the later tables' index builds too).
 *
 * <p>The swap applies only where it changes nothing but the cost: every table mapping into the table
 * keyed by its primary key and not update-only; every staged value what the
 * plain {@code INSERT} would write (a column no row wrote has no default, or is among the table's
 * last columns, which are re-added with their default); the table with no dependent object a drop
 * would break or lose (a view or rule, a foreign key either way, a trigger, a policy, an identity or
 * generated column, column privileges, storage options, another owner, inheritance, extended
 * statistics, a deferrable or exclusion constraint), and the staging table logged. Otherwise, or when
 * a key repeats (the unique index refuses it) or any statement fails, everything done here is rolled
 * back to a savepoint and the table is merged the usual way ({@link FirstImportInsert}), and the
 * {@link Listener} hears why.
 *
 * <p>Kept in one class on purpose: each condition above protects a statement of the swap (a dependent
 * object the drop would lose, a default the re-added columns must keep); split apart, a new statement
 * could no longer be checked against the condition it needs.
 */
final class ShadowSwap {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final List<String> META_COLUMNS =
            List.of("stage_mapping", "stage_chunk", "stage_row", "stage_keep", "stage_written");

    /** Why a first import was not swapped in (the metric's {@code reason} tag). */
    enum Reason {
        /** Something depends on the table that a rename swap would break or lose. */
        DEPENDENTS("dependents"),
        /** A staged value is not what the INSERT would write (a default, a coalesce). */
        COLUMNS("columns"),
        /** A key was staged more than once: the usual merge decides which row wins. */
        REPEATED_KEY("repeated-key"),
        /** A statement of the swap failed. */
        ERROR("error");

        final String tag;

        Reason(String tag) {
            this.tag = tag;
        }
    }

    /** Hears what became of each first import that could have been swapped in. */
    interface Listener {
        void swapped(String runId, String table, long rows);

        void fellBack(String runId, String table, Reason reason, String detail);
    }

    private ShadowSwap() {}

    /**
     * Swaps the staging table in for the (empty, locked) table, counting its {@code rows} (the mappings'
     * staged rows, failed rows kept for their keys not included) as inserted, or rolls
     * back what it did and returns false (the caller merges the usual way).
     */
    static boolean merge(
            MergeSession session, TableWork work, List<MappingTarget> targets, long rows, Listener listener)
            throws SQLException {
        String table = work.table.name();
        String columns = columnProblem(work.table, targets);
        if (columns != null) {
            listener.fellBack(session.runId(), table, Reason.COLUMNS, columns);
            return false;
        }
        Connection connection = session.connection();
        // catalog functions then qualify every name they print
        String searchPath = session.setting("search_path", "pg_catalog");
        try (Statement savepoint = connection.createStatement()) {
            savepoint.execute("savepoint shadow_swap");
            try {
                List<String> blockers = blockers(connection, work.table.qualified());
                blockers.addAll(stagingProblems(connection, work.stage, work.table.qualified()));
                if (!blockers.isEmpty()) {
                    savepoint.execute("release savepoint shadow_swap");
                    listener.fellBack(session.runId(), table, Reason.DEPENDENTS, String.join("; ", blockers));
                    return false;
                }
                String memory = session.setting("maintenance_work_mem", "256MB");
                swap(
                        connection,
                        work.table,
                        work.stage,
                        trailingToReAdd(work.table, targets),
                        keptRows(connection, session.runId(), work, targets));
                session.setting("maintenance_work_mem", memory);
                savepoint.execute("release savepoint shadow_swap");
            } catch (SQLException e) {
                if (RunMerger.isTransient(e)) {
                    throw e;
                }
                savepoint.execute("rollback to savepoint shadow_swap");
                savepoint.execute("release savepoint shadow_swap");
                Reason reason = UNIQUE_VIOLATION.equals(e.getSQLState()) ? Reason.REPEATED_KEY : Reason.ERROR;
                listener.fellBack(session.runId(), table, reason, e.getMessage());
                return false;
            }
        } finally {
            session.setting("search_path", searchPath);
        }
        work.inserted += rows;
        if (rows > 0) {
            work.products.addInserted(connection, work.table, work.productId, rows);
        }
        listener.swapped(session.runId(), table, rows);
        return true;
    }

    /**
     * Why a staged value could differ from what the plain INSERT writes ({@link MergeSql#insertValues}:
     * a column a mapping does not write gets its default, a NOT NULL text or jsonb column some rows did
     * not write is coalesced), or null when none can. Columns no mapping writes at the end of the table
     * are re-added with their default ({@link #trailingToReAdd}).
     */
    static String columnProblem(TableInfo table, List<MappingTarget> targets) {
        int reAddFrom = reAddFrom(table, targets);
        for (ColumnInfo column : table.columns()) {
            if (column.identity()) {
                return "column " + column.name() + " is an identity column";
            }
            for (MappingTarget target : targets) {
                boolean inserted = target.columns().insert().contains(column);
                if (inserted
                        && !target.common().get(column.ordinal())
                        && !column.nullable()
                        && (column.type() == ColumnType.TEXT || column.type() == ColumnType.JSONB)) {
                    return "column " + column.name() + " is NOT NULL and not written by every row of mapping "
                            + target.mapping();
                }
                if (!inserted && column.hasDefault() && column.ordinal() < reAddFrom) {
                    return "column " + column.name() + " has a default and mapping " + target.mapping()
                            + " does not write it";
                }
            }
        }
        return null;
    }

    /**
     * The first column from which the table's columns are re-added with their defaults: the first
     * column with a default in the run of last columns that no mapping writes (all NULL in staging).
     * The table's column count when there is none.
     */
    private static int reAddFrom(TableInfo table, List<MappingTarget> targets) {
        List<ColumnInfo> columns = table.columns();
        int from = columns.size();
        for (int i = columns.size() - 1; i >= 0; i--) {
            ColumnInfo column = columns.get(i);
            boolean written = false;
            for (MappingTarget target : targets) {
                written |= target.columns().insert().contains(column);
            }
            if (written) {
                break;
            }
            if (column.hasDefault()) {
                from = i;
            }
        }
        return from;
    }

    private static BitSet trailingToReAdd(TableInfo table, List<MappingTarget> targets) {
        BitSet reAdd = new BitSet();
        reAdd.set(reAddFrom(table, targets), table.columns().size());
        return reAdd;
    }

    /**
     * What depends on the table that a swap would break or lose, as sentences (empty when it can be
     * swapped). Its own primary key, unique and check constraints, indexes, defaults, row type and the
     * sequences its columns own are carried over; anything else in {@code pg_depend} is a blocker.
     */
    static List<String> blockers(Connection connection, String qualifiedTable) throws SQLException {
        List<String> blockers = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                with t as (select ?::regclass as oid)
                select distinct pg_describe_object(d.classid, d.objid, d.objsubid) || ' depends on it'
                from pg_depend d, t
                where d.refclassid = 'pg_class'::regclass and d.refobjid = t.oid
                  and d.classid <> 'pg_attrdef'::regclass and d.classid <> 'pg_type'::regclass
                  and not (d.classid = 'pg_constraint'::regclass and exists (select 1 from pg_constraint k
                      where k.oid = d.objid and k.conrelid = t.oid and k.contype in ('p', 'u', 'c')
                        and not k.condeferrable))
                  and not (d.classid = 'pg_class'::regclass and exists (select 1 from pg_class r
                      where r.oid = d.objid and (r.relkind = 't'
                        or r.relkind = 'i' and exists (select 1 from pg_index x where x.indexrelid = r.oid and x.indrelid = t.oid)
                        or r.relkind = 'S' and d.deptype = 'a')))
                union all
                select distinct pg_describe_object(d.classid, d.objid, d.objsubid) || ' depends on its row type'
                from pg_depend d join pg_type y on y.oid = d.refobjid, t
                where d.refclassid = 'pg_type'::regclass and y.typrelid = t.oid and d.deptype <> 'i'
                union all
                select 'column ' || a.attname || ' is an identity or generated column, or has privileges, options or a statistics target of its own'
                from pg_attribute a, t
                where a.attrelid = t.oid and a.attnum > 0 and not a.attisdropped
                  and (a.attidentity <> '' or a.attgenerated <> '' or a.attacl is not null or a.attoptions is not null
                       or coalesce(a.attstattarget, -1) >= 0)
                union all
                select 'it is not a plain table of the current user (kind, persistence, partitioning, row security, storage options, replica identity or tablespace)'
                from pg_class c, t
                where c.oid = t.oid and (c.relkind <> 'r' or c.relpersistence <> 'p' or c.relispartition
                       or c.relrowsecurity or c.relforcerowsecurity or c.reloptions is not null or c.relreplident <> 'd'
                       or c.reltablespace <> 0 or c.relowner <> (select oid from pg_roles where rolname = current_user))
                union all
                select 'it inherits or is inherited from' from pg_inherits i, t where i.inhrelid = t.oid or i.inhparent = t.oid
                union all
                select 'a privilege on it was granted by another role than its owner'
                from pg_class c, aclexplode(c.relacl) a, t where c.oid = t.oid and a.grantor <> c.relowner
                """)) {
            statement.setString(1, qualifiedTable);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    blockers.add(rows.getString(1));
                }
            }
        }
        return blockers;
    }

    /** The staging table must be logged (else the commerce table would be unlogged) and have the table's columns. */
    private static List<String> stagingProblems(Connection connection, String stage, String table) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select (select relpersistence from pg_class where oid = ?::regclass) = 'p',
                  (select array_agg(format('%I %s %s', attname, format_type(atttypid, atttypmod), attcollation) order by attnum)
                   from pg_attribute where attrelid = ?::regclass and attnum > 0 and not attisdropped
                     and attname not in ('stage_mapping', 'stage_chunk', 'stage_row', 'stage_keep', 'stage_written'))
                  is not distinct from
                  (select array_agg(format('%I %s %s', attname, format_type(atttypid, atttypmod), attcollation) order by attnum)
                   from pg_attribute where attrelid = ?::regclass and attnum > 0 and not attisdropped)
                """)) {
            statement.setString(1, stage);
            statement.setString(2, stage);
            statement.setString(3, table);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                if (!rows.getBoolean(1)) {
                    problems.add("the staging table is unlogged");
                }
                if (!rows.getBoolean(2)) {
                    problems.add("the staging table's columns differ from the table's (changed during the run)");
                }
            }
        }
        return problems;
    }

    /**
     * The failed rows the run staged into the table for their keys only ({@code stage_keep}), as its chunks
     * recorded them in the transactions that staged them (the staging table is logged, and the merge checked
     * its row count against the same records).
     */
    private static long keptRows(Connection connection, String runId, TableWork work, List<MappingTarget> targets)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select coalesce(sum(kept), 0) from "
                + targets.get(0).chunkMaskTable() + " where run_id = ? and mapping_index = any(?)")) {
            statement.setString(1, runId);
            statement.setArray(
                    2,
                    connection.createArrayOf(
                            "integer",
                            work.mappings.stream().map(m -> m.index()).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * Builds the staging table into a copy of the table and swaps it in (the caller holds a savepoint).
     *
     * @param kept failed rows staged for their keys only, deleted first (when there are none, the table is not scanned for them)
     */
    private static void swap(Connection connection, TableInfo table, String stage, BitSet reAdd, long kept)
            throws SQLException {
        long stageOid = single(connection, "select ?::regclass::oid", stage);
        long tableOid = single(connection, "select ?::regclass::oid", table.qualified());
        String tempPrefix = "swap_" + stageOid + "_";
        List<String> build = new ArrayList<>();
        if (kept > 0) {
            build.add("delete from " + stage + " where stage_keep");
        }
        StringBuilder drop = new StringBuilder("alter table " + stage);
        String separator = " ";
        for (String meta : META_COLUMNS) {
            drop.append(separator).append("drop column ").append(meta);
            separator = ", ";
        }
        for (int i = reAdd.nextSetBit(0); i >= 0; i = reAdd.nextSetBit(i + 1)) {
            drop.append(", drop column ").append(table.columns().get(i).quoted());
        }
        build.add(drop.toString());
        String ordinals = reAdd.stream()
                .mapToObj(i -> Integer.toString(i + 1))
                .reduce((a, b) -> a + "," + b)
                .orElse("");
        // Column by column in table order: re-added ones with type, collation, default and NOT NULL, the others
        // get their default and NOT NULL; then the check constraints. All in one ALTER TABLE: PostgreSQL checks
        // every new NOT NULL and check constraint in one scan of the table, where a statement per column
        // scanned it once per NOT NULL column (five times for EcomProductCategoryFieldValue).
        List<String> columnChanges = strings(connection, """
                select case when a.pos = any(string_to_array(?, ',')::int[])
                  then format('add column %I %s%s%s%s', a.attname, format_type(a.atttypid, a.atttypmod),
                         case when a.attcollation <> y.typcollation then ' collate ' || a.attcollation::regcollation::text else '' end,
                         coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), ''),
                         case when a.attnotnull then ' not null' else '' end)
                  else concat_ws(', ',
                         'alter column ' || quote_ident(a.attname) || ' set default ' || pg_get_expr(d.adbin, d.adrelid),
                         case when a.attnotnull then 'alter column ' || quote_ident(a.attname) || ' set not null' end)
                  end
                from (select *, row_number() over (order by attnum) as pos from pg_attribute
                      where attrelid = ?::regclass and attnum > 0 and not attisdropped) a
                join pg_type y on y.oid = a.atttypid
                left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
                where a.pos = any(string_to_array(?, ',')::int[]) or d.oid is not null or a.attnotnull
                order by a.attnum
                """, ordinals, table.qualified(), ordinals);
        columnChanges.addAll(strings(connection, """
                select format('add constraint %I %s', conname, pg_get_constraintdef(oid))
                from pg_constraint where conrelid = ?::regclass and contype = 'c' order by oid
                """, table.qualified()));
        if (!columnChanges.isEmpty()) {
            build.add("alter table " + stage + " " + String.join(", ", columnChanges));
        }
        // each index under a temporary name (the staging table is in another schema until the swap)
        List<String[]> renames = new ArrayList<>();
        try (PreparedStatement indexes = connection.prepareStatement("""
                select pg_get_indexdef(i.indexrelid), format(' INDEX %I ON %s USING ', ic.relname, i.indrelid::regclass),
                  ic.relname, k.contype
                from pg_index i join pg_class ic on ic.oid = i.indexrelid
                left join pg_constraint k on k.conindid = i.indexrelid and k.conrelid = i.indrelid and k.contype in ('p', 'u')
                where i.indrelid = ?::regclass order by i.indexrelid
                """)) {
            indexes.setString(1, table.qualified());
            try (ResultSet rows = indexes.executeQuery()) {
                int n = 0;
                while (rows.next()) {
                    String definition = rows.getString(1);
                    String head = rows.getString(2);
                    String temp = tempPrefix + n++;
                    if (definition.indexOf(head) < 0 || definition.indexOf(head) != definition.lastIndexOf(head)) {
                        throw new SQLException("the index definition " + definition + " was not understood");
                    }
                    build.add(definition.replace(
                            head, " INDEX " + SchemaCatalog.quote(temp) + " ON " + stage + " USING "));
                    String contype = rows.getString(4);
                    if (contype != null) {
                        build.add("alter table " + stage + " add constraint " + SchemaCatalog.quote(temp)
                                + ("p".equals(contype) ? " primary key" : " unique") + " using index "
                                + SchemaCatalog.quote(temp));
                    }
                    renames.add(new String[] {temp, rows.getString(3), contype});
                }
            }
        }
        build.addAll(strings(connection, """
                select format('revoke all on %s from %s', ?, case when a.grantee = 0 then 'public' else quote_ident(pg_get_userbyid(a.grantee)) end)
                from pg_class c, aclexplode(c.relacl) a where c.oid = ?::regclass and a.grantee <> c.relowner
                """, stage, stage));
        build.addAll(strings(connection, """
                select format('grant %s on %s to %s%s', a.privilege_type, ?,
                  case when a.grantee = 0 then 'public' else quote_ident(pg_get_userbyid(a.grantee)) end,
                  case when a.is_grantable then ' with grant option' else '' end)
                from pg_class c, aclexplode(c.relacl) a where c.oid = ?::regclass and a.grantee <> c.relowner
                """, stage, table.qualified()));
        build.addAll(strings(connection, """
                select format('comment on table %s is %L', ?, description) from pg_description
                where classoid = 'pg_class'::regclass and objoid = ?::regclass and objsubid = 0
                union all
                select format('comment on column %s.%I is %L', ?, a.attname, d.description)
                from pg_description d join pg_attribute a on a.attrelid = d.objoid and a.attnum = d.objsubid
                where d.classoid = 'pg_class'::regclass and d.objoid = ?::regclass and d.objsubid > 0
                """, stage, table.qualified(), stage, table.qualified()));
        execute(connection, build);

        // The swap: a few catalog changes under the table's access exclusive lock.
        String schema = SchemaCatalog.quote(table.schema());
        String name = SchemaCatalog.quote(table.name());
        String oldName = SchemaCatalog.quote("swap_" + tableOid + "_old");
        String stageName = SchemaCatalog.quote(
                strings(connection, "select relname::text from pg_class where oid = ?::regclass", stage)
                        .get(0));
        boolean sameSchema = table.schema()
                .equals(strings(
                                connection,
                                "select relnamespace::regnamespace::text from pg_class where oid = ?::regclass",
                                stage)
                        .get(0));
        List<String> swap = new ArrayList<>();
        // comments on the indexes and constraints, read before the old table goes
        List<String> comments =
                strings(connection, """
                select format('comment on index %s.%I is %L', ?, c.relname, d.description)
                from pg_index i join pg_class c on c.oid = i.indexrelid
                join pg_description d on d.classoid = 'pg_class'::regclass and d.objoid = i.indexrelid and d.objsubid = 0
                where i.indrelid = ?::regclass
                  and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid)
                union all
                select format('comment on constraint %I on %s is %L', k.conname, ?, d.description)
                from pg_constraint k join pg_description d on d.classoid = 'pg_constraint'::regclass and d.objoid = k.oid
                where k.conrelid = ?::regclass
                """, schema, table.qualified(), table.qualified(), table.qualified());
        List<String> sequences = strings(connection, """
                select format('alter sequence %s owned by %s.%I', d.objid::regclass, ?, a.attname)
                from pg_depend d join pg_class s on s.oid = d.objid and s.relkind = 'S'
                join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
                where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
                  and d.refobjid = ?::regclass and d.deptype = 'a'
                """, table.qualified(), table.qualified());
        swap.add("lock table " + table.qualified() + " in access exclusive mode");
        swap.add("alter table " + table.qualified() + " rename to " + oldName);
        if (!sameSchema) {
            swap.add("alter table " + stage + " set schema " + schema);
        }
        swap.add("alter table " + schema + "." + stageName + " rename to " + name);
        swap.addAll(sequences);
        // no cascade: whatever still depends on the old table makes this fail, and the swap is rolled back
        swap.add("drop table " + schema + "." + oldName);
        for (String[] rename : renames) {
            swap.add(
                    rename[2] != null
                            ? "alter table " + table.qualified() + " rename constraint "
                                    + SchemaCatalog.quote(rename[0]) + " to " + SchemaCatalog.quote(rename[1])
                            : "alter index " + schema + "." + SchemaCatalog.quote(rename[0]) + " rename to "
                                    + SchemaCatalog.quote(rename[1]));
        }
        swap.addAll(comments);
        execute(connection, swap);
    }

    private static void execute(Connection connection, List<String> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static List<String> strings(Connection connection, String sql, String... parameters) throws SQLException {
        List<String> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(rows.getString(1));
                }
            }
        }
        return result;
    }

    private static long single(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
