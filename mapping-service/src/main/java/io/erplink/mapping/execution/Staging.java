package io.erplink.mapping.execution;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.erplink.mapping.engine.MappedRow;
import io.erplink.mapping.schema.ColumnInfo;
import io.erplink.mapping.schema.ColumnType;
import io.erplink.mapping.schema.SchemaCatalog;
import io.erplink.mapping.schema.TableInfo;

/**
 * The staging tables of a run and the COPY that fills them. A staging table has the commerce table's
 * columns and types (no constraints; logged unless
 * {@code erplink.mapping.staging.unlogged}) plus {@code stage_mapping}, {@code stage_chunk},
 * {@code stage_row} (where the row came from: the merge keeps the last, or with discardDuplicates the
 * first, row of a key), {@code stage_keep} (a failed row staged for its key only) and
 * {@code stage_written} (the columns the row wrote, NULL when they equal its chunk's union for the mapping).
 *
 * <p>Plain JDBC on the caller's connection and transaction, so the service and the benchmark share it.
 *
 * <p>One class on purpose: the staging table's layout (the bookkeeping columns, the identifiers) and
 * the COPY rows written into it must agree column by column, so both stay in one place.
 */
public final class Staging {
    /** The bookkeeping columns in front of the commerce columns. */
    static final String META_COLUMNS = "stage_mapping, stage_chunk, stage_row, stage_keep, stage_written";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_IDENTIFIER = 63;

    /**
     * One row to stage.
     *
     * @param mapping index of the table mapping in its job
     * @param chunk   chunk sequence
     * @param row     position within the chunk, from 0
     * @param sourceRow the row's number within its page, for messages
     * @param keep    a failed row, staged for its key only (never written to the commerce table)
     * @param source  the mapped values
     * @param written the columns it wrote, or null when they equal the chunk's union for the mapping
     */
    public record StageRow(
            int mapping, long chunk, long row, long sourceRow, boolean keep, MappedRow source, BitSet written) {}

    /** A row the database refused (e.g. a number too large for numeric(28,8)), with its message. */
    public record RefusedRow(StageRow row, String message) {}

    /**
     * The commerce columns' COPY text of the staged rows (failed rows staged for their key left out),
     * per table mapping, kept while staging encodes them: an {@link EagerMerge} writing the same columns
     * sends it as it is instead of encoding every row a second time (that encoding was about a sixth of
     * mapping-service's CPU in a first import). {@link #usable()} is false once a COPY batch failed (its
     * rows were encoded again while the refused ones were sought).
     */
    public static final class CommerceText {
        private final List<ColumnInfo> columns;
        private final Map<Integer, StringBuilder> byMapping = new HashMap<>();
        private final Map<Integer, Long> rows = new HashMap<>();
        private boolean usable = true;

        CommerceText(List<ColumnInfo> columns) {
            this.columns = columns;
        }

        /** The commerce columns of each line, in table order. */
        public List<ColumnInfo> columns() {
            return columns;
        }

        public boolean usable() {
            return usable;
        }

        /** The text of a mapping's rows (one line each), or null when it staged none. */
        public StringBuilder text(int mapping) {
            return byMapping.get(mapping);
        }

        /** How many lines {@link #text(int)} holds. */
        public long rows(int mapping) {
            return rows.getOrDefault(mapping, 0L);
        }

        void add(StageRow row, CharSequence line, int from, int to) {
            if (!row.keep()) {
                byMapping
                        .computeIfAbsent(row.mapping(), m -> new StringBuilder(1 << 16))
                        .append(line, from, to);
                rows.merge(row.mapping(), 1L, Long::sum);
            }
        }
    }

    private Staging() {}

    /** The staging table's name for a run and a commerce table: {@code stage_<stageId>_<table>}. */
    public static String tableName(long stageId, TableInfo table) {
        String name = "stage_" + stageId + "_" + table.name();
        return name.length() > MAX_IDENTIFIER ? name.substring(0, MAX_IDENTIFIER) : name;
    }

    /** {@code "schema"."table"}. */
    public static String qualified(String schema, String table) {
        return SchemaCatalog.quote(schema) + "." + SchemaCatalog.quote(table);
    }

    /**
     * Creates the staging table unless it exists: the commerce table's columns and types, no constraints.
     * {@code unlogged} skips the WAL, but crash recovery then empties the table ({@link #count} tells).
     */
    public static void create(Connection connection, String qualifiedStage, TableInfo table, boolean unlogged)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create " + (unlogged ? "unlogged " : "") + "table if not exists " + qualifiedStage
                    + " as select"
                    + " 0::integer as stage_mapping, 0::bigint as stage_chunk, 0::bigint as stage_row,"
                    + " false as stage_keep, null::bit varying as stage_written, t.* from " + table.qualified()
                    + " t with no data");
        }
    }

    /** The rows in a staging table. */
    static long count(Connection connection, String qualifiedStage) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from " + qualifiedStage)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    public static void drop(Connection connection, String qualifiedStage) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists " + qualifiedStage);
        }
    }

    /**
     * COPYs rows into a staging table in batches. A batch the database refuses is split in halves
     * (each under a savepoint) until the refused rows are found; they are returned, the others staged.
     */
    public static List<RefusedRow> copy(
            Connection connection, String qualifiedStage, TableInfo table, List<StageRow> rows, int batchRows)
            throws SQLException {
        return copy(connection, qualifiedStage, table, rows, batchRows, null);
    }

    /**
     * {@link #copy(Connection, String, TableInfo, List, int)}, keeping the commerce columns' text of the
     * rows in {@code text} when not null (see {@link CommerceText}).
     */
    static List<RefusedRow> copy(
            Connection connection,
            String qualifiedStage,
            TableInfo table,
            List<StageRow> rows,
            int batchRows,
            Function<List<ColumnInfo>, CommerceText> text)
            throws SQLException {
        List<ColumnInfo> columns = writtenColumns(table, rows);
        String sql = copySql(qualifiedStage, columns);
        List<RefusedRow> refused = new ArrayList<>();
        PGConnection pg = connection.unwrap(PGConnection.class);
        CommerceText kept = text == null ? null : text.apply(columns);
        for (int from = 0; from < rows.size(); from += batchRows) {
            copyRange(connection, pg, sql, columns, rows, from, Math.min(rows.size(), from + batchRows), refused, kept);
        }
        return refused;
    }

    /**
     * The commerce columns any of the rows wrote, in table order. The others stay NULL in staging: the
     * merge reads only the columns the run's rows wrote, so they are neither sent nor parsed (e.g. an
     * empty CustomFields JSON per row of a mapping without custom fields).
     */
    static List<ColumnInfo> writtenColumns(TableInfo table, List<StageRow> rows) {
        BitSet union = new BitSet();
        boolean customFields = false;
        for (StageRow row : rows) {
            union.or(row.source().written());
            customFields |= row.source().mapping().writesCustomFields();
        }
        if (customFields) {
            table.customFields().ifPresent(c -> union.set(c.ordinal()));
        }
        return table.columns().stream().filter(c -> union.get(c.ordinal())).toList();
    }

    static String copySql(String qualifiedStage, List<ColumnInfo> columns) {
        StringBuilder sql =
                new StringBuilder("copy ").append(qualifiedStage).append(" (").append(META_COLUMNS);
        for (ColumnInfo column : columns) {
            sql.append(", ").append(column.quoted());
        }
        return sql.append(") from stdin").toString();
    }

    private static void copyRange(
            Connection connection,
            PGConnection pg,
            String sql,
            List<ColumnInfo> columns,
            List<StageRow> rows,
            int from,
            int to,
            List<RefusedRow> refused,
            CommerceText text)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("savepoint stage_copy");
            try {
                writeCopy(pg, sql, columns, rows, from, to, text);
                statement.execute("release savepoint stage_copy");
                return;
            } catch (SQLException e) {
                if (!isDataError(e)) {
                    throw e;
                }
                statement.execute("rollback to savepoint stage_copy");
                statement.execute("release savepoint stage_copy");
                if (text != null) {
                    text.usable = false;
                }
                if (to - from == 1) {
                    refused.add(new RefusedRow(rows.get(from), describe(e)));
                    return;
                }
            }
        }
        int middle = (from + to) >>> 1;
        copyRange(connection, pg, sql, columns, rows, from, middle, refused, null);
        copyRange(connection, pg, sql, columns, rows, middle, to, refused, null);
    }

    /** Encodes and sends rows as they go, so the database parses one buffer while the next is encoded. */
    private static void writeCopy(
            PGConnection pg,
            String sql,
            List<ColumnInfo> columns,
            List<StageRow> rows,
            int from,
            int to,
            CommerceText kept)
            throws SQLException {
        CopyIn copy = pg.getCopyAPI().copyIn(sql);
        try {
            StringBuilder text = new StringBuilder(1 << 16);
            for (int i = from; i < to; i++) {
                int commerce = encode(rows.get(i), columns, text);
                if (kept != null) {
                    kept.add(rows.get(i), text, commerce, text.length());
                }
                if (text.length() >= 1 << 15) {
                    flush(copy, text);
                }
            }
            flush(copy, text);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void flush(CopyIn copy, StringBuilder text) throws SQLException {
        if (text.length() > 0) {
            byte[] data = text.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(data, 0, data.length);
            text.setLength(0);
        }
    }

    /** Data exceptions (class 22) and integrity violations (class 23) are the row's fault; anything else is not. */
    private static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private static String describe(SQLException e) {
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            String where = server.getWhere();
            String column = null;
            if (where != null) {
                int at = where.indexOf("column ");
                if (at >= 0) {
                    int colon = where.indexOf(':', at);
                    column = where.substring(at + 7, colon > 0 ? colon : where.length());
                }
            }
            String detail = server.getDetail();
            return (column != null ? column + ": " : "")
                    + server.getMessage()
                    + (detail != null ? " (" + detail + ")" : "");
        }
        return e.getMessage();
    }

    /**
     * One COPY text line: the bookkeeping columns, then the given commerce columns in table order.
     *
     * @return where in {@code out} the commerce columns begin (after the tab that separates them)
     */
    static int encode(StageRow row, List<ColumnInfo> columns, StringBuilder out) {
        MappedRow mapped = row.source();
        out.append(row.mapping())
                .append('\t')
                .append(row.chunk())
                .append('\t')
                .append(row.row())
                .append('\t')
                .append(row.keep() ? 't' : 'f')
                .append('\t');
        if (row.written() == null) {
            out.append("\\N");
        } else {
            int size = mapped.mapping().destination().columns().size();
            for (int i = 0; i < size; i++) {
                out.append(row.written().get(i) ? '1' : '0');
            }
        }
        if (!columns.isEmpty()) {
            out.append('\t');
        }
        int commerce = out.length();
        encodeColumns(mapped, columns, out, false);
        return commerce;
    }

    /** The columns of a COPY text line, separated by tabs (after one when {@code leadingTab}), and the newline. */
    static void encodeColumns(MappedRow mapped, List<ColumnInfo> columns, StringBuilder out, boolean leadingTab) {
        Object[] values = mapped.values();
        boolean tab = leadingTab;
        for (ColumnInfo column : columns) {
            if (tab) {
                out.append('\t');
            }
            tab = true;
            if (column.type() == ColumnType.JSONB) {
                Map<String, String> custom = mapped.customFields();
                text(custom == null || custom.isEmpty() ? "{}" : json(custom), out);
                continue;
            }
            Object value = values[column.ordinal()];
            if (value == null) {
                out.append("\\N");
            } else if (value instanceof String text) {
                text(text, out);
            } else if (value instanceof Boolean bool) {
                out.append(bool ? 't' : 'f');
            } else if (value instanceof BigDecimal number) {
                out.append(number.toString());
            } else {
                out.append(value);
            }
        }
        out.append('\n');
    }

    private static String json(Map<String, String> custom) {
        try {
            return JSON.writeValueAsString(custom);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("custom fields cannot be written as JSON", e);
        }
    }

    /** COPY text escaping: backslash, tab, newline and carriage return. */
    static void text(String value, StringBuilder out) {
        int plain = 0;
        while (plain < value.length() && !special(value.charAt(plain))) {
            plain++;
        }
        if (plain == value.length()) {
            out.append(value); // the usual case: one bulk copy instead of a char-by-char append
            return;
        }
        out.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    private static boolean special(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }

    /** The raw COPY of mapped rows straight into their commerce table (the benchmark's baseline). */
    public static void copyRaw(Connection connection, TableInfo table, List<MappedRow> rows)
            throws SQLException, IOException {
        StringBuilder sql = new StringBuilder("copy ").append(table.qualified()).append(" (");
        for (ColumnInfo column : table.columns()) {
            if (column.ordinal() > 0) {
                sql.append(", ");
            }
            sql.append(column.quoted());
        }
        sql.append(") from stdin");
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.toString());
        try {
            StringBuilder text = new StringBuilder(1 << 16);
            for (MappedRow row : rows) {
                encodeColumns(row, table.columns(), text, false);
                if (text.length() >= 1 << 15) {
                    flush(copy, text);
                }
            }
            flush(copy, text);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
